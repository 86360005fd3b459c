import { test, expect } from '@playwright/test';
import { TerminalPage } from './terminal-page.ts';

test('a whole SMTP conversation typed into the browser terminal', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();

  await t.typeLine('telnet mail.corp.example 25');
  await t.waitFor('220 mail.corp.example ESMTP Postfix');

  await t.typeLine('EHLO client.example');
  const ehlo = await t.waitFor('250 CHUNKING');
  expect(ehlo).toContain('250-mail.corp.example');
  expect(ehlo).toContain('250-PIPELINING');
  expect(ehlo).toContain('250-SIZE 10240000');

  await t.typeLine('MAIL FROM:<carol@example.org>');
  await t.waitFor('250 2.1.0 Ok');
  await t.typeLine('RCPT TO:<bob@corp.example>');
  await t.waitFor('250 2.1.5 Ok');
  await t.typeLine('DATA');
  await t.waitFor('354 End data with <CR><LF>.<CR><LF>');
  await t.typeLine('Subject: typed by hand');
  await t.typeLine('');
  await t.typeLine('Hello Bob, this came through telnet.');
  await t.typeLine('.');
  const queued = await t.waitFor(/250 2\.0\.0 Ok: queued as [0-9A-F]{10,12}/);
  // The id the server printed is the one its own log delivered to Bob (not just any id-shaped text).
  const id = /queued as ([0-9A-F]+)/.exec(queued)![1]!;
  const mailLog = () => page.evaluate(() => (window as unknown as { relayLab: { sim: { mailServer: { log: { text(): string } } } } }).relayLab.sim.mailServer.log.text());
  await expect.poll(mailLog).toMatch(new RegExp(`${id}: to=<bob@corp\\.example>.*status=sent`));

  await t.typeLine('QUIT');
  await t.waitFor('221 2.0.0 Bye');
  const after = await t.waitFor(/Connection closed by foreign host\.\n.*admin@ops:~\$ $/m);
  // Real telnet: the server's goodbye, then its own line, then the shell — nothing in between.
  expect(after).toContain('\n221 2.0.0 Bye\nConnection closed by foreign host.\nadmin@ops:~$');

  // The message really landed in Bob's mailbox inside the simulation.
  const mbox = await page.evaluate(() => (window as unknown as { relayLab: { sim: { mailbox(u: string): string } } }).relayLab.sim.mailbox('bob'));
  expect(mbox).toContain('Subject: typed by hand');
  expect(mbox).toContain('Hello Bob, this came through telnet.');

  // History: Up recalls the telnet command, Enter runs it again.
  await t.focus();
  for (let i = 0; i < 1; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect.poll(() => t.count('220 mail.corp.example ESMTP Postfix')).toBe(2);
});

test('line editing: cursor keys, Home/End, backspace, Ctrl-C and Ctrl-L', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();
  await t.focus();
  await page.keyboard.type('ecoh hello');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Delete');
  await page.keyboard.type('ho');
  await page.keyboard.press('End');
  await page.keyboard.type(' worldd');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await t.waitFor(/^hello world$/m);

  await page.keyboard.type('this will be cancelled');
  await page.keyboard.press('Control+C');
  await t.waitFor('this will be cancelled^C');

  await page.keyboard.press('Control+L');
  await expect.poll(async () => (await t.screen()).includes('hello world')).toBe(false);
  await t.waitFor(/admin@ops:~\$ $/m);
});

test('escape with Ctrl-] and quit, as real telnet does', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();
  await t.typeLine('telnet mail 25');
  await t.waitFor('220 mail.corp.example ESMTP Postfix');
  await t.focus();
  await page.keyboard.press('Control+BracketRight');
  await t.waitFor('telnet> ');
  await page.keyboard.type('quit');
  await page.keyboard.press('Enter');
  await t.waitFor(/Connection closed\.\n.*admin@ops:~\$ $/m);
});
