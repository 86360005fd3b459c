/**
 * `stream` for browser builds (issue 12: readable-stream v4 was ~28 KB gzip of the lab page). Only
 * what runs there: smtp-server's Writable parser and PassThrough data stream, pipe/unpipe of the
 * socket into the parser, and the simulator's virtual socket, a Duplex. The semantics those rely on
 * are Node's (and readable-stream v4's), kept here: a write's callback and 'drain' come a tick
 * later, `writableNeedDrain` past the high-water mark, a Transform holds its callback until read
 * (backpressure), 'end' only once the data is read, a non-half-open Duplex ends its writable side
 * at 'end', and a stream destroys itself once both sides are done (auto-destroy), then 'close'.
 * No object mode, no pipeline/compose/operators, no async iteration. tests/unit/net/stream-shim.test.ts
 * checks it against Node's own streams, and vitest.shim.config.ts runs the SMTP suites on it.
 */
// Default import: under the SSR build the alias gives the CommonJS polyfill, which has no named exports.
import EventEmitter from 'events';
import { Buffer } from 'buffer';

type Cb = (err?: Error | null) => void;
type Chunk = Buffer | string;
type Options = {
  highWaterMark?: number;
  allowHalfOpen?: boolean;
  autoDestroy?: boolean;
  emitClose?: boolean;
  decodeStrings?: boolean;
  read?(this: Duplex, n: number): void;
  write?(this: Duplex, chunk: Chunk, encoding: string, cb: Cb): void;
  final?(this: Duplex, cb: Cb): void;
  destroy?(this: Duplex, err: Error | null, cb: Cb): void;
  transform?(this: Transform, chunk: Chunk, encoding: string, cb: (err?: Error | null, data?: Chunk) => void): void;
  flush?(this: Transform, cb: (err?: Error | null, data?: Chunk) => void): void;
};

const tick = (fn: () => void) => queueMicrotask(fn);
const HWM = 16 * 1024;
const codeError = (code: string, message: string) => Object.assign(new Error(message), { code });

type Pipe = { dest: Duplex; ondata(c: Chunk): void; ondrain(): void; onend(): void };

/** Both sides in one class; Readable and Writable below switch one side off, as Node's are used. */
export class Duplex extends EventEmitter {
  // readable side
  private rOn: boolean;
  private rBuf: Chunk[] = [];
  private rLen = 0;
  private rHwm: number;
  private rEnded = false;
  private rEndEmitted = false;
  private rFlowing: boolean | null = null;
  private rReading = false;
  /** Inside _read: what it pushes is buffered, not handed out, so data keeps its order. */
  private rSync = false;
  private rListening = false;
  private rDecoder?: TextDecoder;
  private pipes: Pipe[] = [];
  // writable side
  private wOn: boolean;
  private wQueue: Array<{ chunk: Chunk; encoding: string; cb: Cb }> = [];
  private wLen = 0;
  private wHwm: number;
  private wWriting = false;
  private wEnding = false;
  private wFinalCalled = false;
  private wFinished = false;
  private wNeedDrain = false;
  private decodeStrings: boolean;
  // both
  allowHalfOpen: boolean;
  private autoDestroy: boolean;
  private emitClose: boolean;
  private isDestroyed = false;
  private closed = false;

  constructor(opts: Options = {}, sides: { readable?: boolean; writable?: boolean } = {}) {
    super();
    this.rOn = sides.readable ?? true;
    this.wOn = sides.writable ?? true;
    this.rHwm = this.wHwm = opts.highWaterMark ?? HWM;
    this.allowHalfOpen = opts.allowHalfOpen !== false;
    this.autoDestroy = opts.autoDestroy !== false;
    this.emitClose = opts.emitClose !== false;
    this.decodeStrings = opts.decodeStrings !== false;
    if (opts.read) this._read = opts.read;
    if (opts.write) this._write = opts.write;
    if (opts.final) this._final = opts.final;
    if (opts.destroy) this._destroy = opts.destroy;
  }

  // ---- what subclasses implement ----
  _read(_n: number): void {
    throw codeError('ERR_METHOD_NOT_IMPLEMENTED', 'The _read() method is not implemented');
  }
  _write(_chunk: Chunk, _encoding: string, _cb: Cb): void {
    throw codeError('ERR_METHOD_NOT_IMPLEMENTED', 'The _write() method is not implemented');
  }
  _final(cb: Cb): void {
    cb();
  }
  _destroy(err: Error | null, cb: Cb): void {
    cb(err);
  }

