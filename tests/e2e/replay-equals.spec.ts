/**
 * Replay equals the original (issue 9, observation 2): after a reload the
 * terminal shows exactly the text the learner left — the whole xterm buffer,
 * scrollback included, compared as written (rows xterm wrapped joined again:
 * a load may give the terminal one column more or less, which re-wraps the
 * same text) — and the network is in the same state, with Check
 * pressed in between (grading must leave no trace) and across more than one
 * reload.
 */
import { test, expect, type Page } from '@playwright/test';
import { TerminalPage } from './terminal-page.ts';

const LAB = '/labs/close-the-relay/?seed=7';

const mailLog = (page: Page) => page.evaluate(() => (window as unknown as { relayLab: { sim: { mailServer: { log: { text(): string } } } } }).relayLab.sim.mailServer.log.text());

/** Reload: the whole terminal text and mail.log must come back exactly as they were. */
async function expectSameAfterReload(page: Page, t: TerminalPage): Promise<void> {
  const before = await t.text();
  const logBefore = await mailLog(page);
  await page.reload();
  await t.restored();
  expect(await t.text()).toBe(before);
  expect(await mailLog(page)).toBe(logBefore);
}

async function check(page: Page, t: TerminalPage): Promise<void> {
  await page.getByRole('button', { name: 'Check my work' }).click();
  await t.restored(); // waits for grading to be idle
}

test('lab 3, seed 7: fix, reload postfix, tail the log, press Check, reload: the same terminal, the same mail.log', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open(LAB);
  await t.restored();
  await t.typeLine('ssh mail');
  await t.waitFor(/root@mail:~# $/m);
  await t.typeLine("postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24'");
  await t.typeLine('postfix reload');
  await t.waitFor('postfix/postfix-script: refreshing the Postfix mail system');
  await t.typeLine('tail -n 5 /var/log/mail.log');
  await expect.poll(() => t.count('root@mail:~# ')).toBe(4);
  await check(page, t);
  await expectSameAfterReload(page, t);
});

test('a telnet dialogue, Checks and a reload in between: the second reload shows the same buffer again', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open(LAB);
  await t.restored();
  await t.typeLine('ssh outside');
  await t.waitFor(/root@outside:~# $/m);
  await t.typeLine('telnet mail.corp.example 25');
  await t.waitFor('220 mail.corp.example ESMTP Postfix');
  await t.typeLine('EHLO outside.example.org');
  await t.waitFor(/^250 CHUNKING$/m);
  await check(page, t);
  await t.typeLine('MAIL FROM:<friend@example.org>');
  await t.waitFor('250 2.1.0 Ok');
  await page.reload();
  await t.restored();
  await t.waitFor('250 2.1.0 Ok');
  await t.typeLine('RCPT TO:<someone@example.net>');
  await t.waitFor(/^250 2\.1\.5 Ok$/m);
  await t.typeLine('QUIT');
  await t.waitFor('Connection closed by foreign host.');
  await check(page, t);
  await t.typeLine('tail -n 3 /var/log/mail.log');
  await expect.poll(() => t.count('root@outside:~# ')).toBe(3);
  await expectSameAfterReload(page, t);
});

test('several telnet sessions typed in a row, graded after each line: a reload rebuilds the same mail.log and marks', async ({ page }) => {
  // The page used to wait for grading with simulated patience after each Enter: while telnet waited for a
  // reply the clock jumped, and the replay (which does not grade between keys) took another path.
  const t = new TerminalPage(page);
  await t.open('/labs/close-the-relay/?seed=1');
  await t.restored();
  const lines = [
    'ssh mail', "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24'",
    "postconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'", 'postfix reload', 'exit',
    'ssh outside',
    ...Array.from({ length: 6 }, () => ['relaytest mail.corp.example', 'telnet mail.corp.example 25', 'EHLO outside.example.org', 'MAIL FROM:<a@example.org>', 'RCPT TO:<bob@corp.example>', 'QUIT']).flat(),
    'exit',
  ];
  for (const line of lines) await t.run(line);
  const logBefore = await mailLog(page);
  expect(logBefore).not.toContain('improper command pipelining');
  const marks = await t.marks();
  await page.reload();
  await t.restored();
  expect(await mailLog(page)).toBe(logBefore);
  expect(await t.marks()).toEqual(marks);
});
