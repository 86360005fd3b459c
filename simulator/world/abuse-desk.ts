/**
 * The ISP's abuse desk (mail.isp.example): when its customers report spam
 * from a company address it mails an ARF report to postmaster@corp.example
 * through the company's own server (so it lands in the postmaster mailbox),
 * then a warning, then a notice that port 25 will be blocked.
 */
import { hostByName } from '../net/topology.ts';
import { arfMessage, arfSubject, type ArfLevel } from './arf.ts';
import { sessionWithCompany, type WorldCtx } from './world-context.ts';

export type Complaint = { at: number; ip: string; level: ArfLevel; count: number; delivered: boolean; reply?: string };

const LEVELS: ArfLevel[] = ['complaint', 'warning', 'block-notice'];

/** Minute boundary: send what is due. */
export function checkComplaints(ctx: WorldCtx, sent: Complaint[]): void {
  const now = ctx.sim.clock.now();
  for (const [ip, r] of ctx.ledger.spam) {
    if (r.sinceComplaint < ctx.opts.complaintThreshold || !r.sample) continue;
    const before = sent.filter((c) => c.ip === ip);
    if (before.length >= LEVELS.length) continue;
    const last = before[before.length - 1];
    if (last && now - last.at < ctx.opts.complaintIntervalMs) continue;
    const level = LEVELS[before.length]!;
    const messageId = `${ctx.rng.hex(16)}@isp.example`;
    const body = arfMessage({ level, ip, count: r.sinceComplaint, sample: r.sample, now, boundary: `----=_ARF_${ctx.rng.hex(10)}`, messageId });
    const isp = hostByName(ctx.sim.topology, 'mail.isp.example')!;
    const res = sessionWithCompany(ctx, isp, 25, {
      helo: isp.name,
      mailFrom: 'abuse@isp.example',
      rcptTo: ['postmaster@corp.example'],
      message: { subject: arfSubject(level, ip), size: body.length, messageId, body },
    });
    sent.push({ at: now, ip, level, count: r.sinceComplaint, delivered: res.accepted.length > 0, reply: res.reply });
    r.sinceComplaint = 0;
  }
}
