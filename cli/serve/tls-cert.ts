/**
 * The certificate `relaylab serve` presents after STARTTLS: self-signed, for
 * the lab's mail host names (myhostname, the domain, localhost) and the
 * loopback address, made by the `selfsigned` package (Node's WebCrypto, no
 * hand-written ASN.1). Generating an RSA key takes a moment, so it is cached
 * in $XDG_CACHE_HOME/relaylab (else ~/.cache/relaylab), mode 0600, and made
 * again only when the names change or it is within a week of expiring.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';
import { generate } from 'selfsigned';

export type ServeCert = { key: string; cert: string; names: string[]; cached: boolean; file: string; fingerprint: string };

const WEEK = 7 * 86_400_000;

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'relaylab');
}

/** The DNS names a certificate is for: the mail host first (its CN), no duplicates. */
export function certNames(myhostname: string, domain: string): string[] {
  return [...new Set([myhostname, domain, 'localhost'].filter(Boolean))];
}

export async function serveCertificate(names: string[], dir = cacheDir()): Promise<ServeCert> {
  const id = createHash('sha256').update(names.join(',')).digest('hex').slice(0, 12);
  const file = join(dir, `serve-tls-${id}.json`);
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { key: string; cert: string };
    const x = new X509Certificate(saved.cert);
    if (Date.parse(x.validTo) - Date.now() > WEEK && names.every((n) => x.checkHost(n))) {
      return { ...saved, names, cached: true, file, fingerprint: x.fingerprint256 };
    }
  } catch {
    // No cache yet, or unreadable: make a new one.
  }
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(notBefore.getTime() + 825 * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: names[0]! }, { name: 'organizationName', value: 'Relay Lab (simulated)' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...names.map((value) => ({ type: 2 as const, value })), { type: 7 as const, ip: '127.0.0.1' }] },
    ],
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify({ key: pems.private, cert: pems.cert }), { mode: 0o600 });
  return { key: pems.private, cert: pems.cert, names, cached: false, file, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}

export function secureContext(c: ServeCert): SecureContext {
  return createSecureContext({ key: c.key, cert: c.cert });
}
