import { test, expect } from '@playwright/test';
import { TerminalPage } from './terminal-page.ts';

test('an unknown command gets a clear message and a pointer to help', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();
  await t.typeLine('frobnicate --now');
  const screen = await t.waitFor("type 'help'");
  expect(screen).toContain('-bash: frobnicate: command not found');
});

test('a 100 KB pasted line into SMTP gets an error and the session survives', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();
  await t.typeLine('telnet mail.corp.example 25');
  await t.waitFor('220 mail.corp.example ESMTP Postfix');
  await t.typeLine('EHLO client.example');
  await t.waitFor('250 CHUNKING');
  const huge = 'X'.repeat(100 * 1024);
  await page.evaluate((text) => {
    const w = window as unknown as { relayLab: { term: { paste(s: string): void } } };
    w.relayLab.term.paste(text + '\r');
  }, huge);
  await t.waitFor('500 5.5.2 Error: command not recognized');
  await t.typeLine('NOOP');
  await t.waitFor('250 2.0.0 Ok');
  await expect(page.locator('.xterm')).toBeVisible();
});

test('non-ASCII input is handled, not garbled into a crash', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();
  await t.typeLine('échô grüße');
  await t.waitFor('-bash: échô: command not found');
  await t.typeLine('echo grüße 日本');
  await t.waitFor(/^grüße 日本$/m);
});

test('a multi-line paste runs each line in turn', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();
  await page.evaluate(() => {
    const w = window as unknown as { relayLab: { term: { paste(s: string): void } } };
    w.relayLab.term.paste('echo one\necho two\necho three\n');
  });
  const screen = await t.waitFor(/^three$/m);
  expect(screen).toMatch(/^one$\n.*\n?^two$/m);
});
