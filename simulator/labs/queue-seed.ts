/**
 * Scenario `queue: "spam-backlog"`: the mail queue as an admin finds it the
 * morning after an open relay was found. In the minutes before the lab
 * starts, the outside spammer (198.51.100.66) relayed a few batches through
 * mail.corp.example, and two colleagues sent ordinary mail. All of it goes
 * to freemail.example, whose MX greylists new senders, so everything sits
 * deferred in the queue — spam and legitimate mail side by side, told apart
 * only by who handed it in (sender, Received: header), as in real life.
 *
 * It all goes through `mailServer.runSession`, the same smtpd steps as the
 * wire, so mail.log, counters and queue ids are the real thing. Its own
 * random stream keeps the rest of the seed's sequence unchanged.
 * Postfix retries deferred mail after minimal_backoff_time (300 s), and the
 * greylist lets the retry through: spam left that long goes out.
 */
import { SeededRandom } from '../core/rng.ts';
import type { Simulation } from '../simulation.ts';
import { hostByName, primaryIp, workstations } from '../net/topology.ts';
import { recordQueueBaseline } from '../grader/queue-facts.ts';

const SPAMMER = 'spammer';
const SPAM = [
  { from: 'offers@cheap-meds.example', subject: 'Your prescription, 80% off' },
  { from: 'winner@lucky-draw.example', subject: 'You have won! Claim today' },
  { from: 'invest@crypto-gains.example', subject: 'Turn $250 into $25,000' },
  { from: 'noreply@secure-bank-update.example', subject: 'Verify your account now' },
  { from: 'deals@replica-watch.example', subject: 'Luxury watches, tiny prices' },
];
const NAMES = ['j.smith', 'maria.k', 'tom1987', 'lisa.w', 'p.novak', 'sunny.day', 'kw.lee', 'r.ortiz', 'annie', 'bigfan77'];
const LEGIT = [
  { to: 'orders@freemail.example', subject: 'Re: quote 2291 — revised prices' },
  { to: 'j.meyer@freemail.example', subject: 'Meeting notes from Tuesday' },
];

export function seedSpamBacklog(sim: Simulation): void {
  const rng = new SeededRandom((sim.seed ^ 0x71756575) >>> 0);
  const server = sim.mailServer;
  const spammer = hostByName(sim.topology, SPAMMER)!;
  const staff = workstations(sim.topology).filter((h) => h.user && !h.infected);
  const batches = rng.sample(SPAM, 4);
  const senders = rng.sample(staff, LEGIT.length);
  const legit = LEGIT.map((l, i) => ({ ...l, ws: senders[i]! }));
  // A spam run interleaved with office mail, arrivals a few seconds apart.
  for (const kind of ['spam', 'legit', 'spam', 'spam', 'legit', 'spam'] as const) {
    sim.clock.advance(rng.int(4, 15) * 1000);
    if (kind === 'legit') {
      const l = legit.shift()!;
      const ws = l.ws;
      const from = `${ws.user}@corp.example`;
      server.runSession({ client: { ip: primaryIp(ws) }, service: 'smtp', helo: ws.name, mailFrom: from, rcptTo: [l.to], message: { subject: l.subject, size: rng.int(2000, 9000) }, tag: 'legit' });
      continue;
    }
    const b = batches.shift()!;
    const rcpts = rng.sample(NAMES, rng.int(1, 3)).map((n) => `${n}@freemail.example`);
    const ip = primaryIp(spammer);
    server.runSession({ client: { ip }, service: 'smtp', helo: `[${ip}]`, mailFrom: b.from, rcptTo: rcpts, message: { subject: b.subject, size: rng.int(3000, 12000) }, tag: 'spam' });
  }
  // Let the first delivery attempts happen (and be greylisted) before the learner arrives.
  sim.clock.advance(20_000);
}

/**
 * `office-backlog`: only the colleagues' two messages, deferred (greylisted)
 * at freemail.example — the mail a panicked `postsuper -d ALL` throws away.
 */
export function seedOfficeBacklog(sim: Simulation): void {
  const rng = new SeededRandom((sim.seed ^ 0x0ff1ce) >>> 0);
  const staff = workstations(sim.topology).filter((h) => h.user && !h.infected);
  rng.sample(staff, LEGIT.length).forEach((ws, i) => {
    sim.clock.advance(rng.int(4, 15) * 1000);
    const l = LEGIT[i]!;
    sim.mailServer.runSession({ client: { ip: primaryIp(ws) }, service: 'smtp', helo: ws.name, mailFrom: `${ws.user}@corp.example`, rcptTo: [l.to], message: { subject: l.subject, size: rng.int(2000, 9000) }, tag: 'legit' });
  });
  sim.clock.advance(20_000);
}

/** Scenario queue presets, by name (schema: scenario.queue). */
export const QUEUE_PRESETS = { 'spam-backlog': seedSpamBacklog, 'office-backlog': seedOfficeBacklog } as const;

export function prepareQueue(sim: Simulation, preset: keyof typeof QUEUE_PRESETS | undefined): void {
  if (preset) QUEUE_PRESETS[preset](sim);
  recordQueueBaseline(sim);
}
