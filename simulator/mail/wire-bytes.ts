/**
 * Bytes on the wire and text in the simulation. The proxy keeps client bytes
 * as latin1-decoded strings (one char per byte, cheap and exact), so message
 * content passes byte for byte; command lines, addresses and reply texts are
 * UTF-8 text, as Postfix reads and writes them (SMTPUTF8). Decoding uses the
 * platform's TextDecoder, never the browser `buffer` polyfill's slow UTF-8 path.
 */
const utf8 = new TextDecoder('utf-8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const ASCII = /^[\x00-\x7f]*$/;

/** A latin1 "binary" string back to its bytes. */
export function binaryToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A command line as text: UTF-8 where valid; invalid bytes become U+FFFD, which Postfix's checks refuse. */
export function lineFromBinary(s: string): string {
  return ASCII.test(s) ? s : utf8.decode(binaryToBytes(s));
}

/** Text for the wire as UTF-8 bytes (replies, commands for the engine). */
export function textToBytes(s: string): Buffer {
  return ASCII.test(s) ? Buffer.from(s, 'latin1') : Buffer.from(new TextEncoder().encode(s));
}

/** Message bytes as the simulation's file text: UTF-8 when it is valid UTF-8, else one char per byte. */
export function contentText(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    let s = '';
    for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
    return s;
  }
}
