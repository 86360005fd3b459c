// Browser stand-in for node:crypto. smtp-server draws connection ids from
// randomBytes (WebCrypto here); nothing the learner sees depends on them.
import { Buffer } from 'buffer';

export function randomBytes(size: number): Buffer {
  const bytes = new Uint8Array(size);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes);
}

/** Only used for TLS session-id context strings, which the tab never uses. */
export function createHash(): { update(): { digest(): string } } {
  return { update: () => ({ digest: () => '0'.repeat(40) }) };
}

export function createHmac(): never {
  throw new Error('CRAM-MD5 is not offered by the simulated server');
}

export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export default { randomBytes, createHash, createHmac, timingSafeEqual };
