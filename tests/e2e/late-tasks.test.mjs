// A task that outlives its page: a timer, or an answer awaited (the PIN's
// key derivation takes a second or more on a cheap phone), that reads the
// page's values once the user has gone to another page. Leptos frees those
// values with the page, and reading a freed one panics: in this build a
// panic is `RuntimeError: unreachable`, and the task's remaining work is
// skipped (a kiosk left with its buttons disabled). Each case below leaves
// the page while its task is still pending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, appReady, watchErrors, submitKioskOn } from './helpers.mjs';

const env = serverAndBrowser();

const panics = (errors) => errors.filter((e) => /unreachable|RuntimeError|panicked/.test(e));

/** A new tablet-sized page at `path`, the app running, its errors watched. */
async function openAt(path) {
  const page = await env.browser.newPage({ viewport: { width: 1024, height: 768 } });
  const errors = watchErrors(page);
  await page.goto(env.server.url + path);
  await appReady(page);
  return { page, errors };
}

test('leaving the projects page while the search text waits for the address', async () => {
  const { page, errors } = await openAt('/projects');
  await page.waitForSelector('#q');
  await page.fill('#q', 'segou');
  // Within the 300 ms the address waits for typing to pause.
  await page.click('header nav a[href="/"]');
  await page.waitForFunction(() => location.pathname === '/');
  await page.waitForTimeout(800);
  assert.deepEqual(panics(errors), []);
  assert.equal(new URL(page.url()).pathname, '/', 'the late timer does not take the user back');
  await page.close();
});

test('leaving Settings while kiosk mode is being turned on, and the kiosk exit while its PIN is checked', async () => {
  const { page, errors } = await openAt('/settings');
  await page.waitForSelector('#kiosk-idle');
  await submitKioskOn(page, { idle: '300', pin: '246810' });
  await page.click('header nav a[href="/projects"]');
  await page.waitForFunction(() => document.documentElement.classList.contains('kiosk'), null, { timeout: 20000 });
  await page.waitForTimeout(500);
  assert.deepEqual(panics(errors), [], 'turning on');
  // Out again, leaving the exit page while the PIN is derived.
  await page.click('#nav-kiosk');
  await page.waitForSelector('#kiosk-exit-pin');
  await page.fill('#kiosk-exit-pin', '246810');
  await page.click('.kiosk-exit button[type=submit]');
  await page.click('header nav a[href="/projects"]');
  await page.waitForFunction(() => !document.documentElement.classList.contains('kiosk'), null, { timeout: 20000 });
  await page.waitForTimeout(500);
  assert.deepEqual(panics(errors), [], 'turning off');
  await page.close();
});