  // ---- state as Node names it ----
  get destroyed(): boolean {
    return this.isDestroyed;
  }
  get readable(): boolean {
    return this.rOn && !this.isDestroyed && !this.rEndEmitted;
  }
  get writable(): boolean {
    return this.wOn && !this.isDestroyed && !this.wEnding;
  }
  get readableEnded(): boolean {
    return this.rEndEmitted;
  }
  get readableLength(): number {
    return this.rLen;
  }
  get readableFlowing(): boolean | null {
    return this.rFlowing;
  }
  get writableEnded(): boolean {
    return this.wEnding;
  }
  get writableFinished(): boolean {
    return this.wFinished;
  }
  get writableLength(): number {
    return this.wLen;
  }
  get writableNeedDrain(): boolean {
    return this.wNeedDrain;
  }
  get writableHighWaterMark(): number {
    return this.wHwm;
  }

  // ---- readable side ----
  push(chunk: Chunk | null, encoding?: string): boolean {
    if (this.isDestroyed) return false;
    if (chunk === null) {
      this.rEnded = true;
      this.rReading = false;
      if (this.rLen === 0) this.maybeEnd();
      else this.emitReadable();
      return false;
    }
    if (this.rEnded) {
      this.destroy(codeError('ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'));
      return false;
    }
    this.rReading = false;
    let data: Chunk = typeof chunk === 'string' && !this.rDecoder ? Buffer.from(chunk, (encoding ?? 'utf8') as BufferEncoding) : chunk;
    if (this.rDecoder && typeof data !== 'string') data = this.rDecoder.decode(data, { stream: true });
    if (data.length === 0) return this.rLen < this.rHwm;
    if (this.rFlowing && this.rLen === 0 && !this.rSync && this.listenerCount('data') > 0) this.emit('data', data);
    else {
      this.rBuf.push(data);
      this.rLen += data.length;
      this.emitReadable();
    }
    return this.rLen < this.rHwm;
  }

  unshift(chunk: Chunk): void {
    if (chunk === null || chunk.length === 0) return;
    this.rBuf.unshift(chunk);
    this.rLen += chunk.length;
    this.emitReadable();
  }

  read(n?: number): Chunk | null {
    if (n === 0) {
      this.pull();
      if (this.rLen === 0 && this.rEnded) this.maybeEnd();
      return null;
    }
    let out: Chunk | null = null;
    if (this.rLen > 0) {
      if (this.rFlowing) {
        out = this.rBuf.shift()!;
      } else {
        out = this.rDecoder ? (this.rBuf as string[]).join('') : Buffer.concat(this.rBuf as Buffer[]);
        this.rBuf = [];
      }
      this.rLen -= out.length;
    }
    if (this.rLen === 0 && this.rEnded) this.maybeEnd();
    else if (!this.rEnded) this.pull();
    if (out !== null) this.emit('data', out);
    return out;
  }

  setEncoding(encoding: string): this {
    this.rDecoder = new TextDecoder(encoding === 'utf8' ? 'utf-8' : encoding);
    this.rBuf = this.rBuf.map((c) => (typeof c === 'string' ? c : this.rDecoder!.decode(c, { stream: true })));
    this.rLen = this.rBuf.reduce((s, c) => s + c.length, 0);
    return this;
  }

  override on(event: string | symbol, fn: (...args: any[]) => void): this {
    super.on(event, fn);
    if (event === 'data' && this.rFlowing !== false) this.resume();
    else if (event === 'readable' && !this.rListening) {
      this.rListening = true;
      this.rFlowing = false;
      if (this.rLen > 0 || this.rEnded) this.emitReadable();
      else this.pull();
    }
    return this;
  }
  override addListener(event: string | symbol, fn: (...args: any[]) => void): this {
    return this.on(event, fn);
  }
  override removeListener(event: string | symbol, fn: (...args: any[]) => void): this {
    super.removeListener(event, fn);
    // As Node, a tick later: a 'data' listener added meanwhile then starts the flow.
    if (event === 'readable')
      tick(() => {
        this.rListening = this.listenerCount('readable') > 0;
        if (this.rListening) return;
        if (this.listenerCount('data') > 0) this.resume();
        else this.rFlowing = null;
      });
    return this;
  }
  override off(event: string | symbol, fn: (...args: any[]) => void): this {
    return this.removeListener(event, fn);
  }

