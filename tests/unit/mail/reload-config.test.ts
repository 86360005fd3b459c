/** Running config vs files: reload applies at once, new smtpd processes read the files by themselves; bad files kill new smtpds; stop/start. */
import { describe, expect, it } from 'vitest';
import { postconf } from '../../../simulator/postfix/index.ts';
import { SYSTEM } from '../../../simulator/mail/mail-server.ts';
import type { Simulation } from '../../../simulator/simulation.ts';
import { mailLog, open, sim, tick } from './mail-helpers.ts';

const CLOSE = ['mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24', 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'];

function edit(s: Simulation, ...settings: string[]) {
  const fs = s.machine('mail').fs;
  const r = postconf({ args: ['-e', ...settings], mainCf: fs.read('/etc/postfix/main.cf'), system: SYSTEM });
  fs.write('/etc/postfix/main.cf', r.newMainCf!);
}

async function relayReply(s: Simulation, rcpt = 'victim@example.net'): Promise<string> {
  const { c } = await open(s, 'outside.example.org');
  await c.send('EHLO bot.example');
  await c.send('MAIL FROM:<spam@example.org>');
  const r = await c.send(`RCPT TO:<${rcpt}>`);
  await c.send('QUIT');
  return r;
}

describe('configuration lifecycle', () => {
  it('main.cf edited without reload: a running smtpd keeps its config, a new one reads the file, idle ones exit after max_idle', async () => {
    const s = sim();
    const a = (await open(s, 'outside.example.org')).c;
    await a.send('EHLO bot.example');
    edit(s, ...CLOSE);
    await a.send('MAIL FROM:<spam@example.org>');
    expect(await a.send('RCPT TO:<victim@example.net>')).toBe('250 2.1.5 Ok');
    // A is busy, so B needs a new smtpd, which reads the edited main.cf.
    expect(await relayReply(s)).toBe('554 5.7.1 <victim@example.net>: Relay access denied');
    await a.send('QUIT');
    await a.closed;
    await tick();
    // Now the old process is idle again and serves the next client with the old settings.
    expect(await relayReply(s)).toBe('250 2.1.5 Ok');
    await tick();
    // After max_idle (100 s of virtual time) idle smtpd processes exit; the next one reads the file.
    s.clock.advance(101_000);
    expect(await relayReply(s)).toBe('554 5.7.1 <victim@example.net>: Relay access denied');
  });

  it('postfix reload applies an edit at once; the old processes are retired', async () => {
    const s = sim();
    expect(await relayReply(s)).toBe('250 2.1.5 Ok');
    await tick();
    edit(s, ...CLOSE);
    expect(s.mailServer.reload().ok).toBe(true);
    expect(await relayReply(s)).toBe('554 5.7.1 <victim@example.net>: Relay access denied');
    expect(await relayReply(s, 'bob@corp.example')).toBe('250 2.1.5 Ok');
    expect(mailLog(s)).toMatch(/reload -- version 3\.7\.11, configuration \/etc\/postfix/);
  });

  it('a main.cf line without "=": reload is refused AND every new smtpd dies (no last good config for new connections)', async () => {
    const s = sim();
    const fs = s.machine('mail').fs;
    fs.write('/etc/postfix/main.cf', fs.read('/etc/postfix/main.cf') + 'this line has no equals sign\nmynetworks = 10.0.0.0/24\n');
    const r = s.mailServer.reload();
    expect(r.ok).toBe(false);
    expect(r.errors[0]!.message).toMatch(/^\/etc\/postfix\/main\.cf, line \d+: missing '=' after attribute name: "this line has no equals sign"$/);
    const socket = await s.network.connect('outside.example.org', 'mail.corp.example', 25);
    let got = '';
    socket.on('data', (d: Buffer) => (got += d.toString()));
    await tick(50);
    expect(got).toBe('');
    socket.destroy();
    expect(mailLog(s)).toMatch(/postfix\/smtpd\[\d+\]: fatal: \/etc\/postfix\/main\.cf, line \d+: missing '=' after attribute name: "this line has no equals sign"\n/);
    edit(s, 'message_size_limit = lots');
    fs.write('/etc/postfix/main.cf', fs.read('/etc/postfix/main.cf').replace('this line has no equals sign\n', ''));
    expect(s.mailServer.reload().errors.map((e) => e.message)).toEqual(['bad numerical configuration: message_size_limit = lots']);
    edit(s, 'bogus_parameter = 1', 'message_size_limit = 10240000');
    const ok = s.mailServer.reload();
    expect(ok.ok).toBe(true);
    expect(ok.warnings.map((w) => w.message)).toEqual(['/etc/postfix/main.cf: unused parameter: bogus_parameter=1']);
    // master still throttles smtpd for a minute after the fatal, reload or not (measured); then mail flows again.
    s.clock.advance(61_000);
    expect(await relayReply(s, 'bob@corp.example')).toBe('250 2.1.5 Ok');
  });

  it('a client left waiting by a dead smtpd is greeted when master starts the next one after the throttle', async () => {
    const s = sim();
    edit(s, 'smtpd_relay_restrictions = permit_mynetworks, permit, reject_unauth_destination');
    expect(s.mailServer.reload().ok).toBe(true);
    const socket = await s.network.connect('outside.example.org', 'mail.corp.example', 25);
    let got = '';
    socket.on('data', (d: Buffer) => (got += d.toString()));
    await tick(20);
    expect(got).toBe('');
    // Still broken a minute later: one more fatal (master retries once a minute), still silence.
    s.clock.advance(60_000);
    await tick(20);
    expect(got).toBe('');
    expect(mailLog(s).match(/fatal: in parameter smtpd_relay_restrictions/g)).toHaveLength(2);
    edit(s, ...CLOSE);
    expect(s.mailServer.reload().ok).toBe(true);
    s.clock.advance(60_000);
    await tick(20);
    expect(got).toBe('220 mail.corp.example ESMTP Postfix\r\n');
    socket.destroy();
  });

  it('an unknown restriction answers 451 4.3.5 and logs the warning', async () => {
    const s = sim();
    edit(s, 'mynetworks = 10.0.0.0/24', 'smtpd_relay_restrictions = permit_mynetworks, reject_everything_bad, reject_unauth_destination');
    s.mailServer.reload();
    expect(await relayReply(s)).toBe('451 4.3.5 Server configuration error');
    expect(mailLog(s)).toContain('warning: unknown smtpd restriction: "reject_everything_bad"');
    expect(mailLog(s)).toContain('NOQUEUE: reject: RCPT from outside.example.org[192.0.2.50]: 451 4.3.5 Server configuration error;');
  });

  it('no relay rule in either list: connection accepted, no greeting, fatal + throttling in mail.log', async () => {
    const s = sim();
    edit(s, 'smtpd_relay_restrictions =', 'smtpd_recipient_restrictions = permit_mynetworks');
    expect(s.mailServer.reload().ok).toBe(true);
    const socket = await s.network.connect('outside.example.org', 'mail.corp.example', 25);
    let got = '';
    socket.on('data', (d: Buffer) => (got += d.toString()));
    await tick(300);
    expect(got).toBe('');
    socket.destroy();
    expect(mailLog(s)).toMatch(/postfix\/smtpd\[\d+\]: fatal: in parameter smtpd_relay_restrictions or smtpd_recipient_restrictions, specify at least one working instance of: reject_unauth_destination, defer_unauth_destination, reject, defer, defer_if_permit or check_relay_domains\n.*postfix\/master\[\d+\]: warning: process \/usr\/lib\/postfix\/sbin\/smtpd pid \d+ exit status 1\n.*postfix\/master\[\d+\]: warning: \/usr\/lib\/postfix\/sbin\/smtpd: bad command startup -- throttling\n/);
    expect(s.mailServer.runSession({ client: { ip: '192.0.2.50' }, service: 'smtp', helo: 'x', mailFrom: 'a@b.example', rcptTo: ['bob@corp.example'], message: { subject: 's', size: 100 } }).connected).toBe(false);
  });

  it('systemctl hooks: stop really stops listening, start brings it back, processes follow', async () => {
    const s = sim();
    const unit = s.unitControls.get('mail.corp.example:postfix.service')!;
    const procs = s.machine('mail').procs;
    expect(procs.find((p) => p.command.startsWith('/usr/lib/postfix/sbin/master')).length).toBe(1);
    unit.stop();
    await expect(s.network.connect('outside.example.org', 'mail.corp.example', 25)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(procs.find((p) => p.unit === 'postfix.service')).toEqual([]);
    expect(procs.unit('postfix')!.active).toBe(false);
    unit.start();
    const { greeting } = await open(s, 'outside.example.org');
    expect(greeting).toBe('220 mail.corp.example ESMTP Postfix');
    expect(procs.find((p) => /^(qmgr|pickup) /.test(p.command)).length).toBe(2);
  });
});
