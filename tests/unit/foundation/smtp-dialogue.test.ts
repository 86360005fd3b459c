import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../simulator/simulation.ts';
import { TestSmtpClient } from '../helpers/smtp-client.ts';

async function connect(sim: Simulation) {
  const socket = await sim.network.connect('ops.corp.example', 'mail.corp.example', 25);
  const c = new TestSmtpClient(socket);
  return { c, greeting: await c.reply() };
}

describe('SMTP dialogue through the mail service (Node)', () => {
  it('speaks Postfix and delivers to a local mailbox', async () => {
    const sim = new Simulation({ seed: 1 });
    const { c, greeting } = await connect(sim);
    expect(greeting).toBe('220 mail.corp.example ESMTP Postfix');
    const ehlo = await c.send('EHLO client.example');
    expect(ehlo.split('\n')).toEqual([
      '250-mail.corp.example',
      '250-PIPELINING',
      '250-SIZE 10240000',
      '250-VRFY',
      '250-ETRN',
      '250-ENHANCEDSTATUSCODES',
      '250-8BITMIME',
      '250-DSN',
      '250-SMTPUTF8',
      '250 CHUNKING',
    ]);
    expect(await c.send('DATA')).toBe('503 5.5.1 Error: need RCPT command');
    expect(await c.send('RCPT TO:<bob@corp.example>')).toBe('503 5.5.1 Error: need MAIL command');
    expect(await c.send('MAIL FROM:<carol@example.org>')).toBe('250 2.1.0 Ok');
    expect(await c.send('MAIL FROM:<carol@example.org>')).toBe('503 5.5.1 Error: nested MAIL command');
    expect(await c.send('RCPT TO:<bob@corp.example>')).toBe('250 2.1.5 Ok');
    expect(await c.send('DATA')).toBe('354 End data with <CR><LF>.<CR><LF>');
    c.write('Subject: hi');
    c.write('');
    c.write('..leading dot is unstuffed');
    c.write('From the desk of Carol');
    const queued = await c.send('.');
    expect(queued).toMatch(/^250 2\.0\.0 Ok: queued as [0-9A-F]{11}$/);
    expect(await c.send('WHATEVER')).toBe('500 5.5.2 Error: command not recognized');
    expect(await c.send('QUIT')).toBe('221 2.0.0 Bye');
    await c.closed;
    const mbox = sim.mailbox('bob');
    expect(mbox).toMatch(/^From carol@example\.org {2}Tue Mar {2}3 09:00:00 2026$/m);
    expect(mbox).toContain('\n.leading dot is unstuffed\n');
    expect(mbox).toContain('\n>From the desk of Carol\n');
  });

  it('cuts a 100 KB command line to one error reply and keeps the session', async () => {
    const sim = new Simulation({ seed: 2 });
    const { c } = await connect(sim);
    await c.send('EHLO client.example');
    expect(await c.send('X'.repeat(100 * 1024))).toBe('500 5.5.2 Error: command not recognized');
    expect(await c.send('NOOP')).toBe('250 2.0.0 Ok');
  });

  it('a bare-LF dot does not end DATA: the nc pitfall', async () => {
    const sim = new Simulation({ seed: 3 });
    const { c } = await connect(sim);
    await c.send('EHLO x');
    await c.send('MAIL FROM:<a@example.org>');
    await c.send('RCPT TO:<bob@corp.example>');
    await c.send('DATA');
    c.socket.write('Subject: bare\n\nbody\n.\n');
    const proper = c.reply();
    c.socket.write('.\r\n');
    expect(await proper).toMatch(/^250 2\.0\.0 Ok: queued as /);
    expect(sim.mailbox('bob')).toContain('\nbody\n.\n');
  });

  it('same seed, same queue ids', async () => {
    const ids: string[] = [];
    for (let run = 0; run < 2; run++) {
      const sim = new Simulation({ seed: 99 });
      const { c } = await connect(sim);
      await c.send('EHLO x');
      await c.send('MAIL FROM:<a@example.org>');
      await c.send('RCPT TO:<bob@corp.example>');
      await c.send('DATA');
      c.write('hi');
      ids.push(await c.send('.'));
    }
    expect(ids[0]).toBe(ids[1]);
  });
});
