/**
 * Lab 3 judged on what the network does: known wrong fixes fail with a
 * reason naming what is still wrong; an alternative correct fix passes.
 */
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../../cli/lab-files.ts';
import { runAttempt } from '../../../simulator/labs/attempt.ts';

const lab = loadLab('close-the-relay');
const GOOD_NETS = "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24'";
const RELAY_RULE = "postconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'";

async function verdicts(lines: string[]) {
  const r = await runAttempt(lab, 11, lines);
  return Object.fromEntries(r.verdicts.map((v) => [v.stepId, v]));
}

describe('close-the-relay: wrong fixes fail, naming what is still wrong', () => {
  it('stopping Postfix entirely', async () => {
    const v = await verdicts(['ssh mail', 'systemctl stop postfix', 'exit']);
    expect(v.close!.pass).toBe(false);
    expect(v.close!.reason).toMatch(/mail\.corp\.example:25 cannot be reached from outside: connection refused/);
    expect(v['keep-mail']!.pass).toBe(false);
  }, 60_000);

  it('mynetworks = 0.0.0.0/0 kept, with reject_unauth_destination after permit_mynetworks', async () => {
    const v = await verdicts(['ssh mail', RELAY_RULE, 'postfix reload', 'exit']);
    expect(v.close!.pass).toBe(false);
    expect(v.close!.reason).toMatch(/^mail\.corp\.example still relays for 192\.0\.2\.50: \d+ of 16 tests accepted/);
  }, 60_000);

  it('closing port 25 to the world on the firewall', async () => {
    const v = await verdicts(['ssh fw', 'iptables -I FORWARD -i eth0 -p tcp --dport 25 -j DROP', 'exit']);
    expect(v.close!.pass).toBe(false);
    expect(v['keep-mail']!.pass).toBe(false);
    expect(v['keep-mail']!.reason).toMatch(/cannot (connect|be reached)|timed out/);
  }, 60_000);

  it('editing main.cf without postfix reload changes nothing for clients', async () => {
    const v = await verdicts(['ssh mail', GOOD_NETS, RELAY_RULE, 'exit']);
    expect(v.close!.pass).toBe(false);
    expect(v.close!.reason).toMatch(/still relays/);
  }, 60_000);
});

describe('close-the-relay: alternative correct fixes pass', () => {
  it('the relay rule in smtpd_recipient_restrictions instead of smtpd_relay_restrictions', async () => {
    const v = await verdicts([
      'ssh mail',
      GOOD_NETS,
      "postconf -e 'smtpd_relay_restrictions ='",
      "postconf -e 'smtpd_recipient_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'",
      'postfix reload',
      'exit',
    ]);
    expect([v.close!, v['keep-mail']!].filter((x) => !x.pass).map((x) => x.reason)).toEqual([]);
  }, 60_000);

  it('only fixing mynetworks (Postfix 3.x default rules already end in defer_unauth_destination)', async () => {
    const v = await verdicts(['ssh mail', GOOD_NETS, 'postfix reload', 'exit']);
    expect(v.close!.pass).toBe(true);
  }, 60_000);
});

describe('close-the-relay: clearing the queue', () => {
  const FIX = ['ssh mail', GOOD_NETS, RELAY_RULE, 'postfix reload'];
  const LOST = /^You deleted legitimate mail: 2 messages \(\w+@corp\.example → orders@freemail\.example \([0-9A-F]+\), \w+@corp\.example → j\.meyer@freemail\.example \([0-9A-F]+\)\) will never arrive\.$/;

  it('doing nothing leaves the relayed spam in the queue', async () => {
    const v = await verdicts([]);
    expect(v['clean-queue']!.pass).toBe(false);
    expect(v['clean-queue']!.reason).toMatch(/^4 spam messages relayed for 198\.51\.100\.66 still in the queue on mail\.corp\.example/);
  }, 60_000);

  it('postsuper -d ALL deletes the colleagues\' mail too, and the reason names it', async () => {
    const v = await verdicts([...FIX, 'postsuper -d ALL']);
    expect(v.close!.pass).toBe(true);
    expect(v['clean-queue']!.pass).toBe(false);
    expect(v['clean-queue']!.reason).toMatch(LOST);
  }, 60_000);

  it('postsuper -d ALL deferred is the same mistake', async () => {
    const v = await verdicts([...FIX, 'postsuper -d ALL deferred']);
    expect(v['clean-queue']!.reason).toMatch(LOST);
  }, 60_000);

  it('waiting past the retry lets the spam go out', async () => {
    const v = await verdicts([...FIX, 'sleep 400', 'mailq']);
    expect(v['clean-queue']!.pass).toBe(false);
    expect(v['clean-queue']!.reason).toMatch(/^4 spam messages were delivered from the queue before you removed them/);
  }, 60_000);

  it('deleting the spam one id at a time passes', async () => {
    const lab3 = await runAttempt(lab, 11, []);
    const ids = lab3.sim.mailServer.queue.all().filter((m) => !m.sender.endsWith('@corp.example')).map((m) => m.id);
    const v = await verdicts([...FIX, ...ids.map((id) => `postsuper -d ${id}`)]);
    expect(Object.values(v).filter((x) => !x.pass).map((x) => x.reason)).toEqual([]);
  }, 60_000);
});
