/**
 * The SASL user database (Cyrus sasldb2). Real sasldb2 is a Berkeley DB
 * file; here it is text, one `user@realm:password` per line, so the lab can
 * show it and saslpasswd2 can edit it. Passwords come from a seeded generator.
 */
import { SeededRandom } from '../core/rng.ts';

export const SASLDB = '/etc/sasldb2';
const WORDS = ['river', 'copper', 'maple', 'falcon', 'harbor', 'lantern', 'meadow', 'orbit', 'pepper', 'quartz', 'saffron', 'tundra'];

export type SaslUser = { user: string; realm: string; password: string };

export function seedSaslDb(seed: number, users: readonly string[], realm: string): string {
  const rng = new SeededRandom((seed ^ 0x5a51db02) >>> 0);
  return users.map((u) => `${u}@${realm}:${rng.pick(WORDS)}${rng.int(10, 99)}${rng.pick(WORDS)}\n`).join('');
}

export function parseSaslDb(text: string): SaslUser[] {
  const out: SaslUser[] = [];
  for (const line of text.split('\n')) {
    const m = /^([^@:\s]+)@([^:\s]+):(.*)$/.exec(line);
    if (m) out.push({ user: m[1]!, realm: m[2]!, password: m[3]! });
  }
  return out;
}

export function formatSaslDb(users: readonly SaslUser[]): string {
  return users.map((u) => `${u.user}@${u.realm}:${u.password}\n`).join('');
}

/** Cyrus accepts `alice` (default realm) or `alice@realm`. Returns the canonical login name or undefined. */
export function checkSaslPassword(text: string, login: string, password: string, defaultRealm: string): string | undefined {
  const at = login.indexOf('@');
  const user = at >= 0 ? login.slice(0, at) : login;
  const realm = at >= 0 ? login.slice(at + 1) : defaultRealm;
  const hit = parseSaslDb(text).find((u) => u.user === user && u.realm === realm);
  return hit && hit.password === password ? login : undefined;
}
