/**
 * Labs 4 and 5 in real Chromium, typed in the real terminal with the living
 * world running: lab 5 played to the end (complaint, relay ruled out from
 * outside, the seed's infected desks found and named), and lab 4's week
 * ready on the page, its first question answered from mailstats.
 */
import { test, expect, type Page } from '@playwright/test';
import { TerminalPage } from './terminal-page.ts';
import { loadLab } from '../../cli/lab-files.ts';
import { infectedAtStart, solutionAnswers } from '../../simulator/labs/scenario.ts';

const step = (page: Page, id: string) => page.locator(`[data-step="${id}"]`);

async function answer(page: Page, id: string, text: string, kind: 'text' | 'choice' = 'text'): Promise<void> {
  const s = step(page, id);
  if (kind === 'text') await s.getByRole('textbox').fill(text);
  else await s.getByRole('radio', { name: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).check();
  await s.getByRole('button', { name: 'Answer' }).click();
}

test('lab 5 by typing: the seed\'s infected desks, found on fw and on the desks, complete the lab', async ({ page }) => {
  test.setTimeout(120_000);
  const seed = 3;
  const infected = infectedAtStart(loadLab('follow-the-trail'), seed);
  const t = new TerminalPage(page);
  await t.open(`/labs/follow-the-trail/?seed=${seed}`);

  await t.typeLine('mail');
  await t.waitFor(/Abuse report for 203\.0\.113\.10/);
  await answer(page, 'complaint', '203.0.113.10', 'choice');
  await expect(step(page, 'complaint')).toHaveClass(/done/);

  await t.typeLine('ssh outside');
  await t.waitFor(/root@outside:~# $/m);
  await t.typeLine('telnet mail.corp.example 25');
  await t.waitFor('220 mail.corp.example ESMTP Postfix');
  await t.typeLine('EHLO outside.example.org');
  await t.waitFor(/^250 CHUNKING$/m);
  await t.typeLine('MAIL FROM:<test@example.org>');
  await t.waitFor('250 2.1.0 Ok');
  await t.typeLine('RCPT TO:<victim@example.net>');
  await t.waitFor('Relay access denied');
  await t.typeLine('QUIT');
  await t.waitFor('221 2.0.0 Bye');
  await t.typeLine('relaytest mail.corp.example');
  await t.waitFor(/all tests failed|open relay/, 30_000);
  await t.typeLine('exit');
  await answer(page, 'not-the-relay', 'no', 'choice');
  await expect(step(page, 'not-the-relay')).toHaveClass(/done/);

  // A guess is not an answer: the desks must be looked at.
  await answer(page, 'infected', infected.join(' '));
  await expect(step(page, 'infected').locator('[data-step-status]')).toContainText('Follow the trail first');

  await t.typeLine('ssh fw');
  await t.waitFor(/root@fw:~# $/m);
  await t.typeLine("grep OUT-SMTP /var/log/firewall.log | grep -o 'SRC=[0-9.]*' | sort | uniq -c");
  await t.waitFor(/SRC=10\.0\.0\.25/);
  await t.typeLine('exit');
  for (const h of infected) {
    await t.typeLine(`ssh ${h}`);
    await t.waitFor(new RegExp(`@${h}:~\\$ $`, 'm'));
    await t.typeLine('ps aux');
    await t.waitFor(/-k netsvcs/);
    await t.typeLine('exit');
    await t.waitFor(/admin@ops:~\$ $/m);
  }
  // The answer given before is kept; graded after each command, it passes once the looking is done.
  await expect(step(page, 'infected')).toHaveClass(/done/);
  await expect(page.locator('[data-lab-summary]')).toBeVisible();
});

test('lab 4: the week is ready on the page, and mailstats answers when the spam started', async ({ page }) => {
  test.setTimeout(120_000);
  const seed = 2;
  const key = solutionAnswers(loadLab('watch-your-mail-server'), seed);
  const t = new TerminalPage(page);
  await t.open(`/labs/watch-your-mail-server/?seed=${seed}`);
  await t.typeLine('mailstats | head -22');
  await t.waitFor(/Per-Day Traffic Summary/);
  await t.waitFor(/2026-03-09 /);
  await answer(page, 'when', key['when']!);
  await expect(step(page, 'when')).toHaveClass(/done/);
  await t.typeLine('mailwatch');
  await t.waitFor(/mailwatch: 0 alerts/);
});
