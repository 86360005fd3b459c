/**
 * The workshop server: the built site and the progress API on one origin
 * (browsers ask permission before a page calls a private address of another
 * origin). Attendees join with the room's code and a name and get a seat
 * with its own seed; their lab pages post progress events, acknowledged only
 * once stored; the trainer's view is pushed by Server-Sent Events.
 *
 *   GET  /api/workshop            the policy, and the caller's seat (Bearer token) if any
 *   POST /api/join                {code, name, token?} → the seat (resumed by token or name)
 *   POST /api/progress            {sentAt, events} (Bearer token) → {stored: ids}
 *   GET  /api/policy/stream       SSE `policy` (lab pages: hints, "Show me")
 *   GET  /api/trainer/stream      SSE `class` (the trainer's view)          trainer only
 *   POST /api/trainer/policy      the hint policy and "Show me"             trainer only
 *   GET  /api/trainer/export.csv, export.json                               trainer only
 * Trainer: the key printed at start, as ?key= once (kept in a cookie) or on each call.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Lab } from '../../simulator/labs/schema.ts';
import { classView, type ClassView } from './class-view.ts';
import { toCsv, toJson } from './export.ts';
import { serveStatic, WORKSHOP_META } from '../static-site.ts';
import { DEFAULT_POLICY, type HintPolicy, type ProgressStore, type WorkshopEvent } from './types.ts';
import { t as message } from '../../simulator/i18n/t.ts';

export type WorkshopServerOptions = { store: ProgressStore; labs: readonly Lab[]; siteDir: string; host: string; port: number; now?: () => number };
export type WorkshopServer = { url: string; port: number; joinCode: string; trainerKey: string; server: Server; view(): Promise<ClassView>; close(): Promise<void> };

const EventSchema = z
  .object({
    id: z.string().min(8).max(64),
    lab: z.string().min(1).max(100),
    step: z.string().max(100),
    kind: z.enum(['opened', 'passed', 'reopened', 'wrong-fix', 'hint', 'show-me', 'answer', 'complete']),
    at: z.number().finite(),
    seq: z.number().int().min(0).max(2 ** 31 - 1),
    detail: z.string().max(2000),
  })
  .strict();
const ProgressSchema = z.object({ sentAt: z.number().finite().optional(), events: z.array(EventSchema).max(500) });
const JoinSchema = z.object({ code: z.string().max(40).optional(), name: z.string().max(200).optional(), token: z.string().max(100).optional() });
const PolicySchema = z.object({ hints: z.enum(['free', 'after', 'off']), afterMinutes: z.number().int().min(0).max(600), showMe: z.boolean() }).strict();

/** Letters and digits no one misreads from a projector (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newJoinCode = () => {
  const b = randomBytes(6);
  const chars = [...b].map((x) => CODE_ALPHABET[x % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 3)}-${chars.slice(3)}`;
};
const codeKey = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** A seat's seed: the workshop's base mixed with the seat number (reproducible by the trainer: it is shown and exported). */
export function seatSeed(base: number, seatId: number): number {
  let h = (base ^ Math.imul(seatId, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) % 1_000_000;
}

async function metaOr(store: ProgressStore, key: string, make: () => string): Promise<string> {
  const have = await store.getMeta(key);
  if (have !== undefined) return have;
  const value = make();
  await store.setMeta(key, value);
  return value;
}

class SseChannel {
  readonly clients = new Set<ServerResponse>();
  open(req: IncomingMessage, res: ServerResponse, first: string): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    // Reconnect within a second of a restart (EventSource does so by itself).
    res.write(`retry: 1000\n\n${first}`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }
  send(message: string): void {
    for (const c of this.clients) c.write(message);
  }
}
const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage, limit = 1 << 20): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, message('cli.workshop.api-too-large'));
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new HttpError(400, message('cli.workshop.api-not-json'));
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const bearer = (req: IncomingMessage) => /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
const cookie = (req: IncomingMessage, name: string) =>
  (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === name)?.[1];
