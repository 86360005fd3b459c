/**
 * What spam and ordinary mail look like: recipients on the Internet's MX
 * domains, forged senders, subjects. Small fixed lists and seeded picks,
 * so a day's logs repeat exactly for a seed.
 */
import type { SeededRandom } from '../core/rng.ts';

export const REMOTE_DOMAINS = ['example.net', 'bigmail.example', 'example.com', 'freemail.example'] as const;

const SPAM_SUBJECTS = [
  'Your parcel is waiting', 'Re: invoice overdue', 'Cheap meds, no prescription', 'You have won!',
  'Urgent: verify your account', 'Hot stock alert', 'Replica watches 80% off', 'Meet singles tonight',
];
const LEGIT_SUBJECTS = [
  'Minutes of Monday meeting', 'Re: quote for Q2', 'Lunch?', 'Updated timesheet', 'Re: project status',
  'Invoice 2026-0312', 'Travel plans', 'Re: Re: draft contract', 'Weekly report', 'Holiday schedule',
];
const SPAM_NAMES = ['deals', 'info', 'support', 'noreply', 'winner', 'billing', 'admin'];
const SPAM_FROM_DOMAINS = ['bigmail.example', 'freemail.example', 'example.com', 'shop-deals.example'];

export type SpamMessage = { from: string; to: string; subject: string; size: number; messageId: string };

export function spamMessage(rng: SeededRandom, now: number): SpamMessage {
  const to = `${rng.pick(SPAM_NAMES)}${rng.int(1, 9999)}@${rng.pick(REMOTE_DOMAINS)}`;
  return {
    from: `${rng.pick(SPAM_NAMES)}@${rng.pick(SPAM_FROM_DOMAINS)}`,
    to,
    subject: rng.pick(SPAM_SUBJECTS),
    size: rng.int(1800, 6400),
    messageId: `${now.toString(36)}.${rng.hex(8)}@${rng.pick(SPAM_FROM_DOMAINS)}`,
  };
}

export function legitSubject(rng: SeededRandom): string {
  return rng.pick(LEGIT_SUBJECTS);
}

export function partnerAddress(rng: SeededRandom): string {
  return `${rng.pick(['sales', 'j.smith', 'accounts', 'hr', 'lisa', 'tom', 'office'])}@${rng.pick(REMOTE_DOMAINS)}`;
}

export function domainOf(addr: string): string {
  return addr.slice(addr.lastIndexOf('@') + 1).toLowerCase();
}
