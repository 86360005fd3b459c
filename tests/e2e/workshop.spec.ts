/**
 * `relaylab workshop` in real Chromium: an attendee joins in one browser
 * context and passes a step; the trainer's view in another context shows it
 * within two seconds (pushed, not polled); projector mode takes the names
 * out of the page; the hint policy and "Show me" reach the lab page live.
 * The workshop server runs in this process on a free loopback port, serving dist/.
 */
import { test, expect, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openStore } from '../../cli/workshop/store.ts';
import { startWorkshopServer, type WorkshopServer } from '../../cli/workshop/server.ts';
import { loadLabs, REPO_ROOT } from '../../cli/lab-files.ts';
import type { ProgressStore } from '../../cli/workshop/types.ts';
import AxeBuilder from '@axe-core/playwright';
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
async function attendee(browser: Browser, name: string, at: { url: string; joinCode: string } = ws): Promise<{ page: Page; t: TerminalPage }> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${at.url}/labs/speak-smtp/`);
  await expect(page).toHaveURL(/\/workshop\/join\/\?next=/);
  await page.getByLabel('Join code').fill(at.joinCode.toLowerCase());
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page).toHaveURL(`${at.url}/labs/speak-smtp/`);
  const t = new TerminalPage(page);
  await expect(page.locator('[data-terminal-status]')).toContainText('ready');
  await t.waitFor(/admin@ops:~\$ $/m);
  return { page, t };
}

/** Step "send" of speak-smtp, typed as a person types it. */
async function sendBob(t: TerminalPage): Promise<void> {
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
}

test('the trainer sees an attendee pass a step within two seconds; projector mode hides names', async ({ browser }) => {
  const view = await trainer(browser);
  const { page, t } = await attendee(browser, 'Ada Lovelace');
  const seat = (await store.classData()).seats.find((s) => s.name === 'Ada Lovelace')!;
  // The seat's own seed, not one of the URL or a random one.
  await expect(page.locator('[data-lab-seed]')).toHaveText(String(seat.seed));
  // Joining did not leave an attempt of another seed behind (the page waits for the seat before it starts).
  await expect(page.locator('[data-lab-notice="seed"]')).toHaveCount(0);
  await expect(page.locator('[data-workshop-status]')).toContainText('Ada Lovelace');
  await expect(view.getByRole('rowheader', { name: /Ada Lovelace/ })).toBeVisible();

  await sendBob(t);
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
  // The trainer's page and the lab page with the workshop's additions: no serious or critical accessibility violation.
  for (const p of [view, page]) {
    const results = await new AxeBuilder({ page: p }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  }
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

  // The page's own "Show me" comes after the last hint; in a workshop it works only while the trainer's switch is on.
  const send = page.locator('[data-step="send"]');
  while (await hint.isVisible()) await hint.click();
  const showMe = send.locator('[data-showme-button]');
  await expect(showMe).toBeDisabled();
  await expect(send.locator('[data-workshop-showme-note]')).toHaveText('The trainer has not turned “Show me” on.');
  await view.getByRole('checkbox', { name: /Show me/ }).check();
  await expect(showMe).toBeEnabled();
  await showMe.click();
  await expect(send.locator('[data-showme]')).toContainText('telnet mail.corp.example 25');
  const seat = (await store.classData()).seats.find((s) => s.name === 'Bob Kahn')!;
  await expect.poll(async () => (await store.classData()).states.find((s) => s.seat === seat.id && s.step === 'send')?.showMe).toBe(1);
});

/** `relaylab workshop` as its own process, so that it can be killed. */
function workshopProcess(port: number, data: string): Promise<{ proc: ChildProcess; url: string; joinCode: string }> {
  const proc = spawn(process.execPath, [join(REPO_ROOT, 'bin/relaylab.mjs'), 'workshop', '--port', String(port), '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/[^/\s]+)\//.exec(out)?.[1];
      const joinCode = /Join code: (\S+)/.exec(out)?.[1];
      if (url && joinCode) resolve({ proc, url, joinCode });
    });
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (c) => reject(new Error(`workshop exited (${c}):\n${out}`)));
  });
}
const exited = (p: ChildProcess) => new Promise<void>((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve() : p.once('exit', () => resolve())));

test('SIGKILL mid-class: the page keeps what was not acknowledged and sends it once the workshop is back', async ({ browser }) => {
  const data = join(mkdtempSync(join(tmpdir(), 'relaylab-e2e-kill-')), 'class.db');
  const first = await workshopProcess(0, data);
  let second: Awaited<ReturnType<typeof workshopProcess>> | undefined;
  try {
    const { page, t } = await attendee(browser, 'Radia Perlman', first);
    await expect(page.locator('[data-workshop-status]')).toContainText('Progress sent.');
    first.proc.kill('SIGKILL');
    await exited(first.proc);
    await sendBob(t);
    await expect(page.locator('[data-step="send"]')).toHaveClass(/done/);
    await expect(page.locator('[data-workshop-status]')).toContainText('the workshop does not answer; kept and sent again');
    second = await workshopProcess(Number(new URL(first.url).port), data);
    // The page reconnects by itself (the policy stream) and sends what waits.
    await expect(page.locator('[data-workshop-status]')).toContainText('Progress sent.', { timeout: 15_000 });
    second.proc.kill('SIGTERM');
    await exited(second.proc);
    const stored = await openStore({ data });
    try {
      const passed = (await stored.allEvents()).filter((e) => e.kind === 'passed' && e.step === 'send');
      expect(passed.length).toBe(1);
      expect((await stored.allEvents()).filter((e) => e.kind === 'opened').length).toBe(1);
    } finally {
      await stored.close();
    }
  } finally {
    for (const p of [first.proc, second?.proc]) if (p && p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  }
});