const sameSecret = (a: string | undefined, b: string) => !!a && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function startWorkshopServer(opts: WorkshopServerOptions): Promise<WorkshopServer> {
  const { store, labs } = opts;
  const now = opts.now ?? Date.now;
  // The workshop's identity survives restarts: same code, same trainer link, same seeds.
  const joinCode = await metaOr(store, 'join-code', newJoinCode);
  const trainerKey = await metaOr(store, 'trainer-key', () => randomBytes(18).toString('base64url'));
  const seedBase = Number(await metaOr(store, 'seed-base', () => String(randomBytes(4).readUInt32LE(0))));
  let policy: HintPolicy = { ...DEFAULT_POLICY, ...PolicySchema.partial().parse(JSON.parse((await store.getMeta('policy')) ?? '{}')) };

  const trainers = new SseChannel();
  const attendees = new SseChannel();
  const view = async () => classView(labs, await store.classData(), policy, now());
  let pushTimer: NodeJS.Timeout | undefined;
  // Coalesced: fifty pages posting at once make one push, not fifty.
  const schedulePush = () => {
    if (pushTimer || !trainers.clients.size) return;
    pushTimer = setTimeout(() => {
      pushTimer = undefined;
      view().then(
        (v) => trainers.send(sse('class', v)),
        () => undefined,
      );
    }, 50);
  };
  // On PostgreSQL other processes may store too (several behind one address): look again every 2 s.
  const refresh = store.kind === 'postgres' ? setInterval(schedulePush, 2000) : undefined;
  const heartbeat = setInterval(() => {
    trainers.send(': ping\n\n');
    attendees.send(': ping\n\n');
  }, 15_000);

  const isTrainer = (req: IncomingMessage, url: URL) => sameSecret(url.searchParams.get('key') ?? cookie(req, 'relaylab_trainer'), trainerKey);
  const seatOf = async (req: IncomingMessage) => {
    const token = bearer(req);
    return token ? store.seatByToken(token) : undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://workshop.invalid');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (!path.startsWith('/api/')) {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, message('cli.workshop.api-method'));
      // The trainer link: keep the key in a cookie and drop it from the address bar.
      if (path.startsWith('/workshop/trainer') && url.searchParams.has('key')) {
        if (!isTrainer(req, url)) throw new HttpError(403, message('cli.workshop.api-not-trainer-key'));
        res.writeHead(303, { location: '/workshop/trainer/', 'set-cookie': `relaylab_trainer=${trainerKey}; HttpOnly; SameSite=Strict; Path=/` });
        return void res.end();
      }
      return serveStatic(opts.siteDir, req, res, path, WORKSHOP_META);
    }
    if (method === 'GET' && path === '/api/workshop') {
      const seat = await seatOf(req);
      return sendJson(res, 200, { workshop: true, policy, joinPath: '/workshop/join/', seat: seat ? { id: seat.id, name: seat.name, seed: seat.seed } : null });
    }
    if (method === 'POST' && path === '/api/join') {
      const body = JoinSchema.safeParse(await readJson(req));
      if (!body.success) throw new HttpError(400, message('cli.workshop.api-join-body'));
      const { code = '', name = '', token } = body.data;
      const known = token ? await store.seatByToken(token) : undefined;
      if (!known) {
        if (codeKey(code) !== codeKey(joinCode)) throw new HttpError(403, message('cli.workshop.api-wrong-code'));
        if (!name.trim()) throw new HttpError(400, message('cli.workshop.api-no-name'));
      }
      const seat = await store.join(known?.name ?? name, known?.token, now(), (id) => seatSeed(seedBase, id), () => randomBytes(18).toString('base64url'));
      schedulePush();
      return sendJson(res, 200, { token: seat.token, id: seat.id, name: seat.name, seed: seat.seed });
    }
    if (method === 'POST' && path === '/api/progress') {
      const seat = await seatOf(req);
      if (!seat) throw new HttpError(401, message('cli.workshop.api-unknown-seat'));
      const body = ProgressSchema.safeParse(await readJson(req));
      if (!body.success) throw new HttpError(400, message('cli.workshop.api-progress', { error: body.error.issues[0]?.message ?? message('cli.workshop.api-invalid') }));
      const t = now();
      // The page's clock may be off: its times are moved by the difference at sending.
      const offset = body.data.sentAt === undefined ? 0 : t - body.data.sentAt;
      const events: WorkshopEvent[] = body.data.events.map((e) => ({ ...e, at: e.at + offset }));
      const stored = await store.record(seat.id, events, t);
      schedulePush();
      return sendJson(res, 200, { stored });
    }
    if (method === 'GET' && path === '/api/policy/stream') {
      return attendees.open(req, res, sse('policy', policy));
    }
    if (path.startsWith('/api/trainer/')) {
      if (!isTrainer(req, url)) throw new HttpError(401, message('cli.workshop.api-trainer-only'));
      if (method === 'GET' && path === '/api/trainer/stream') return trainers.open(req, res, sse('class', await view()));
      if (method === 'GET' && path === '/api/trainer/export.json') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-disposition': 'attachment; filename="relaylab-workshop.json"' });
        return void res.end(toJson(await view()));
      }
      if (method === 'GET' && path === '/api/trainer/export.csv') {
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="relaylab-workshop.csv"' });
        return void res.end(toCsv(await view()));
      }
      if (method === 'GET' && path === '/api/trainer/info') return sendJson(res, 200, { joinCode });
      if (method === 'POST' && path === '/api/trainer/policy') {
        const body = PolicySchema.safeParse(await readJson(req));
        if (!body.success) throw new HttpError(400, message('cli.workshop.api-policy-body'));
        policy = body.data;
        await store.setMeta('policy', JSON.stringify(policy));
        attendees.send(sse('policy', policy));
        schedulePush();
        return sendJson(res, 200, policy);
      }
    }
    throw new HttpError(404, message('cli.workshop.api-not-found'));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message });
      process.stderr.write(`relaylab workshop: ${(err as Error).stack ?? String(err)}\n`);
      sendJson(res, 500, { error: 'the workshop could not store this; the page will send it again' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${hostInUrl}:${port}`,
    port,
    joinCode,
    trainerKey,
    server,
    view,
    async close() {
      clearInterval(heartbeat);
      if (refresh) clearInterval(refresh);
      if (pushTimer) clearTimeout(pushTimer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
