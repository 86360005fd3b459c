/**
 * A host's filesystem: synchronous, plain data, snapshot-able. The simulation
 * writes logs and mailboxes here on its hot paths; the shell reads it through
 * an adapter. Files may be live (content computed on read), which is how
 * /var/log/mail.log shows a log store without copying it on every line.
 */
/** Appended text not yet joined into `data`: strings, or content computed when the file is first read. */
export type Pending = Array<string | (() => string)>;
export type FileEntry =
  | { kind: 'file'; data: string; mtime: number; mode: number; pending?: Pending }
  | { kind: 'live'; read: () => string; mtime: () => number; mode: number };
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

/** An absolute path with no empty, `.` or `..` part and no trailing slash: what normalizePath returns. */
const NORMAL = /^(?:\/(?!\.\.?(?:\/|$))[^/]+)+$/;

export function normalizePath(path: string, cwd = '/'): string {
  // The shell adapter calls this several times per file operation, almost always with a normal path:
  // skip the split and join (measured: ~4% of a long restore's replay).
  if (path === '/' || NORMAL.test(path)) return path;
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

/**
 * The text of a file, joining what was appended since the last read. Appends
 * are kept as parts (a day of firewall LOG lines or mailbox deliveries would
 * otherwise grow one string per line), and a deferred part — a mailbox entry
 * of a bulk message — is only rendered when someone reads the file.
 */
function dataOf(e: Extract<FileEntry, { kind: 'file' }>): string {
  const pending = e.pending;
  if (pending) {
    e.pending = undefined;
    const tail = pending.map((part) => (typeof part === 'string' ? part : part())).join('');
    e.data = e.data ? e.data + tail : tail;
  }
  return e.data;
}

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
    return { kind: 'file', size: dataOf(e).length, mtime: e.mtime, mode: e.mode };
  }

  read(path: string): string {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError('ENOENT', p);
    if (e.kind === 'dir') throw new FsError('EISDIR', p);
    return e.kind === 'live' ? e.read() : dataOf(e);
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
    this.appendPart(path, data);
  }

  /**
   * Append text that is computed only when the file is read (same bytes as
   * append(path, render()), in the same place, with the mtime of now).
   * `render` must be pure: it may run much later, or never.
   */
  appendDeferred(path: string, render: () => string): void {
    this.appendPart(path, render);
  }

  private appendPart(path: string, part: string | (() => string)): void {
    // Keys are normalised paths, so a direct hit needs no normalising (log writers append per line).
    const direct = this.entries.get(path);
    const p = direct ? path : normalizePath(path);
    const e = direct ?? this.entries.get(p);
    if (e?.kind === 'file') {
      if (e.pending) e.pending.push(part);
      else e.pending = [part];
      e.mtime = this.now();
      return;
    }
    this.write(p, (e ? this.read(p) : '') + (typeof part === 'string' ? part : part()));
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
      out[p] = e.kind === 'dir' ? { kind: 'dir', mtime: e.mtime, mode: e.mode } : { kind: 'file', data: dataOf(e), mtime: e.mtime, mode: e.mode };
    }
    return out;
  }
}
