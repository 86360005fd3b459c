/**
 * Issue 3's scripted session, typed into `relaylab shell` exactly as a learner
 * would: relay from outside, fix on the mail host, relay denied, local and
 * outbound mail still flow, mail.log tells the story; same seed, same log.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/relaylab.mjs', import.meta.url));

const SCRIPT = [
  'ssh outside',
  'swaks --server mail.corp.example --from spam@example.org --to victim@example.net',
  'exit',
  'ssh mail',
  "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24' 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'",
  'postfix reload',
  'exit',
  'ssh outside',
  'swaks --server mail.corp.example --from spam@example.org --to victim@example.net',
  'swaks --server mail.corp.example --from carol@example.org --to bob@corp.example',
  'exit',
  'swaks --server mail.corp.example --from admin@corp.example --to partner@example.com',
  'advance 1m',
  'ssh mail',
  'cat /var/log/mail.log',
  'mailq',
].join('\n') + '\n';

function shell(seed = 11) {
  const r = spawnSync(process.execPath, [bin, 'shell', '--seed', String(seed)], { input: SCRIPT, encoding: 'utf8', timeout: 60_000 });
  return r.stdout;
}

describe('relaylab shell: close the open relay without breaking mail', () => {
  it('relay accepted, fixed with postconf -e + postfix reload, then denied; local and outbound mail still flow', () => {
    const out = shell();
    const [before, after] = out.split('postfix/postfix-script: refreshing the Postfix mail system');
    expect(before).toContain(' -> RCPT TO:<victim@example.net>\n<-  250 2.1.5 Ok');
    expect(after).toContain(' -> RCPT TO:<victim@example.net>\n<** 554 5.7.1 <victim@example.net>: Relay access denied');
    expect(after).toContain(' -> RCPT TO:<bob@corp.example>\n<-  250 2.1.5 Ok');
    const log = after!.slice(after!.indexOf('cat /var/log/mail.log'));
    const relayed = /postfix\/smtpd\[\d+\]: ([0-9A-F]{11}): client=outside\.example\.org\[192\.0\.2\.50\]/.exec(log)![1];
    expect(log).toMatch(new RegExp(`${relayed}: to=<victim@example\\.net>, relay=mx\\.example\\.net\\[198\\.51\\.100\\.7\\]:25, .*status=sent`));
    expect(log).toContain('NOQUEUE: reject: RCPT from outside.example.org[192.0.2.50]: 554 5.7.1 <victim@example.net>: Relay access denied; from=<spam@example.org> to=<victim@example.net> proto=ESMTP helo=<outside.example.org>');
    expect(log).toMatch(/to=<bob@corp\.example>, relay=local, .*status=sent \(delivered to mailbox\)/);
    expect(log).toMatch(/to=<partner@example\.com>, relay=mx\.example\.com\[198\.51\.100\.21\]:25, .*status=sent/);
    expect(log).toContain('Mail queue is empty');
  });

  it('same seed and commands: identical transcript and mail.log', () => {
    expect(shell(4)).toBe(shell(4));
  });
});
