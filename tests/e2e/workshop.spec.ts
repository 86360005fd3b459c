/**
 * `relaylab workshop` in real Chromium: an attendee joins in one browser
 * context and passes a step; the trainer's view in another context shows it
 * within two seconds (pushed, not polled); projector mode takes the names
 * out of the page; the hint policy and "Show me" reach the lab page live.
 * The workshop server runs in this process on a free loopback port, serving dist/.
 */
import { test, expect, type Browser, type Page } from '@playwright/test';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openStore } from '../../cli/workshop/store.ts';
import { startWorkshopServer, type WorkshopServer } from '../../cli/workshop/server.ts';
import { loadLabs, REPO_ROOT } from '../../cli/lab-files.ts';
import type { ProgressStore } from '../../cli/workshop/types.ts';
import { TerminalPage } from './terminal-page.ts';

let ws: WorkshopServer;
let store: ProgressStore;

test.beforeAll(async () => {
  store = await openStore({ data: join(mkdtempSync(join(tmpdir(), 'relaylab-e2e-ws-')), 'w.db') });
  const labs = loadLabs().flatMap((l) => (l.lab ? [l.lab] : []));
  ws = await startWorkshopServer({ store, labs, siteDir: join(REPO_ROOT, 'dist'), host: '127.0.0.1', port: 0 });
});
test.afterAll(async () => {
  await ws?.close();
  await store?.close();
});

async function trainer(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${ws.url}/workshop/trainer/?key=${encodeURIComponent(ws.trainerKey)}`);
  await expect(page).toHaveURL(`${ws.url}/workshop/trainer/`);
  await expect(page.locator('[data-join-line]')).toContainText(ws.joinCode);
  return page;
}

/** Open the lab: the page sends the attendee to the join page and, joined, back to the lab. */
async function attendee(browser: Browser, name: string): Promise<{ page: Page; t: TerminalPage }> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${ws.url}/labs/speak-smtp/`);
  await expect(page).toHaveURL(/\/workshop\/join\/\?next=/);
  await page.getByLabel('Join code').fill(ws.joinCode.toLowerCase());
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page).toHaveURL(`${ws.url}/labs/speak-smtp/`);
  const t = new TerminalPage(page);
  await expect(page.locator('[data-terminal-status]')).toContainText('ready');
  await t.waitFor(/admin@ops:~\$ $/m);
  return { page, t };
}

test('the trainer sees an attendee pass a step within two seconds; projector mode hides names', async ({ browser }) => {
  const view = await trainer(browser);
  const { page, t } = await attendee(browser, 'Ada Lovelace');
  const seat = (await store.classData()).seats.find((s) => s.name === 'Ada Lovelace')!;
  // The seat's own seed, not one of the URL or a random one.
  await expect(page.locator('[data-lab-seed]')).toHaveText(String(seat.seed));
  await expect(page.locator('[data-workshop-status]')).toContainText('Ada Lovelace');
  await expect(view.getByRole('rowheader', { name: /Ada Lovelace/ })).toBeVisible();

  for (const [line, reply] of [
    ['telnet mail.corp.example 25', '220 mail.corp.example ESMTP Postfix'],
    ['EHLO ops.corp.example', /^250 CHUNKING$/m],
    ['MAIL FROM:<admin@corp.example>', '250 2.1.0 Ok'],
    ['RCPT TO:<bob@corp.example>', '250 2.1.5 Ok'],
    ['DATA', '354 End data'],
    ['Subject: from the workshop', undefined],
    ['.', /queued as [0-9A-F]+/],
    ['QUIT', '221 2.0.0 Bye'],
  ] as const) {
    await t.typeLine(line);
    if (reply) await t.waitFor(reply);
  }
  // Passed on the attendee's page…
  await expect(page.locator('[data-step="send"]')).toHaveClass(/done/);
  // …and on the trainer's grid within two seconds.
  await expect(view.locator(`[data-cell="${seat.id}/speak-smtp/send"]`)).toHaveAttribute('data-status', 'passed', { timeout: 2000 });
  await expect(view.locator(`[data-cell="${seat.id}/speak-smtp/read"]`)).toHaveAttribute('data-status', 'current');

  await view.getByLabel('projector mode (hide names)').check();
  await expect(view.getByRole('rowheader', { name: `Seat ${seat.id} seed ${seat.seed}` })).toBeVisible();
  expect(await view.content()).not.toContain('Lovelace');
  // Still after the next push.
  await page.locator('[data-step="read"] [data-hint-button]').click();
  await expect(view.locator(`[data-cell="${seat.id}/speak-smtp/read"] .counts`)).toHaveText('1/0');
  expect(await view.content()).not.toContain('Lovelace');
});

test('the hint policy and "Show me" reach the lab page as the trainer sets them', async ({ browser }) => {
  const view = await trainer(browser);
  const { page } = await attendee(browser, 'Bob Kahn');
  const hint = page.locator('[data-step="send"] [data-hint-button]');
  await expect(hint).toBeEnabled();
  await view.getByRole('radio', { name: 'off' }).check();
  await expect(hint).toBeDisabled();
  await expect(page.locator('[data-step="send"] [data-workshop-hint-note]')).toHaveText('The trainer has turned hints off.');
  await view.getByRole('radio', { name: /^after/ }).check();
  await expect(page.locator('[data-step="send"] [data-workshop-hint-note]')).toHaveText(/^Hints open in \d+ min\.$/);
  await expect(page.locator('[data-step="read"] [data-workshop-hint-note]')).toHaveText('Hints open 10 min after you start this step.');
  await view.getByRole('radio', { name: 'free' }).check();
  await expect(hint).toBeEnabled();

  await expect(page.getByRole('button', { name: 'Show me' })).toHaveCount(0);
  await view.getByRole('checkbox', { name: /Show me/ }).check();
  await page.locator('[data-step="send"]').getByRole('button', { name: 'Show me' }).click();
  await expect(page.locator('[data-step="send"] [data-workshop-solution]')).toContainText('telnet mail.corp.example 25');
  const seat = (await store.classData()).seats.find((s) => s.name === 'Bob Kahn')!;
  await expect.poll(async () => (await store.classData()).states.find((s) => s.seat === seat.id && s.step === 'send')?.showMe).toBe(1);
});
