/**
 * A host's filesystem: synchronous, plain data, snapshot-able. The simulation
 * writes logs and mailboxes here on its hot paths; the shell reads it through
 * an adapter. Files may be live (content computed on read), which is how
 * /var/log/mail.log shows a log store without copying it on every line.
 */
export type FileEntry = { kind: 'file'; data: string; mtime: number; mode: number } | { kind: 'live'; read: () => string; mtime: () => number; mode: number };
export type DirEntry = { kind: 'dir'; mtime: number; mode: number };
type Entry = FileEntry | DirEntry;

export class FsError extends Error {
  constructor(
    readonly code: 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EACCES',
    readonly path: string,
  ) {
    super(`${code}: ${path}`);
  }
}

export function normalizePath(path: string, cwd = '/'): string {
  const abs = path.startsWith('/') ? path : `${cwd}/${path}`;
  const parts: string[] = [];
  for (const p of abs.split('/')) {
    if (!p || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

const parentOf = (p: string) => (p === '/' ? '/' : p.slice(0, p.lastIndexOf('/')) || '/');

export class HostFs {
  private entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {
    this.entries.set('/', { kind: 'dir', mtime: now(), mode: 0o755 });
  }

  exists(path: string): boolean {
    return this.entries.has(normalizePath(path));
  }

  isDir(path: string): boolean {
    return this.entries.get(normalizePath(path))?.kind === 'dir';
  }

  stat(path: string): { kind: 'file' | 'dir'; size: number; mtime: number; mode: number } {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError('ENOENT', p);
    if (e.kind === 'dir') return { kind: 'dir', size: 4096, mtime: e.mtime, mode: e.mode };
    if (e.kind === 'live') return { kind: 'file', size: e.read().length, mtime: e.mtime(), mode: e.mode };
    return { kind: 'file', size: e.data.length, mtime: e.mtime, mode: e.mode };
  }

  read(path: string): string {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError('ENOENT', p);
    if (e.kind === 'dir') throw new FsError('EISDIR', p);
    return e.kind === 'live' ? e.read() : e.data;
  }

  tryRead(path: string): string | undefined {
    return this.exists(path) && !this.isDir(path) ? this.read(path) : undefined;
  }

  write(path: string, data: string, mode = 0o644): void {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (e?.kind === 'dir') throw new FsError('EISDIR', p);
    this.mkdirp(parentOf(p));
    this.entries.set(p, { kind: 'file', data, mtime: this.now(), mode: e?.mode ?? mode });
  }

  append(path: string, data: string): void {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (e?.kind === 'file') {
      e.data += data;
      e.mtime = this.now();
      return;
    }
    this.write(p, (e ? this.read(p) : '') + data);
  }

  /** A file whose content is computed when read (logs backed by a store). */
  live(path: string, read: () => string, mtime: () => number = this.now, mode = 0o640): void {
    const p = normalizePath(path);
    this.mkdirp(parentOf(p));
    this.entries.set(p, { kind: 'live', read, mtime, mode });
  }

  mkdirp(path: string): void {
    const p = normalizePath(path);
    if (p === '/') return;
    const e = this.entries.get(p);
    if (e?.kind === 'dir') return;
    if (e) throw new FsError('ENOTDIR', p);
    this.mkdirp(parentOf(p));
    this.entries.set(p, { kind: 'dir', mtime: this.now(), mode: 0o755 });
  }

  list(path: string): string[] {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError('ENOENT', p);
    if (e.kind !== 'dir') throw new FsError('ENOTDIR', p);
    const prefix = p === '/' ? '/' : p + '/';
    const out: string[] = [];
    for (const key of this.entries.keys()) {
      if (key !== p && key.startsWith(prefix) && !key.slice(prefix.length).includes('/')) out.push(key.slice(prefix.length));
    }
    return out.sort();
  }

  remove(path: string, recursive = false): void {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError('ENOENT', p);
    if (e.kind === 'dir') {
      const children = this.list(p);
      if (children.length && !recursive) throw new FsError('ENOTEMPTY', p);
      for (const c of children) this.remove(`${p}/${c}`, true);
    }
    this.entries.delete(p);
  }

  chmod(path: string, mode: number): void {
    const e = this.entries.get(normalizePath(path));
    if (!e) throw new FsError('ENOENT', normalizePath(path));
    e.mode = mode;
  }

  paths(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** Plain data for saved progress; live files are re-attached by their owners on restore. */
  snapshot(): Record<string, { kind: 'file' | 'dir'; data?: string; mtime: number; mode: number }> {
    const out: Record<string, { kind: 'file' | 'dir'; data?: string; mtime: number; mode: number }> = {};
    for (const [p, e] of this.entries) {
      if (e.kind === 'live') continue;
      out[p] = e.kind === 'dir' ? { kind: 'dir', mtime: e.mtime, mode: e.mode } : { kind: 'file', data: e.data, mtime: e.mtime, mode: e.mode };
    }
    return out;
  }
}
