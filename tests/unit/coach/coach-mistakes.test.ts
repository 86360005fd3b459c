/**
 * The coach names each common mistake from a scripted run through the same
 * attempt path as `relaylab check` (labs/attempt.ts), and a near miss of each
 * names nothing. Seed 7 throughout; every lab is played from its start host.
 */
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../../cli/lab-files.ts';
import { runAttempt } from '../../../simulator/labs/attempt.ts';
import type { MistakeId } from '../../../simulator/coach/coach.ts';

type Case = { name: string; lab: string; lines: string[]; expect: MistakeId[] };

const SEND_TO_BOB = ['telnet mail.corp.example 25', 'EHLO ops.corp.example', 'MAIL FROM:<admin@corp.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: Hello'];
const RELAY_BY_HAND = ['telnet mail.corp.example 25', 'EHLO ops.corp.example', 'MAIL FROM:<test@example.org>', 'RCPT TO:<victim@example.net>', 'RCPT TO:<other@example.net>', 'QUIT'];
const FIX = ["postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24'", "postconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'"];

const CASES: Case[] = [
  // Tested from inside.
  { name: 'a relay test by hand from ops', lab: 'open-relay-test', lines: RELAY_BY_HAND, expect: ['tested-from-inside'] },
  { name: 'the battery from ops: 16 sessions, one mistake', lab: 'open-relay-test', lines: ['relaytest mail.corp.example'], expect: ['tested-from-inside'] },
  { name: 'near miss: the same test from outside', lab: 'open-relay-test', lines: ['ssh outside', ...RELAY_BY_HAND, 'relaytest mail.corp.example'], expect: [] },
  { name: 'near miss: mail for a local user from ops', lab: 'open-relay-test', lines: [...SEND_TO_BOB, '.', 'QUIT'], expect: [] },
  { name: 'lab 3 before the fix: testing the relay from ops', lab: 'close-the-relay', lines: RELAY_BY_HAND, expect: ['tested-from-inside'] },
  {
    name: 'near miss: lab 3 after the fix, outbound mail from ops is what step 2 asks for',
    lab: 'close-the-relay',
    lines: ['ssh mail', ...FIX, 'postfix reload', 'exit', ...RELAY_BY_HAND],
    expect: [],
  },
  // Edited but not reloaded.
  { name: 'main.cf edited, then tested without a reload', lab: 'close-the-relay', lines: ['ssh mail', ...FIX, 'exit', 'telnet mail.corp.example 25', 'QUIT'], expect: ['not-reloaded'] },
  {
    name: 'told once per unapplied edit: not again on the next test, again for a new edit after a reload',
    lab: 'close-the-relay',
    lines: ['ssh mail', FIX[0]!, 'telnet mail.corp.example 25', 'QUIT', 'telnet mail.corp.example 25', 'QUIT', 'postfix reload', FIX[1]!, 'telnet mail.corp.example 25', 'QUIT', 'postfix reload'],
    expect: ['not-reloaded', 'not-reloaded'],
  },
  { name: 'main.cf edited and the run ends without a reload', lab: 'close-the-relay', lines: ['ssh mail', ...FIX], expect: ['not-reloaded'] },
  { name: 'near miss: edited, reloaded, then tested', lab: 'close-the-relay', lines: ['ssh mail', ...FIX, 'postfix reload', 'telnet mail.corp.example 25', 'QUIT'], expect: [] },
  { name: 'near miss: only a comment added to main.cf', lab: 'close-the-relay', lines: ['ssh mail', "echo '# checked by the auditor' >> /etc/postfix/main.cf", 'telnet mail.corp.example 25', 'QUIT'], expect: [] },
  { name: 'near miss: a parameter spelt out at its default value', lab: 'close-the-relay', lines: ['ssh mail', "postconf -e 'smtpd_helo_required = no'", 'telnet mail.corp.example 25', 'QUIT'], expect: [] },
  // Still inside DATA.
  { name: 'QUIT typed in the message body', lab: 'speak-smtp', lines: [...SEND_TO_BOB, 'QUIT', 'RSET'], expect: ['still-in-data'] },
  { name: 'the connection ends with the body open', lab: 'speak-smtp', lines: SEND_TO_BOB, expect: ['still-in-data'] },
  { name: 'near miss: the lone dot, then QUIT', lab: 'speak-smtp', lines: [...SEND_TO_BOB, '.', 'QUIT'], expect: [] },
  // telnet without a port.
  { name: 'telnet without a port', lab: 'speak-smtp', lines: ['telnet mail.corp.example'], expect: ['telnet-no-port'] },
  { name: 'near miss: telnet to port 25', lab: 'speak-smtp', lines: ['telnet mail.corp.example 25', 'QUIT'], expect: [] },
  // SMTP verbs at the shell prompt.
  { name: 'a dialogue typed at the prompt: one explanation', lab: 'speak-smtp', lines: ['EHLO ops.corp.example', 'MAIL FROM:<admin@corp.example>', 'RCPT TO:<bob@corp.example>'], expect: ['smtp-verb-at-prompt'] },
  { name: 'near miss: `mail` is a command on ops', lab: 'speak-smtp', lines: ['mail -H'], expect: [] },
  // Dead ends.
  { name: 'postsuper -d ALL deletes colleagues\' mail', lab: 'close-the-relay', lines: ['ssh mail', 'postsuper -d ALL'], expect: ['legit-deleted'] },
  { name: 'time passes and the relayed spam is delivered', lab: 'close-the-relay', lines: ['ssh mail', 'advance 3h'], expect: ['spam-delivered'] },
  {
    name: 'near miss: only the spam deleted, then time passes',
    lab: 'close-the-relay',
    lines: ['ssh mail', "postqueue -p | awk '/^[0-9A-F]+ / && $7 !~ /@corp\\.example$/ {print $1}' | postsuper -d -", 'advance 3h'],
    expect: [],
  },
];

describe('the coach names each common mistake once, and not its near miss', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const r = await runAttempt(loadLab(c.lab), 7, c.lines);
      expect(r.mistakes.map((m) => m.id)).toEqual(c.expect);
    });
  }
});

describe('what the coach says', () => {
  it('names the machine tested from and the way out', async () => {
    const r = await runAttempt(loadLab('open-relay-test'), 7, ['ssh ws01', ...RELAY_BY_HAND]);
    expect(r.mistakes.map((m) => m.text)).toEqual(['ws01 is inside mynetworks; the server relays for it on purpose — test from outside: `ssh outside`']);
  });

  it('offers Reset for a dead end, and only there', async () => {
    const dead = await runAttempt(loadLab('close-the-relay'), 7, ['ssh mail', 'postsuper -d ALL']);
    expect(dead.mistakes[0]).toMatchObject({ id: 'legit-deleted', action: 'reset' });
    expect(dead.mistakes[0]!.text).toMatch(/@corp\.example → .* cannot be finished from here/);
    const slip = await runAttempt(loadLab('speak-smtp'), 7, ['telnet mail.corp.example']);
    expect(slip.mistakes[0]).not.toHaveProperty('action');
    expect(slip.mistakes[0]!.text).toContain('`telnet mail.corp.example 25`');
  });

  it('quotes the SMTP command that went into the body', async () => {
    const r = await runAttempt(loadLab('speak-smtp'), 7, [...SEND_TO_BOB, 'quit']);
    expect(r.mistakes[0]!.text).toContain('so `quit` went into the body');
  });
});
