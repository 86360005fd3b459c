/**
 * The mail server's wire path survives any input: garbage, 8-bit bytes, huge
 * lines, TLS records, half dialogues. After each, the next connection is
 * greeted and served. (An uncaught error would fail this file on its own.)
 */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../simulator/core/rng.ts';
import { open, sim, tick } from './mail-helpers.ts';

function inputs(): Buffer[] {
  const rng = new SeededRandom(1234);
  const random = (n: number) => Buffer.from(Array.from({ length: n }, () => rng.int(0, 255)));
  const text = (s: string) => Buffer.from(s, 'latin1');
  const out = [
    text('\r\n\r\n\r\n'),
    text('\0\0\0\r\n'),
    text('x'.repeat(100_000)),
    text('y'.repeat(5000) + '\r\nNOOP\r\n'),
    text('\r\r\r\n\n\n'),
    text('.\r\n'),
    text('GET / HTTP/1.1\r\nHost: mail\r\n\r\n'),
    Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]),
    text('EHLO \xff\xfe\r\nMAIL FROM:<\xc3@x>\r\nRCPT TO:<\xe2\x82@y>\r\n'),
    text('AUTH PLAIN\r\n\xff\xff\xff\r\nAUTH LOGIN\r\n' + 'A'.repeat(3000) + '\r\n'),
    text('MAIL FROM:<a@b> ' + 'SIZE=9'.repeat(400) + '\r\nRCPT TO:<' + '@'.repeat(3000) + '>\r\nDATA\r\n'),
    text('MAIL FROM:<a@x.example>\r\nRCPT TO:<bob@corp.example>\r\nDATA\r\n' + '\x00\xff'.repeat(50_000) + '\r\n.\r\nQUIT\r\n'),
    text('MAIL FROM:<a@x.example>\r\nRCPT TO:<bob@corp.example>\r\nDATA\r\n' + 'z'.repeat(200_000)),
    text('STARTTLS\r\nSTARTTLS extra\r\nRSET\r\nVRFY <>\r\nVRFY ' + '\xe9'.repeat(10) + '\r\n'),
  ];
  for (let i = 0; i < 12; i++) out.push(random(rng.int(1, 4000)));
  return out;
}

describe('wire path fuzz', () => {
  it('every bounded garbage input leaves the server answering the next connection', async () => {
    const s = sim();
    let n = 0;
    for (const input of inputs()) {
      const { c, greeting } = await open(s, 'outside.example.org');
      expect(greeting, `input ${n}`).toMatch(/^220 mail\.corp\.example ESMTP/);
      c.socket.write(input);
      await tick(2);
      c.socket.destroy();
      await tick(2);
      n++;
    }
    const { c } = await open(s, 'outside.example.org');
    expect(await c.send('EHLO ok.example')).toMatch(/^250-mail\.corp\.example\n/);
    expect(await c.send('MAIL FROM:<a@x.example>')).toBe('250 2.1.0 Ok');
    expect(await c.send('RCPT TO:<bob@corp.example>')).toBe('250 2.1.5 Ok');
    expect(await c.send('DATA')).toMatch(/^354 /);
    expect(await c.send('.')).toMatch(/^250 2\.0\.0 Ok: queued as /);
    expect(await c.send('QUIT')).toBe('221 2.0.0 Bye');
  });
});
