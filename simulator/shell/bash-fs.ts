/**
 * just-bash's IFileSystem over a host's HostFs. The HostFs stays the one
 * source of truth (logs, mailboxes and main.cf are written there by the
 * simulation), so the adapter keeps no copies: every call reads it anew,
 * which is also what makes live files (mail.log) fresh in every pipeline.
 * Timestamps come from the HostFs (virtual clock), never the wall clock.
 */
import type { ByteString, FsStat, IFileSystem } from 'just-bash';
import { FsError, normalizePath, type HostFs } from '../host/host-fs.ts';

type Bytes = string | Uint8Array;
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const text = (c: Bytes) => (typeof c === 'string' ? c : decoder.decode(c));

/** Node-style errors: just-bash prints `No such file or directory` from the code. */
function nodeError(err: unknown, op: string): Error {
  if (err instanceof FsError) {
    const messages: Record<string, string> = {
      ENOENT: 'no such file or directory',
      EISDIR: 'illegal operation on a directory',
      ENOTDIR: 'not a directory',
      EEXIST: 'file already exists',
      ENOTEMPTY: 'directory not empty',
      EACCES: 'permission denied',
    };
    return Object.assign(new Error(`${err.code}: ${messages[err.code]}, ${op} '${err.path}'`), { code: err.code, path: err.path });
  }
  return err as Error;
}

/**
 * ENOENT for a path that is simply not there, without a stack trace: just-bash's command lookup
 * stats its remembered path on every command it runs (and fails for each of ours, which live in no
 * directory), and capturing two stacks there was a large part of a loop's cost.
 */
function missing(op: string, path: string): Error {
  const err = Object.create(Error.prototype) as Error & { code: string; path: string };
  return Object.assign(err, { name: 'Error', message: `ENOENT: no such file or directory, ${op} '${path}'`, code: 'ENOENT', path });
}

function wrap<T>(op: string, fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(nodeError(err, op));
  }
}

const ASCII = /^[\x00-\x7f]*$/;
/** just-bash's ByteString is a latin1-shaped string under a type tag (its browser bundle does not export the tagger). */
const asByteString = (latin1: string) => latin1 as unknown as ByteString;

/** UTF-8 bytes of `text`, one char per byte. */
export function latin1Bytes(text: string): string {
  if (ASCII.test(text)) return text;
  const bytes = encoder.encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

const isDevNull = (path: string) => normalizePath(path) === '/dev/null';

export class HostBashFs implements IFileSystem {
  /** `onRead`: told of every file a command reads (the shell's `look` evidence). */
  constructor(
    private readonly fs: HostFs,
    private readonly onRead?: (path: string) => void,
  ) {}

  readFile(path: string): Promise<string> {
    return wrap('open', () => this.read(path));
  }
  /**
   * The file's UTF-8 bytes as just-bash's latin1-shaped byte string. Logs are
   * ASCII, where the text already is that string: a week of firewall.log
   * (tens of MB) goes to wc or grep without a copy (20x faster than bytes).
   */
  readFileBytes(path: string): Promise<ByteString> {
    return wrap('open', () => asByteString(latin1Bytes(this.read(path))));
  }
  readFileBuffer(path: string): Promise<Uint8Array> {
    return wrap('open', () => encoder.encode(this.read(path)));
  }
  writeFile(path: string, content: Bytes): Promise<void> {
    return wrap('open', () => this.fs.write(path, text(content)));
  }
  appendFile(path: string, content: Bytes): Promise<void> {
    return wrap('open', () => this.fs.append(path, text(content)));
  }
  exists(path: string): Promise<boolean> {
    return Promise.resolve(isDevNull(path) || this.fs.exists(path));
  }
  stat(path: string): Promise<FsStat> {
    if (isDevNull(path)) return Promise.resolve({ isFile: false, isDirectory: false, isSymbolicLink: false, mode: 0o666, size: 0, mtime: new Date(0) });
    if (!this.fs.exists(path)) return Promise.reject(missing('stat', normalizePath(path)));
    return wrap('stat', () => {
      const s = this.fs.stat(path);
      return { isFile: s.kind === 'file', isDirectory: s.kind === 'dir', isSymbolicLink: false, mode: s.mode, size: s.size, mtime: new Date(s.mtime) };
    });
  }
  lstat(path: string): Promise<FsStat> {
    return this.stat(path);
  }
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void> {
    return wrap('mkdir', () => {
      const p = normalizePath(path);
      if (this.fs.exists(p)) {
        if (options?.recursive && this.fs.isDir(p)) return;
        throw new FsError('EEXIST', p);
      }
      const parent = p.slice(0, p.lastIndexOf('/')) || '/';
      if (!options?.recursive && !this.fs.isDir(parent)) throw new FsError('ENOENT', p);
      this.fs.mkdirp(p);
    });
  }
  readdir(path: string): Promise<string[]> {
    return wrap('scandir', () => this.fs.list(path));
  }
  rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void> {
    return wrap('rm', () => {
      if (!this.fs.exists(path) && options?.force) return;
      this.fs.remove(path, options?.recursive);
    });
  }
  cp(src: string, dest: string, options?: { recursive?: boolean }): Promise<void> {
    return wrap('cp', () => this.copy(normalizePath(src), normalizePath(dest), !!options?.recursive));
  }
  mv(src: string, dest: string): Promise<void> {
    return wrap('rename', () => {
      this.copy(normalizePath(src), normalizePath(dest), true);
      this.fs.remove(src, true);
    });
  }
  resolvePath(base: string, path: string): string {
    return normalizePath(path, base);
  }
  getAllPaths(): string[] {
    return this.fs.paths();
  }
  chmod(path: string, mode: number): Promise<void> {
    return wrap('chmod', () => this.fs.chmod(path, mode));
  }
  symlink(): Promise<void> {
    return Promise.reject(Object.assign(new Error('EPERM: operation not permitted, symlink'), { code: 'EPERM' }));
  }
  link(existing: string, newPath: string): Promise<void> {
    return this.cp(existing, newPath);
  }
  readlink(path: string): Promise<string> {
    return Promise.reject(Object.assign(new Error(`EINVAL: invalid argument, readlink '${path}'`), { code: 'EINVAL' }));
  }
  realpath(path: string): Promise<string> {
    return wrap('realpath', () => {
      const p = normalizePath(path);
      if (!this.fs.exists(p)) throw new FsError('ENOENT', p);
      return p;
    });
  }
  utimes(): Promise<void> {
    return Promise.resolve(); // touch: mtimes follow the virtual clock on write
  }

  /** `< /dev/null` reads nothing, as on any Linux (`> /dev/null` is just-bash's own). */
  private read(path: string): string {
    if (isDevNull(path)) return '';
    const text = this.fs.read(path);
    this.onRead?.(normalizePath(path));
    return text;
  }

  private copy(src: string, dest: string, recursive: boolean): void {
    if (this.fs.isDir(src)) {
      if (!recursive) throw new FsError('EISDIR', src);
      this.fs.mkdirp(dest);
      for (const child of this.fs.list(src)) this.copy(`${src}/${child}`, `${dest}/${child}`, true);
      return;
    }
    const target = this.fs.isDir(dest) ? `${dest}/${src.slice(src.lastIndexOf('/') + 1)}` : dest;
    this.fs.write(target, this.fs.read(src));
  }
}
