/** The admin tools' exact output (fidelity.md) and their effect on the running server. */
import { describe, expect, it } from 'vitest';
import { findCommand } from '../../../simulator/shell/commands/registry.ts';
import type { Simulation } from '../../../simulator/simulation.ts';
import { mailLog, runMailTool, sim } from './mail-helpers.ts';

function run(s: Simulation, line: string, stdin = '') {
  const [name, ...args] = line.split(' ');
  return runMailTool(s, name!, args, stdin);
}

const spam = (s: Simulation, to: string) =>
  s.mailServer.runSession({ client: { ip: '198.51.100.66' }, service: 'smtp', helo: 'bot', mailFrom: 'x@example.org', rcptTo: [to], message: { subject: 'buy', size: 1200 }, tag: 'spam' });

describe('postfix tools', () => {
  it('live on the mail host only, except relaytest', () => {
    const s = sim();
    expect(findCommand('postconf', s.machine('mail').host)).toBeDefined();
    expect(findCommand('postconf', s.machine('ops').host)).toBeUndefined();
    expect(findCommand('relaytest', s.machine('outside').host)).toBeDefined();
  });

  it('postfix status/stop/start/reload speak postfix-script', async () => {
    const s = sim();
    expect((await run(s, 'postfix status')).err).toBe(`postfix/postfix-script: the Postfix mail system is running: PID: ${s.mailServer.pids.master}\n`);
    expect(await run(s, 'postfix stop')).toMatchObject({ code: 0, err: 'postfix/postfix-script: stopping the Postfix mail system\n' });
    expect(await run(s, 'postfix reload')).toMatchObject({ code: 1, err: 'postfix/postfix-script: fatal: the Postfix mail system is not running\n' });
    expect(await run(s, 'postfix start')).toMatchObject({ code: 0, err: 'postfix/postfix-script: starting the Postfix mail system\n' });
    expect((await run(s, 'postfix start')).err).toBe('postfix/postfix-script: fatal: the Postfix mail system is already running\n');
    expect(mailLog(s)).toMatch(/postfix\/master\[\d+\]: terminating on signal 15\n/);
  });

  it('postconf -e writes main.cf; reload refuses a broken file and says why', async () => {
    const s = sim();
    expect((await run(s, 'postconf -e message_size_limit=abc')).code).toBe(0);
    expect(s.machine('mail').fs.read('/etc/postfix/main.cf')).toContain('message_size_limit = abc\n');
    expect(await run(s, 'postfix reload')).toMatchObject({ code: 1, err: 'postfix: fatal: bad numerical configuration: message_size_limit = abc\n' });
    expect((await run(s, 'postfix check')).code).toBe(1);
    await run(s, 'postconf -X message_size_limit');
    expect(await run(s, 'postfix check')).toMatchObject({ code: 0, err: '' });
    expect((await run(s, 'postconf mynetworks')).out).toBe('mynetworks = 0.0.0.0/0\n');
  });

  it('mailq, postcat and postsuper on a queued message', async () => {
    const s = sim();
    const id = spam(s, 'victim@example.net').queueId!;
    const q = (await run(s, 'mailq')).out;
    expect(q).toMatch(new RegExp(`^-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------\\n${id}\\*\\s+\\d+ Tue Mar  3 09:00:00  x@example\\.org\\n {41}victim@example\\.net\\n\\n-- \\d+ Kbytes in 1 Request\\.\\n$`));
    const cat = (await run(s, `postcat -q ${id}`)).out;
    expect(cat).toContain(`*** ENVELOPE RECORDS active/${id} ***`);
    expect(cat).toContain('sender: x@example.org\nrecipient: victim@example.net\n');
    expect(cat).toMatch(/Received: from bot \(198-51-100-66\.dyn\.example\.org \[198\.51\.100\.66\]\)\n\tby mail\.corp\.example \(Postfix\) with ESMTP id [0-9A-F]{11}\n\tfor <victim@example\.net>;/);
    expect(await run(s, `postsuper -d ${id}`)).toMatchObject({ code: 0, err: `postsuper: ${id}: removed\npostsuper: Deleted: 1 message\n` });
    expect((await run(s, 'postqueue -p')).out).toBe('Mail queue is empty\n');
    s.clock.advance(10_000);
    expect(mailLog(s)).not.toMatch(new RegExp(`${id}: to=<victim`));
    expect((await run(s, 'postcat -q NOSUCH')).err).toBe('postcat: fatal: open queue file NOSUCH: No such file or directory\n');
  });
});

describe('postmap', () => {
  it('an access table edit takes effect only after postmap (half-closed: stop trusting corp.example)', async () => {
    const s = sim({ mailScenario: 'half-closed' });
    const forged = () => s.mailServer.runSession({ client: { ip: '192.0.2.50' }, service: 'smtp', helo: 'x', mailFrom: 'ceo@corp.example', rcptTo: ['v@example.net'], message: { subject: 's', size: 10 } });
    expect(forged().accepted).toEqual(['v@example.net']);
    s.machine('mail').fs.write('/etc/postfix/sender_access', '# nothing trusted\n');
    expect(forged().accepted).toEqual(['v@example.net']);
    expect(await run(s, 'postmap /etc/postfix/sender_access')).toMatchObject({ code: 0, err: '' });
    expect(forged().rejected[0]!.reply).toBe('554 5.7.1 <v@example.net>: Relay access denied');
  });
});
