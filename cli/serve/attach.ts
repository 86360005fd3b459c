/**
 * `relaylab shell --attach` / `relaylab check --attach`: the client end of a
 * running serve's control channel (control.ts). It finds the socket and token
 * in serve.json (or `--control PATH` and `--token T` / RELAYLAB_TOKEN), sends
 * a hello, then the terminal's raw keys or the script's lines, and prints what
 * the serve process sends back; the exit code is the remote one. It loads no
 * simulator code, so attaching is quick.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { controlFile, type ControlInfo, type Hello } from './control-path.ts';
import { t } from '../../simulator/i18n/t.ts';

export type AttachTarget = { socket: string; token: string };

export function findServe(opts: { control?: string; token?: string }): AttachTarget {
  const token = opts.token ?? process.env.RELAYLAB_TOKEN;
  if (opts.control && token) return { socket: opts.control, token };
  const file = controlFile();
  let info: ControlInfo;
  try {
    info = JSON.parse(readFileSync(file, 'utf8')) as ControlInfo;
  } catch {
    throw new Error(t('cli.serve.no-serve', { file }));
  }
  return { socket: opts.control ?? info.socket, token: token ?? info.token };
}

export async function attach(target: AttachTarget, hello: Omit<Hello, 'token'>, input: 'tty' | 'lines' | 'none'): Promise<number> {
  const c = connect(target.socket);
  await new Promise<void>((resolve, reject) => {
    c.once('connect', () => resolve());
    c.once('error', (err) => reject(new Error(t('cli.serve.cannot-reach', { socket: target.socket, error: (err as NodeJS.ErrnoException).code ?? err.message }))));
  });
  const send = (m: object) => {
    if (!c.destroyed) c.write(JSON.stringify(m) + '\n');
  };
  let code = 1;
  const done = new Promise<void>((resolve) => {
    createInterface({ input: c, crlfDelay: Infinity }).on('line', (text) => {
      const m = JSON.parse(text) as { out?: string; err?: string; exit?: number };
      if (m.out !== undefined) process.stdout.write(m.out);
      if (m.err !== undefined) process.stderr.write(m.err);
      if (m.exit !== undefined) code = m.exit;
    });
    c.on('close', () => resolve());
  });
  c.on('error', () => undefined);
  send({ hello: { ...hello, token: target.token } });
  if (input === 'tty') {
    process.stdin.setRawMode(true);
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (keys: string) => send({ keys }));
    process.stdout.on('resize', () => send({ resize: { cols: process.stdout.columns, rows: process.stdout.rows } }));
  } else if (input === 'lines') {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) send({ line });
    send({ eof: true });
  } else send({ eof: true });
  await done;
  if (input === 'tty') {
    process.stdin.setRawMode(false);
    process.stdin.pause();
  }
  return code;
}

/** `relaylab shell --attach [--control PATH --token T]`. */
export async function shellAttached(args: string[]): Promise<number> {
  try {
    const { values } = parseArgs({ args, strict: true, options: { attach: { type: 'boolean' }, control: { type: 'string' }, token: { type: 'string' } } });
    const target = findServe(values);
    const tty = !!process.stdin.isTTY;
    return await attach(target, { verb: 'shell', mode: tty ? 'tty' : 'script', cols: process.stdout.columns, rows: process.stdout.rows }, tty ? 'tty' : 'lines');
  } catch (err) {
    process.stderr.write(`relaylab shell: ${(err as Error).message}\n`);
    return 2;
  }
}

/**
 * `relaylab check --attach [--lab ID] [--answer STEP=TEXT]...`: the lines on stdin (if it is not a
 * terminal) are typed into a shell on the running serve's network, then its lab (or --lab) is graded
 * there, on the network as it is now. Same report and exit code as `relaylab check`.
 */
export async function checkAttached(args: string[]): Promise<number> {
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      options: { attach: { type: 'boolean' }, lab: { type: 'string' }, answer: { type: 'string', multiple: true }, transcript: { type: 'boolean' }, control: { type: 'string' }, token: { type: 'string' } },
    });
    const answers: Record<string, string> = {};
    for (const a of values.answer ?? []) {
      const eq = a.indexOf('=');
      if (eq < 1) throw new Error(t('cli.check.bad-answer', { value: a }));
      answers[a.slice(0, eq)] = a.slice(eq + 1);
    }
    const target = findServe(values);
    return await attach(target, { verb: 'check', mode: 'script', lab: values.lab, answers, transcript: values.transcript }, process.stdin.isTTY ? 'none' : 'lines');
  } catch (err) {
    process.stderr.write(`relaylab check: ${(err as Error).message}\n`);
    return 2;
  }
}
