/**
 * Where postmaster's mail lands: /etc/aliases on the mail host usually
 * forwards postmaster → root → admin, so `mail` follows the chain the way
 * local(8) does before opening /var/mail/USER.
 */
import { MAIL_HOST } from '../net/corp-hosts.ts';
import { parseMbox } from '../mail/mailbox.ts';
import type { WorldEnv } from './world-env.ts';

export function mailboxOwner(sim: WorldEnv, user: string): string {
  const text = sim.machine(MAIL_HOST).fs.tryRead('/etc/aliases') ?? '';
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([^#:\s]+)\s*:\s*([^,\s]+)/.exec(line);
    if (m) map.set(m[1]!.toLowerCase(), m[2]!.toLowerCase());
  }
  let u = user.toLowerCase();
  for (let i = 0; i < 10 && map.has(u) && !map.get(u)!.includes('/') && !map.get(u)!.includes('@'); i++) u = map.get(u)!;
  return u;
}

export type MailItem = { index: number; from: string; subject: string; date: string; raw: string };

export function readMailbox(sim: WorldEnv, user: string): { owner: string; items: MailItem[] } {
  const owner = mailboxOwner(sim, user);
  const text = sim.machine(MAIL_HOST).fs.tryRead(`/var/mail/${owner}`) ?? '';
  const items = parseMbox(text).map((m, i) => {
    const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'mi').exec(m.raw.split('\n\n')[0] ?? '')?.[1] ?? '';
    return { index: i + 1, from: header('From') || m.envelopeFrom, subject: header('Subject'), date: header('Date'), raw: m.raw };
  });
  return { owner, items };
}
