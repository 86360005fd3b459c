/**
 * tail -f: prints the last lines, then new lines as the file grows, until
 * Ctrl-C. While you watch, simulated time passes with real time (one second
 * per second), so queued deliveries and bots keep writing the logs.
 */
import { normalizePath } from '../../host/host-fs.ts';
import type { CommandContext } from '../command-spec.ts';
import type { ForegroundProgram } from '../terminal.ts';
import { look } from '../look.ts';

const POLL_MS = 250;

export async function runTailFollow(ctx: CommandContext): Promise<number> {
  let lines = 10;
  const files: string[] = [];
  for (let i = 0; i < ctx.args.length; i++) {
    const a = ctx.args[i]!;
    if (a === '-n') lines = Number(ctx.args[++i]) || 10;
    else if (/^-n\d+$/.test(a)) lines = Number(a.slice(2));
    else if (/^-\d+$/.test(a)) lines = Number(a.slice(1));
    else if (!a.startsWith('-')) files.push(normalizePath(a, ctx.cwd));
  }
  const path = files[0];
  const tty = ctx.tty;
  if (!path || !tty) {
    ctx.err('tail: -f needs a file and a terminal\n');
    return 1;
  }
  const fs = ctx.machine.fs;
  if (!fs.exists(path)) {
    ctx.err(`tail: cannot open '${ctx.args[ctx.args.length - 1]}' for reading: No such file or directory\n`);
    return 1;
  }
  let seen = fs.read(path);
  look(ctx, 'file', path);
  const tail = seen.split('\n');
  if (tail[tail.length - 1] === '') tail.pop();
  ctx.out(tail.slice(-lines).map((l) => l + '\n').join(''));
  let ticks = 0;
  let stop!: (code: number) => void;
  const done = new Promise<number>((r) => (stop = r));
  // Real time comes from the transport (a page or a terminal has it; a script has none and only sees EOF).
  const stopTicking = ctx.sim.host.every?.(POLL_MS, () => {
    if (++ticks % (1000 / POLL_MS) === 0) ctx.sim.clock.advance(1000);
    const now = fs.tryRead(path) ?? '';
    if (now.length < seen.length) ctx.err(`tail: ${path}: file truncated\n`);
    else if (now !== seen) ctx.out(now.slice(seen.length));
    seen = now;
  });
  const program: ForegroundProgram = {
    input: (data) => {
      if (data.includes('\x03')) {
        tty.terminal.write('^C\r\n');
        stop(130);
      }
    },
    readyForLine: () => true,
    endOfInput: () => stop(0),
  };
  const onAbort = () => stop(130);
  ctx.signal.addEventListener('abort', onAbort);
  await tty.attach(program, done);
  stopTicking?.();
  ctx.signal.removeEventListener('abort', onAbort);
  return done;
}