  resume(): this {
    if (!this.rFlowing) {
      this.rFlowing = !this.rListening;
      tick(() => this.flow());
    }
    return this;
  }

  pause(): this {
    if (this.rFlowing !== false) {
      this.rFlowing = false;
      this.emit('pause');
    }
    return this;
  }

  isPaused(): boolean {
    return this.rFlowing === false;
  }

  pipe<T extends Duplex>(dest: T, opts: { end?: boolean } = {}): T {
    const p: Pipe = {
      dest,
      ondata: (c) => {
        if (dest.write(c) === false) this.pause();
      },
      ondrain: () => {
        if (this.pipes.includes(p) && this.rFlowing === false) this.resume();
      },
      onend: () => dest.end(),
    };
    this.pipes.push(p);
    super.on('data', p.ondata);
    dest.on('drain', p.ondrain);
    if (opts.end !== false) this.once('end', p.onend);
    dest.emit('pipe', this);
    if (dest.writableNeedDrain) this.pause();
    else if (!this.rFlowing) this.resume();
    return dest;
  }

  unpipe(dest?: Duplex): this {
    for (const p of [...this.pipes]) {
      if (dest && p.dest !== dest) continue;
      this.pipes.splice(this.pipes.indexOf(p), 1);
      super.removeListener('data', p.ondata);
      p.dest.removeListener('drain', p.ondrain);
      this.removeListener('end', p.onend);
      if (this.pipes.length === 0) this.pause();
      p.dest.emit('unpipe', this);
    }
    return this;
  }

  private pull(): void {
    if (this.rReading || this.rEnded || this.isDestroyed || this.rLen >= this.rHwm) return;
    this.rReading = true;
    this.rSync = true;
    try {
      this._read(this.rHwm);
    } finally {
      this.rSync = false;
    }
  }

  private emitReadable(): void {
    if (this.rListening) tick(() => !this.isDestroyed && (this.rLen > 0 || this.rEnded) && this.emit('readable'));
    else if (this.rFlowing) tick(() => this.flow());
  }

  private flow(): void {
    if (this.rLen === 0) {
      if (this.rEnded) this.maybeEnd();
      else this.pull();
      return;
    }
    while (this.rFlowing && this.rLen > 0 && !this.isDestroyed) this.read();
  }

  private maybeEnd(): void {
    tick(() => {
      if (this.rEndEmitted || this.isDestroyed || this.rLen > 0 || (!this.rFlowing && !this.rListening)) return;
      this.rEndEmitted = true;
      this.emit('end');
      if (this.writable && !this.allowHalfOpen) tick(() => this.writable && this.end());
      else if (this.autoDestroy && (!this.wOn || this.wFinished)) this.destroy();
    });
  }

  // ---- writable side ----
  write(chunk: Chunk, encoding?: string | Cb, cb?: Cb): boolean {
    if (typeof encoding === 'function') [cb, encoding] = [encoding, undefined];
    const done = cb ?? (() => {});
    const err = this.wEnding ? codeError('ERR_STREAM_WRITE_AFTER_END', 'write after end') : this.isDestroyed ? codeError('ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed') : undefined;
    if (err) {
      tick(() => done(err));
      if (this.wEnding && !this.isDestroyed) this.destroy(err);
      return false;
    }
    let data = chunk;
    let enc = encoding ?? 'utf8';
    if (typeof data === 'string' && this.decodeStrings) {
      data = Buffer.from(data, enc as BufferEncoding);
      enc = 'buffer';
    } else if (typeof data !== 'string') enc = 'buffer';
    this.wLen += data.length;
    const ok = this.wLen < this.wHwm;
    if (!ok) this.wNeedDrain = true;
    this.wQueue.push({ chunk: data, encoding: enc, cb: done });
    if (!this.wWriting) this.writeNext();
    return ok && !this.isDestroyed;
  }

