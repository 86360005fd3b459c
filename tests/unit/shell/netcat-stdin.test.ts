/**
 * Observation 1, client side: nc with stdin from a file or a pipe sends it
 * all at once (pipelining, as the real one does) and prints the replies;
 * -C, -q, -w and -N as netcat-openbsd; swaks --pipeline.
 */
import { describe, expect, it } from 'vitest';
import type { VirtualSocket } from '../../../simulator/net/virtual-socket.ts';
import { LINE_TICK_MS } from '../../../simulator/shell/runner.ts';
import { liveShell } from './live-shell.ts';

/** A line service on mail.corp.example:7 that records every chunk it receives and answers each line. */
function recorder(sh: ReturnType<typeof liveShell>, opts: { closeOn?: string; silent?: boolean } = {}) {
  const chunks: string[] = [];
  let closedByClient = false;
  sh.sim.network.listen('mail.corp.example', 7, {
    accept(socket: VirtualSocket) {
      socket.write('hello\r\n');
      let buffer = '';
      socket.on('data', (d: Buffer) => {
        const text = d.toString('utf8');
        chunks.push(text);
        buffer += text;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (!opts.silent) socket.write(`got ${JSON.stringify(line)}\r\n`);
          if (line.replace(/\r$/, '') === opts.closeOn) socket.end();
        }
      });
      socket.on('end', () => (closedByClient = true));
    },
  });
  return { chunks, closedByClient: () => closedByClient };
}

describe('nc with stdin from a pipe or a file', () => {
  it('sends all of stdin in one write, LF turned into CRLF by -C, and prints every reply', async () => {
    const sh = liveShell();
    const rec = recorder(sh, { closeOn: 'QUIT' });
    const out = await sh.type("printf 'EHLO x\\nNOOP\\nQUIT\\n' | nc -C mail.corp.example 7");
    expect(rec.chunks).toEqual(['EHLO x\r\nNOOP\r\nQUIT\r\n']);
    // The service quotes each line it got: the CR that -C added is part of it.
    expect(out).toBe(String.raw`hello
got "EHLO x\r"
got "NOOP\r"
got "QUIT\r"
`);
  });

  it('without -C the bytes go as they are; a file works like a pipe', async () => {
    const sh = liveShell();
    const rec = recorder(sh, { closeOn: 'QUIT' });
    await sh.type("printf 'a\\nQUIT\\n' > /tmp/dialogue.txt");
    const out = await sh.type('nc mail.corp.example 7 < /tmp/dialogue.txt');
    expect(rec.chunks).toEqual(['a\nQUIT\n']);
    expect(out).toContain('got "a"');
    expect(out).not.toContain('needs the terminal');
  });

  it('after EOF it reads until the server closes; -q N quits N simulated seconds after EOF', async () => {
    const sh = liveShell();
    recorder(sh);
    const before = sh.sim.clock.now();
    const out = await sh.type("printf 'ping\\n' | nc -q 2 mail.corp.example 7");
    expect(out).toBe('hello\ngot "ping"\n');
    expect(sh.sim.clock.now() - before).toBe(2000 + LINE_TICK_MS);
  });

  it('-q 0 quits at EOF, once what is already on the wire has arrived', async () => {
    const sh = liveShell();
    recorder(sh);
    const before = sh.sim.clock.now();
    expect(await sh.type("printf 'ping\\n' | nc -q 0 mail.corp.example 7")).toBe('hello\ngot "ping"\n');
    expect(sh.sim.clock.now() - before).toBe(LINE_TICK_MS);
  });

  it('-w N quits after N simulated seconds without data', async () => {
    const sh = liveShell();
    recorder(sh, { silent: true });
    const before = sh.sim.clock.now();
    const out = await sh.type("printf 'ping\\n' | nc -w 4 mail.corp.example 7");
    expect(out).toBe('hello\n');
    expect(sh.sim.clock.now() - before).toBe(4000 + LINE_TICK_MS);
  });

  it('-N shuts down the sending side after EOF, so the server sees the end', async () => {
    const sh = liveShell();
    const rec = recorder(sh);
    await sh.type("printf 'x\\n' | nc -N -q 1 mail.corp.example 7");
    expect(rec.closedByClient()).toBe(true);
  });

  it('refuses options this lab does not have with a clear message, and knows the real usage', async () => {
    const sh = liveShell();
    expect(await sh.type('nc -l 25')).toContain("nc: -l is not available on this lab's hosts");
    expect(await sh.type('nc -Y mail 25')).toContain("nc: invalid option -- 'Y'\nusage: nc [-46CDdFhklNnrStUuvZz]");
  });

  it('-zv only checks the port, as admins do before a test', async () => {
    const sh = liveShell();
    expect(await sh.type('nc -zv mail.corp.example 25')).toBe('Connection to mail.corp.example (10.0.0.25) 25 port [tcp/smtp] succeeded!\n');
  });
});

describe('nc pipelining a dialogue to Postfix', () => {
  const dialogue = ['EHLO x', 'MAIL FROM:<a@x.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: t', '', 'hi', '.', 'QUIT'];

  it('gets the same replies as the dialogue typed one line at a time', async () => {
    const typed = liveShell();
    await typed.type('telnet mail.corp.example 25');
    const replies = (text: string) => text.split('\n').filter((l) => /^\d{3}[ -]/.test(l)).map((l) => l.replace(/queued as [0-9A-F]+/, 'queued as Q'));
    for (const line of dialogue) await typed.type(line);
    const oneByOne = replies(typed.transcript());

    const piped = liveShell();
    const out = await piped.type(`printf '${dialogue.join('\\n')}\\n' | nc -C mail.corp.example 25`);
    expect(replies(out)).toEqual(oneByOne);
    expect(piped.sim.mailbox('bob')).toContain('\nhi\n');
  });
});

describe('swaks --pipeline', () => {
  it('sends MAIL, RCPT and DATA together and reads the replies after, as swaks prints it', async () => {
    const sh = liveShell({}, 'outside');
    const out = await sh.type('swaks --pipeline -s mail.corp.example -f s@example.org -t bob@corp.example');
    expect(out).toContain('<-  250-PIPELINING\n');
    expect(out).toContain(' -> MAIL FROM:<s@example.org>\n -> RCPT TO:<bob@corp.example>\n -> DATA\n<-  250 2.1.0 Ok\n<-  250 2.1.5 Ok\n<-  354 End data with <CR><LF>.<CR><LF>\n');
    expect(out).toMatch(/<- {2}250 2\.0\.0 Ok: queued as [0-9A-F]+\n -> QUIT\n<- {2}221 2\.0\.0 Bye\n=== Connection closed with remote host\.\n$/);
    expect(await sh.type('echo $?')).toBe('0\n');
  });

  it('a refused recipient in the pipeline ends with exit 24, the DATA reply shown as unexpected', async () => {
    const sh = liveShell({ mailScenario: 'closed' }, 'outside');
    const out = await sh.type('swaks --pipeline -s mail.corp.example -f s@example.org -t v@example.net');
    expect(out).toMatch(/<\*\* 554 5\.7\.1 <v@example\.net>: Relay access denied\n/);
    expect(await sh.type('echo $?')).toBe('24\n');
  });
});
