/** Reject lines log the addresses as the client wrote them, as recorded on Postfix 3.7. */
import { describe, expect, it } from 'vitest';
import { mailLog, open, sim } from './mail-helpers.ts';

describe('reject log lines', () => {
  it('quoted local parts stay quoted unless the whole path is one quoted string; source routes are dropped', async () => {
    const s = sim({ mailScenario: 'closed' });
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO client.example');
    await c.send('MAIL FROM:<spam@example.org>');
    expect(await c.send('RCPT TO:<"victim@example.net">')).toBe('554 5.7.1 <victim@example.net>: Relay access denied');
    expect(await c.send('RCPT TO:<"victim@example.net"@corp.example>')).toBe('554 5.7.1 <victim@example.net@corp.example>: Relay access denied');
    expect(await c.send('RCPT TO:<@mail.corp.example:victim@example.net>')).toBe('554 5.7.1 <victim@example.net>: Relay access denied');
    const tos = [...mailLog(s).matchAll(/Relay access denied; from=<spam@example\.org> to=<([^>]*)> proto=ESMTP/g)].map((m) => m[1]);
    expect(tos).toEqual(['victim@example.net', '"victim@example.net"@corp.example', 'victim@example.net']);
  });
});
