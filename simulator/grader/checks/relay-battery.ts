/**
 * Probe: nmap's 16-form open-relay battery, run from an outside host over the
 * real wire path. DATA is never sent, so no spam is left behind; the server's
 * mail.log shows the attempts, as it would after a real audit.
 */
import { z } from 'zod';
import type { GraderEnv } from '../grader-env.ts';
import { MAIL_HOST } from '../../net/corp-hosts.ts';
import { batteryCommands, batteryPassed, batteryResultLine, relayBattery, serverNameFromGreeting } from '../../postfix/battery.ts';
import { openSmtp } from '../smtp-probe.ts';
import { hostIp, shortName } from '../hosts.ts';
import { fail, pass, type CheckKind } from '../types.ts';
import { t } from '../../i18n/t.ts';

const params = z
  .object({
    from: z.string().default('outside').describe('Host the audit runs from (an Internet host, usually `outside`)'),
    target: z.string().default(MAIL_HOST).describe('Mail server to test, as the auditor types it'),
    port: z.number().int().default(25).describe('TCP port of the SMTP service'),
    expect: z.enum(['closed', 'open']).describe('`closed`: all 16 relay forms must be refused; `open`: at least one accepted'),
  })
  .strict();

export type RelayBatteryResult = { reached: false; why: string } | { reached: true; accepted: string[]; authNeeded: boolean; serverIp: string };

/** Run the battery; shared with answer facts ("is the server an open relay?"). */
export async function runBattery(sim: GraderEnv, from: string, target: string, port: number): Promise<RelayBatteryResult> {
  const opened = await openSmtp(sim, from, target, port);
  if (!opened.ok) return { reached: false, why: opened.why };
  const { session, greeting } = opened;
  const ip = sim.network.policy.resolve(sim.machine(from).host.name, target) ?? target;
  const server = serverNameFromGreeting(greeting) ?? target;
  await session.send(`EHLO ${sim.machine(from).host.name}`);
  const accepted: string[] = [];
  let authNeeded = false;
  for (const test of relayBattery({ ip, server })) {
    const [rset, mail, rcpt] = batteryCommands(test);
    await session.send(rset!);
    const mailReply = await session.send(mail!);
    const rcptReply = /^250/.test(mailReply) ? await session.send(rcpt!) : '';
    if (/^530/.test(mailReply) || /^530/.test(rcptReply)) authNeeded = true;
    if (batteryPassed(mailReply, rcptReply)) accepted.push(batteryResultLine(test));
  }
  await session.quit();
  return { reached: true, accepted, authNeeded, serverIp: ip };
}

export const relayBatteryCheck: CheckKind<z.infer<typeof params>> = {
  kind: 'relay-battery',
  summary: 'the 16 nmap relay tests, run from an outside host over the network',
  probe: true,
  params,
  refs: (p) => ({ hosts: [p.from, p.target] }),
  async run({ sim, onBattery }, p) {
    const r = await runBattery(sim, p.from, p.target, p.port);
    onBattery?.({ from: p.from, target: p.target, port: p.port }, r);
    const who = shortName(sim.machine(p.target).host.name) === 'mail' ? MAIL_HOST : p.target;
    if (!r.reached) return fail(t('grader.relay-battery.unreachable', { server: who, port: p.port, from: p.from, why: r.why }));
    const n = r.accepted.length;
    const src = hostIp(sim, p.from);
    if (p.expect === 'closed') {
      if (n === 0) return pass(t('grader.relay-battery.closed', { server: who, from: p.from, ip: src }));
      return fail(t('grader.relay-battery.still-relays', { server: who, ip: src, n, first: r.accepted[0]! }));
    }
    if (n > 0) return pass(t('grader.relay-battery.open', { server: who, n, ip: src }));
    return fail(t('grader.relay-battery.not-open', { server: who, ip: src }));
  },
};
