/**
 * Two tabs of one lab (issue 9, observation 5: tab B fixed the relay, tab A
 * typed echo, and after reloading both showed 0 of 3 — silently). One tab
 * holds the lab and saves; the other is told which one, in words, and can
 * take the lab over, continuing from the saved work.
 */
import { test, expect, type Page } from '@playwright/test';
import { TerminalPage } from './terminal-page.ts';

const LAB = '/labs/close-the-relay/?seed=7';
const FIX = [
  'ssh mail',
  "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24'",
  "postconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'",
  'postfix reload',
];
const tabNotice = (p: Page) => p.locator('[data-lab-notice="tab"]');

test('the second tab is told which tab holds the lab; taking over continues from the saved work; nothing is lost silently', async ({ context }) => {
  const a = await context.newPage();
  const ta = new TerminalPage(a);
  await a.goto(LAB);
  await ta.restored();
  await ta.run('echo typed-in-a');

  const b = await context.newPage();
  const tb = new TerminalPage(b);
  await b.goto(LAB);
  await tb.restored();
  // Told plainly, before typing anything, with the holder's opening time (it answered on the channel).
  await expect(tabNotice(b)).toHaveAttribute('role', 'alert');
  await expect(tabNotice(b)).toContainText('already open in another tab of this browser (the one opened at');
  await expect(tabNotice(b)).toContainText('what you type here is not saved');
  await expect(tabNotice(a)).toHaveCount(0);
  // B replayed A's saved work.
  expect(await tb.screen()).toContain('\ntyped-in-a\n');

  // Reset from the tab that does not save would throw away the other tab's work: refused, in words.
  await b.getByRole('button', { name: 'Reset lab' }).click();
  await expect(tabNotice(b)).toContainText('cannot be reset from here');
  expect(await b.evaluate(() => localStorage.getItem('relaylab:lab:close-the-relay'))).toContain('typed-in-a');

  await Promise.all([b.waitForEvent('load'), b.getByRole('button', { name: 'Use this tab instead' }).click()]);
  await tb.restored();
  await expect(tabNotice(b)).toHaveCount(0);
  await expect(tabNotice(a)).toContainText('This lab is now open in another tab');
  expect(await tb.screen()).toContain('\ntyped-in-a\n');

  // Observation 5 again: B fixes the relay, A types echo. A says it is not saving; B's fix survives.
  for (const line of FIX) await tb.run(line);
  await ta.run('echo typed-in-a-after');
  await b.reload();
  await tb.restored();
  await a.reload();
  await ta.restored();
  expect(await tb.marks()).toEqual([true, true, false]);
  expect(await ta.marks()).toEqual([true, true, false]);
  await expect(tabNotice(a)).toContainText('already open in another tab');
  await expect(tabNotice(b)).toHaveCount(0);
  expect(await ta.screen()).not.toContain('typed-in-a-after');
});
