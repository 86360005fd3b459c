/**
 * The lab page as a workspace (issue 12): at 1366×768 a terminal of at least 100 columns and the
 * Check button in view without scrolling, nothing moving while the lab starts; on a phone "Type it"
 * brings the terminal into view, touch hints replace keyboard ones and the coach is seen while
 * typing. Steps: a done step reopens, every check shows its own mark and reason, hints are Markdown,
 * focus stays in a step after its answer, "Show me" after the last hint (and off by ?showme=off).
 * A mistyped address gets a real 404; a mistyped ?seed= a notice.
 */
import { test, expect, type Page } from '@playwright/test';
import { TerminalPage } from './terminal-page.ts';

const step = (page: Page, id: string) => page.locator(`[data-step="${id}"]`);
const cols = (page: Page) => page.evaluate(() => (window as unknown as { relayLab: { term: { cols: number } } }).relayLab.term.cols);

test.describe('at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('the terminal is at least 100 columns; its top and Check are in view; the start shifts nothing', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { cls: number };
      w.cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean }>) if (!e.hadRecentInput) w.cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const t = new TerminalPage(page);
    await t.open('/labs/close-the-relay/?seed=7');
    expect(await cols(page)).toBeGreaterThanOrEqual(100);
    // The banner was printed at the final width: its first line is not wrapped.
    expect((await t.screen()).split('\n')[0]).toBe('Relay Lab: corp.example operations workstation (simulated network).');
    const term = (await page.locator('[data-terminal]').boundingBox())!;
    const check = (await page.locator('[data-lab-check]').boundingBox())!;
    expect(term.y).toBeGreaterThanOrEqual(0);
    expect(term.y).toBeLessThan(768);
    expect(check.y).toBeGreaterThanOrEqual(0);
    expect(check.y + check.height).toBeLessThanOrEqual(768);
    // Reading a long step scrolls the steps column, not the page: the terminal stays put.
    await page.locator('.lab-side').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    expect((await page.locator('[data-terminal]').boundingBox())!.y).toBe(term.y);
    expect(await page.evaluate(() => (window as unknown as { cls: number }).cls)).toBeLessThan(0.05);
  });

  test('a wider screen gives the terminal more columns', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const t = new TerminalPage(page);
    await t.open('/labs/close-the-relay/?seed=7');
    expect(await cols(page)).toBeGreaterThanOrEqual(140);
  });

  test('each check is listed with its own mark and a visible reason; hints are Markdown; Show me after the last hint', async ({ page }) => {
    const t = new TerminalPage(page);
    await t.open('/labs/close-the-relay/?seed=7');
    await page.locator('[data-lab-check]').click();
    const checks = step(page, 'close').locator('[data-step-checks] li');
    await expect(checks).toHaveCount(2);
    await expect(checks.nth(0)).toHaveClass('fail');
    await expect(checks.nth(0).locator('.check-mark')).toHaveText('✗');
    await expect(checks.nth(0)).toContainText('relay');
    await expect(checks.nth(0)).toBeVisible();

    const close = step(page, 'close');
    const showMe = close.getByRole('button', { name: 'Show me the solution' });
    for (let i = 1; i <= 3; i++) {
      await expect(showMe).toBeHidden();
      await close.getByRole('button', { name: new RegExp(`hint \\(${i} of 3\\)`) }).click();
    }
    // Backquoted text in a hint is code, not backquotes.
    await expect(close.locator('[data-hint-list] li code').first()).toBeVisible();
    expect(await close.locator('[data-hint-list]').textContent()).not.toContain('`');
    await expect(showMe).toBeFocused();
    await showMe.click();
    const solution = close.locator('[data-showme]');
    await expect(solution).toBeVisible();
    await expect(solution).toContainText('postfix reload');
    await expect(solution).toBeFocused();
    // The solution counts as a hint used: it is still shown after a reload.
    await page.reload();
    await t.restored();
    await expect(step(page, 'close').locator('[data-showme]')).toBeVisible();
  });

  test('?showme=off: no Show me after the last hint', async ({ page }) => {
    const t = new TerminalPage(page);
    await t.open('/labs/close-the-relay/?seed=7&showme=off');
    const close = step(page, 'close');
    for (let i = 1; i <= 3; i++) await close.getByRole('button', { name: new RegExp(`hint \\(${i} of 3\\)`) }).click();
    await expect(close.locator('[data-hint-list] li').nth(2)).toBeVisible();
    await expect(close.locator('[data-showme-button]')).toBeHidden();
    await expect(close.locator('[data-showme]')).toBeHidden();
  });

  test('a done step can be opened again; after an answer the focus stays in its step', async ({ page }) => {
    const t = new TerminalPage(page);
    await t.open('/labs/speak-smtp/?seed=42');
    for (const line of ['telnet mail.corp.example 25', 'EHLO ops.corp.example', 'MAIL FROM:<admin@corp.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: hi', '.', 'QUIT']) await t.run(line);
    await expect(step(page, 'send')).toHaveClass(/done/);
    const body = step(page, 'send').locator('[data-step-body]');
    await expect(body).toBeHidden();
    const toggle = step(page, 'send').locator('[data-step-toggle]');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(body).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(body).toContainText('Done:');

    const answer = step(page, 'read').getByRole('textbox');
    await answer.fill('<admin@corp.example>');
    await answer.press('Enter');
    await expect(step(page, 'read')).toHaveClass(/done/);
    await expect(page.locator('[data-lab-summary]')).toBeVisible();
    await expect(answer).toBeVisible();
    expect(await page.evaluate(() => document.activeElement?.closest('[data-step]')?.getAttribute('data-step'))).toBe('read');
  });

  test('an invalid ?seed= is said, and a random network starts', async ({ page }) => {
    const t = new TerminalPage(page);
    await t.open('/labs/speak-smtp/?seed=banana');
    await expect(page.locator('[data-lab-notice="seed"]')).toBeVisible();
    await expect(page.locator('[data-lab-notice="seed"]')).toContainText('"banana"');
  });

  test('an unknown address is a 404 page with a way back', async ({ page }) => {
    const response = await page.goto('/labs/no-such-lab/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await page.locator('[data-way-back]').click();
    await expect(page).toHaveURL(/\/$/);
  });
});

