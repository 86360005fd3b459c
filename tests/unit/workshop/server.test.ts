/**
 * The workshop server over real loopback HTTP: fifty attendees posting at
 * once (every event stored once, resends included), seats resumed, the trainer
 * API closed to others, and exports that hold every seat and step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openStore } from '../../../cli/workshop/store.ts';
import { startWorkshopServer, type WorkshopServer } from '../../../cli/workshop/server.ts';
import { CSV_COLUMNS, exportRows, parseCsv } from '../../../cli/workshop/export.ts';
import type { ClassView } from '../../../cli/workshop/class-view.ts';
import type { ProgressStore } from '../../../cli/workshop/types.ts';
import { bounded, fakeSite, post, shippedLabs, tempDir } from './helpers.ts';

const labs = shippedLabs();
const lab = labs.find((l) => l.id === 'close-the-relay')!;
let store: ProgressStore;
let ws: WorkshopServer;

beforeAll(async () => {
  store = await openStore({ data: join(tempDir('relaylab-ws-'), 'w.db') });
  ws = await startWorkshopServer({ store, labs, siteDir: fakeSite(), host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await ws.close();
  await store.close();
});

describe('workshop server', () => {
  it('joins with the code only; the same name or token resumes the seat', async () => {
    expect((await post(`${ws.url}/api/join`, { code: 'WRONG-1', name: 'Eve' })).status).toBe(403);
    const code = ws.joinCode.toLowerCase().replace('-', ' ');
    const first = await post(`${ws.url}/api/join`, { code, name: 'Grace Hopper' });
    expect(first.status).toBe(200);
    const again = await post(`${ws.url}/api/join`, { code: ws.joinCode, name: 'grace  hopper' });
    expect(again.json).toEqual(first.json);
    expect((await post(`${ws.url}/api/join`, { token: first.json.token })).json.id).toBe(first.json.id);
    const info = await (await fetch(`${ws.url}/api/workshop`, { headers: { authorization: `Bearer ${first.json.token}` } })).json();
    expect(info.seat).toEqual({ id: first.json.id, name: 'Grace Hopper', seed: first.json.seed });
    expect((await post(`${ws.url}/api/progress`, { events: [] }, 'not-a-seat')).status).toBe(401);
  });

  it('50 attendees posting concurrently: every event stored once, resends included', async () => {
    const seats = await bounded(50, Array.from({ length: 50 }, (_, i) => async () => (await post(`${ws.url}/api/join`, { code: ws.joinCode, name: `attendee ${i}` })).json as { token: string; id: number }));
    expect(new Set(seats.map((s) => s.id)).size).toBe(50);
    const sent = new Set<string>();
    // Each attendee: 6 posts of the lab's steps passing one by one, every other post sent twice (a resend after a lost reply).
    const attendee = (seat: { token: string; id: number }) => async () => {
      for (let k = 0; k < 6; k++) {
        const step = lab.steps[k % lab.steps.length]!.id;
        const events = [
          { id: `seat-${seat.id}-${k}-a`, lab: lab.id, step, kind: 'wrong-fix', at: Date.now(), seq: 2 * k + 1, detail: `still relays: ${k} of 16 tests accepted` },
          { id: `seat-${seat.id}-${k}-b`, lab: lab.id, step, kind: 'passed', at: Date.now(), seq: 2 * k + 2, detail: 'ok' },
        ];
        for (const e of events) sent.add(e.id);
        const times = k % 2 ? 2 : 1;
        for (let t = 0; t < times; t++) {
          const r = await post(`${ws.url}/api/progress`, { sentAt: Date.now(), events }, seat.token);
          expect(r.status).toBe(200);
          expect(r.json.stored).toEqual(events.map((e) => e.id));
        }
      }
    };
    await bounded(50, seats.map(attendee));
    const stored = (await store.allEvents()).map((e) => e.id);
    expect(stored.length).toBe(sent.size);
    expect(new Set(stored)).toEqual(sent);
    const view = await ws.view();
    expect(view.wrongFixes[0]).toMatchObject({ lab: lab.id, seats: 50 });
    const seat0 = view.seats.find((s) => s.id === seats[0]!.id)!;
    expect(lab.steps.every((s) => seat0.cells[`${lab.id}/${s.id}`]?.status === 'passed')).toBe(true);
  });

  it('the trainer API needs the key; exports hold every seat and step, and read back the same', async () => {
    expect((await fetch(`${ws.url}/api/trainer/export.json`)).status).toBe(401);
    const key = encodeURIComponent(ws.trainerKey);
    const json = (await (await fetch(`${ws.url}/api/trainer/export.json?key=${key}`)).json()) as ClassView;
    const csv = parseCsv(await (await fetch(`${ws.url}/api/trainer/export.csv?key=${key}`)).text());
    expect(csv[0]).toEqual([...CSV_COLUMNS]);
    const rows = csv.slice(1).map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]])));
    // The CSV says what the JSON says, cell for cell; both hold every seat × every step of every lab.
    expect(rows).toEqual(exportRows(json));
    const steps = labs.reduce((n, l) => n + l.steps.length, 0);
    const seats = await store.classData();
    expect(json.seats.map((s) => s.id)).toEqual(seats.seats.map((s) => s.id));
    expect(rows.length).toBe(seats.seats.length * steps);
    for (const s of seats.seats) for (const l of labs) for (const st of l.steps) expect(rows.some((r) => r.seat === String(s.id) && r.lab === l.id && r.step === st.id)).toBe(true);
    expect(rows.filter((r) => r.lab === lab.id && r.status === 'passed').length).toBe(50 * lab.steps.length);
  });

  it('a name with quotes, commas and a line break survives the CSV', async () => {
    const odd = 'O"Brien, Pat\nthe 2nd';
    await post(`${ws.url}/api/join`, { code: ws.joinCode, name: odd });
    const csv = parseCsv(await (await fetch(`${ws.url}/api/trainer/export.csv?key=${encodeURIComponent(ws.trainerKey)}`)).text());
    expect(csv.some((r) => r[1] === 'O"Brien, Pat the 2nd')).toBe(true);
  });

  it('the hint policy: only the trainer sets it, and it is what the lab pages are told', async () => {
    const key = encodeURIComponent(ws.trainerKey);
    const policy = { hints: 'after', afterMinutes: 5, showMe: true };
    expect((await post(`${ws.url}/api/trainer/policy`, policy)).status).toBe(401);
    expect((await post(`${ws.url}/api/trainer/policy?key=${key}`, policy)).json).toEqual(policy);
    expect((await (await fetch(`${ws.url}/api/workshop`)).json()).policy).toEqual(policy);
    expect((await post(`${ws.url}/api/trainer/policy?key=${key}`, { hints: 'sometimes' })).status).toBe(400);
  });
});
