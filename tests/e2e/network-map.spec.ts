/**
 * The network map in real Chromium (issue 12): it shows the relay open as the grader's own battery
 * from outside finds it, the learner closes it by typing and the map and its text alternative say
 * closed; `ssh fw` moves "you are here"; the grader's probes draw no flow while a learner's telnet
 * does; the map and its text alternative are reached with the keyboard, and axe finds nothing serious.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { TerminalPage } from './terminal-page.ts';

test.use({ viewport: { width: 1366, height: 768 } });

const relayMark = (page: Page) => page.locator('[data-net-map] [data-relay]');
const relayFact = (page: Page) => page.locator('[data-map-fact="relay"]');

/**
 * From now on, count the animation frames in which the map's canvas holds any painted pixel: only
 * flows are drawn there (the topology and the marks are SVG), so a painted frame is a drawn flow.
 */
async function watchPaint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { paintedFrames: number };
    w.paintedFrames = 0;
    const paint = document.querySelector<HTMLCanvasElement>('[data-net-map] [data-map-paint]')!;
    const pen = paint.getContext('2d')!;
    const look = () => {
      if (paint.width && paint.height && pen.getImageData(0, 0, paint.width, paint.height).data.some((v, i) => i % 4 === 3 && v > 0)) w.paintedFrames++;
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
}
const paintedFrames = (page: Page) => page.evaluate(() => (window as unknown as { paintedFrames: number }).paintedFrames);

test('the map shows the relay open; typing the fix closes it on the map and in its text', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open('/labs/close-the-relay/?seed=7');
  await page.getByRole('tab', { name: 'Network map' }).click();
  await t.restored();
  await expect(relayMark(page)).toHaveAttribute('data-relay', 'open');
  await expect(relayFact(page)).toContainText('OPEN');
  await t.run('ssh mail');
  await t.run("postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24'");
  await t.run("postconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'");
  // Still open: main.cf changed, the running smtpd did not.
  await expect(relayMark(page)).toHaveAttribute('data-relay', 'open');
  await t.typeLine('postfix reload');
  await expect(relayMark(page)).toHaveAttribute('data-relay', 'closed');
  await expect(relayMark(page)).toHaveText('relay closed');
  await expect(relayFact(page)).toHaveText('closed — refuses all 16 relay tests from outside');
});

test('ssh fw moves "you are here"; exit brings it back', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open('/labs/close-the-relay/?seed=7');
  await page.getByRole('tab', { name: 'Network map' }).click();
  await expect(page.locator('[data-here]')).toHaveAttribute('data-here', 'ops.corp.example');
  await t.run('ssh fw');
  await expect(page.locator('[data-here]')).toHaveAttribute('data-here', 'fw.corp.example');
  await expect(page.locator('[data-node="fw.corp.example"]')).toHaveClass(/here/);
  await expect(page.locator('[data-map-fact="here"]')).toHaveText('fw (NAT 203.0.113.10)');
  await t.run('exit');
  await expect(page.locator('[data-here]')).toHaveAttribute('data-here', 'ops.corp.example');
});

test("the grader's probes draw no flow; the learner's own connection does", async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open('/labs/close-the-relay/?seed=7');
  await page.getByRole('tab', { name: 'Network map' }).click();
  await t.restored();
  await watchPaint(page);
  await page.locator('[data-lab-check]').click();
  await expect(page.locator('[data-step="close"] [data-step-status]')).not.toBeEmpty();
  await page.evaluate(() => (window as unknown as { relayLabRunner: { settled(): Promise<void> } }).relayLabRunner.settled());
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // The battery's 16 sessions from outside painted nothing and listed nothing.
  expect(await paintedFrames(page)).toBe(0);
  await expect(page.locator('[data-map-flows]')).toHaveText('None yet.');
  await t.run('ssh outside');
  await t.typeLine('telnet mail.corp.example 25');
  await t.waitFor('220 mail.corp.example ESMTP Postfix');
  await expect.poll(() => paintedFrames(page)).toBeGreaterThan(0);
  await expect(page.locator('[data-map-flows]')).toContainText('outside → mail:25 connected');
  // A flow lasts under a second: then the canvas is clear again.
  await expect.poll(() => page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('[data-net-map] [data-map-paint]')!;
    return c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0);
  })).toBe(false);
});

test('keyboard only: from the terminal to the map tab and its text alternative; axe clean', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open('/labs/close-the-relay/?seed=7');
  await t.restored();
  await page.keyboard.press('Escape');
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Shift+Tab');
    found = await page.evaluate(() => document.activeElement?.getAttribute('role') === 'tab');
  }
  expect(found).toBe(true);
  await expect(page.getByRole('tab', { name: 'Steps' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Network map' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Network map' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Tab');
  const panel = page.getByRole('tabpanel', { name: 'Network map' });
  await expect(panel).toBeFocused();
  await expect(panel.locator('[data-map-facts]')).toContainText('Mail relay, as the Internet sees it');
  await expect(relayFact(page)).toContainText('OPEN');
  const bad = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
});

test('after a reload the map is what the learner left: where they are, the relay, the recent flows; the replayed past is not animated', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open('/labs/close-the-relay/?seed=7');
  await t.restored();
  for (const line of ['ssh mail', "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24'", "postconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'", 'postfix reload', 'exit', 'ssh outside']) await t.run(line);
  await t.typeLine('telnet mail.corp.example 25');
  await t.waitFor('220 mail.corp.example ESMTP Postfix');
  await t.typeLine('QUIT');
  await t.waitFor('Connection closed by foreign host.');
  await page.getByRole('tab', { name: 'Network map' }).click();
  await expect(page.locator('[data-map-flows]')).toContainText('outside → mail:25 connected');
  await expect(relayMark(page)).toHaveAttribute('data-relay', 'closed');
  const picture = async () => ({
    here: await page.locator('[data-here]').getAttribute('data-here'),
    relay: await relayMark(page).textContent(),
    facts: await page.locator('[data-map-facts]').innerText(),
    flows: await page.locator('[data-map-flows]').innerText(),
  });
  const before = await picture();
  expect(before.here).toBe('outside.example.org');

  await page.reload();
  await t.restored();
  await page.getByRole('tab', { name: 'Network map' }).click();
  await expect(page.locator('[data-map-flows]')).toHaveText(before.flows);
  expect(await picture()).toEqual(before);
  // The replayed telnet came last, so an unheld map would still be animating its flows now.
  await watchPaint(page);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  expect(await paintedFrames(page)).toBe(0);
});