  end(chunk?: Chunk | Cb, encoding?: string | Cb, cb?: Cb): this {
    if (typeof chunk === 'function') [cb, chunk] = [chunk, undefined];
    if (typeof encoding === 'function') [cb, encoding] = [encoding, undefined];
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    if (cb) {
      if (this.wFinished) tick(() => cb!());
      else this.once('finish', () => cb!());
    }
    if (!this.wEnding) {
      this.wEnding = true;
      this.maybeFinish();
    }
    return this;
  }

  cork(): void {}
  uncork(): void {}

  private writeNext(): void {
    const next = this.wQueue.shift();
    if (!next || this.isDestroyed) return;
    this.wWriting = true;
    let called = false;
    this._write(next.chunk, next.encoding, (err) => {
      if (called) return;
      called = true;
      this.wWriting = false;
      this.wLen -= next.chunk.length;
      if (err) {
        tick(() => next.cb(err));
        this.destroy(err);
        return;
      }
      tick(() => {
        if (this.wNeedDrain && this.wLen === 0 && !this.wEnding && !this.isDestroyed) {
          this.wNeedDrain = false;
          this.emit('drain');
        }
        next.cb();
        this.maybeFinish();
      });
      if (this.wQueue.length) this.writeNext();
    });
  }

  private maybeFinish(): void {
    if (!this.wEnding || this.wWriting || this.wQueue.length || this.wFinalCalled || this.isDestroyed) return;
    this.wFinalCalled = true;
    // As Node: _final at once, 'finish' a tick after it calls back.
    this._final((err) => {
      if (err) return void this.destroy(err);
      this.emit('prefinish');
      tick(() => {
        if (this.isDestroyed) return;
        this.wFinished = true;
        this.emit('finish');
        if (this.autoDestroy && (!this.rOn || this.rEndEmitted)) this.destroy();
      });
    });
  }

  // ---- both ----
  destroy(err?: Error | null): this {
    if (this.isDestroyed) return this;
    this.isDestroyed = true;
    // As Node: buffered writes are failed unless one is still under way (then they never complete).
    const pending = this.wWriting ? [] : this.wQueue.splice(0);
    this._destroy(err ?? null, (e) => {
      tick(() => {
        for (const w of pending) w.cb(codeError('ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed'));
        if (e) this.emit('error', e);
        if (this.emitClose && !this.closed) {
          this.closed = true;
          this.emit('close');
        }
      });
    });
    return this;
  }
}

export class Readable extends Duplex {
  constructor(opts: Options = {}) {
    super(opts, { writable: false });
  }
}

export class Writable extends Duplex {
  constructor(opts: Options = {}) {
    super(opts, { readable: false });
  }
}

export class Transform extends Duplex {
  private held?: Cb;
  constructor(opts: Options = {}) {
    super(opts);
    if (opts.transform) this._transform = opts.transform;
    if (opts.flush) this._flush = opts.flush;
  }
  _transform(_chunk: Chunk, _encoding: string, _cb: (err?: Error | null, data?: Chunk) => void): void {
    throw codeError('ERR_METHOD_NOT_IMPLEMENTED', 'The _transform() method is not implemented');
  }
  _flush?(cb: (err?: Error | null, data?: Chunk) => void): void;
  override _write(chunk: Chunk, encoding: string, cb: Cb): void {
    const before = this.readableLength;
    this._transform(chunk, encoding, (err, data) => {
      if (err) return void cb(err);
      if (data !== undefined && data !== null) this.push(data);
      // Held until the reader takes what is buffered: backpressure from the reading side.
      if (this.writableEnded || before === this.readableLength || this.readableLength < this.writableHighWaterMark) cb();
      else this.held = cb;
    });
  }
  override _read(): void {
    const cb = this.held;
    this.held = undefined;
    cb?.();
  }
  override _final(cb: Cb): void {
    const end = (err?: Error | null, data?: Chunk) => {
      if (err) return void cb(err);
      if (data !== undefined && data !== null) this.push(data);
      this.push(null);
      cb();
    };
    if (this._flush) this._flush(end);
    else end();
  }
}

export class PassThrough extends Transform {
  override _transform(chunk: Chunk, _encoding: string, cb: (err?: Error | null, data?: Chunk) => void): void {
    cb(null, chunk);
  }
}

export const Stream = Duplex;
export default { Readable, Writable, Duplex, Transform, PassThrough, Stream };