test.describe('on a phone (390×844, touch)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('"Type it" brings the terminal into view; touch hints replace keyboard ones', async ({ page }) => {
    const t = new TerminalPage(page);
    await t.open('/labs/close-the-relay/?seed=7');
    const terminal = page.locator('[data-terminal]');
    await expect(terminal).not.toBeInViewport();
    await expect(page.locator('.lab-keys .touch-only')).toBeVisible();
    await expect(page.locator('.lab-keys .keys-only')).toBeHidden();
    await expect(page.locator('.terminal-hint .keys-only')).toBeHidden();
    await step(page, 'close').getByRole('button', { name: 'Type into the terminal: ssh mail' }).click();
    await expect(terminal).toBeInViewport({ ratio: 0.9 });
    await t.waitFor(/root@mail:~# $/m);
  });

  test('a coach notice is in view while the terminal is', async ({ page }) => {
    const t = new TerminalPage(page);
    await t.open('/labs/speak-smtp/?seed=42');
    await page.locator('[data-terminal]').scrollIntoViewIfNeeded();
    await t.typeLine('EHLO me');
    const notice = page.locator('[data-lab-notice="coach-smtp-verb-at-prompt"]');
    await expect(notice).toBeInViewport();
    await expect(page.locator('[data-terminal]')).toBeInViewport({ ratio: 0.5 });
  });
});

test.describe('starting the lab page', () => {
  type Entry = { name: string; transferSize: number; startTime: number; responseEnd: number };
  const scriptsBeforePrompt = (page: Page) =>
    page.evaluate(() => {
      const ready = (globalThis as unknown as { relayLabReadyAt: number }).relayLabReadyAt;
      return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.includes('/_astro/') && e.name.endsWith('.js') && e.startTime < ready)
        .map((e) => ({ name: new URL(e.name).pathname, transferSize: e.transferSize, startTime: e.startTime, responseEnd: e.responseEnd }));
    });
  const prompt = (page: Page) => page.waitForFunction(() => (globalThis as { relayLabReadyAt?: number }).relayLabReadyAt !== undefined);

  test("asks for every chunk of its scripts at once (modulepreload), not the shell engine; a second visit fetches no script again", async ({ page }) => {
    await page.goto('/labs/close-the-relay/?seed=7');
    await prompt(page);
    const own = await page.locator('script[type=module][src]').evaluateAll((els) => els.map((e) => new URL((e as HTMLScriptElement).src).pathname));
    const first: Entry[] = await scriptsBeforePrompt(page);
    const chunks = first.filter((e) => !own.includes(e.name));
    expect(chunks.length).toBeGreaterThan(3);
    // Asked for before any of the page's scripts had arrived: found by the page's <link rel="modulepreload">,
    // not by a script's import once that script was in.
    const firstArrived = Math.min(...first.filter((e) => own.includes(e.name)).map((e) => e.responseEnd));
    expect(chunks.filter((e) => e.startTime >= firstArrived).map((e) => e.name)).toEqual([]);
    expect(first.some((e) => e.name.includes('bash-engine'))).toBe(false);

    await page.waitForFunction(() => (globalThis as { relayLabEngineAt?: number }).relayLabEngineAt !== undefined);
    await page.reload();
    await prompt(page);
    const again: Entry[] = await scriptsBeforePrompt(page);
    // The same scripts (and the engine, asked for early now that there is saved work to replay)…
    expect(first.map((e) => e.name).filter((n) => !again.some((e) => e.name === n))).toEqual([]);
    // From the cache, without asking the server (hashed assets are immutable: cli/static-site.ts).
    expect(again.filter((e) => e.transferSize !== 0).map((e) => e.name)).toEqual([]);
  });
});
