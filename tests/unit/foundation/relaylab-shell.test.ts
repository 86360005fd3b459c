import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/relaylab.mjs', import.meta.url));

function shell(input: string, args: string[] = ['--seed', '5']) {
  const r = spawnSync(process.execPath, [bin, 'shell', ...args], { input, encoding: 'utf8', timeout: 30_000 });
  return { out: r.stdout, err: r.stderr, code: r.status };
}

describe('relaylab shell with piped input', () => {
  it('prints the same SMTP dialogue a person would see', () => {
    const { out, code } = shell(
      [
        'telnet mail.corp.example 25',
        'EHLO client.example',
        'MAIL FROM:<carol@example.org>',
        'RCPT TO:<bob@corp.example>',
        'DATA',
        'Subject: piped',
        '',
        'Hello from a script.',
        '.',
        'QUIT',
        'echo done',
      ].join('\n') + '\n',
    );
    expect(code).toBe(0);
    const expected = [
      'admin@ops:~$ telnet mail.corp.example 25',
      'Trying 10.0.0.25...',
      'Connected to mail.corp.example.',
      "Escape character is '^]'.",
      '220 mail.corp.example ESMTP Postfix',
      'EHLO client.example',
      '250-mail.corp.example',
    ].join('\n');
    expect(out).toContain(expected);
    expect(out).toContain('MAIL FROM:<carol@example.org>\n250 2.1.0 Ok\nRCPT TO:<bob@corp.example>\n250 2.1.5 Ok\nDATA\n354 End data with <CR><LF>.<CR><LF>\n');
    expect(out).toMatch(/\.\n250 2\.0\.0 Ok: queued as [0-9A-F]{11}\nQUIT\n221 2\.0\.0 Bye\nConnection closed by foreign host\.\nadmin@ops:~\$ echo done\ndone\n/);
    expect(out).not.toMatch(/\x1b\[/);
  });

  it('reports unknown commands, unknown hosts and closed ports like bash and telnet', () => {
    const { out } = shell('nosuchcmd\ntelnet nohost.example 25\ntelnet mail.corp.example 2525\n');
    expect(out).toContain('-bash: nosuchcmd: command not found');
    expect(out).toContain('telnet: could not resolve nohost.example/25: Name or service not known');
    expect(out).toContain('Trying 10.0.0.25...\ntelnet: Unable to connect to remote host: Connection refused');
  });

  it('is reproducible: same seed, same transcript', () => {
    const script = 'telnet mail 25\nHELO a\nMAIL FROM:<a@b.example>\nRCPT TO:<bob@corp.example>\nDATA\nx\n.\nQUIT\n';
    expect(shell(script).out).toBe(shell(script).out);
  });

  it('rejects a bad seed with a clear message', () => {
    const { err, code } = shell('', ['--seed', 'banana']);
    expect(code).toBe(2);
    expect(err).toContain("--seed must be a whole number from 0 to 4294967295, not 'banana'");
  });
});
