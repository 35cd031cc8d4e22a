// The app shell: home, deep links, 404, language, 360 px layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, watchErrors, appReady, overflowX, ARTIFACTS } from './helpers.mjs';

const env = serverAndBrowser();

test('home renders the app name with no console error', async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(env.server.url + '/');
  await appReady(page);
  assert.equal(await page.textContent('.brand'), 'Paix à la base');
  assert.match(await page.textContent('main h1'), /Consolidation de la paix/);
  assert.equal(await page.locator('#boot').count(), 0, 'static first paint replaced');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a deep link reloads to its page', async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(env.server.url + '/about');
  await appReady(page);
  assert.equal(await page.textContent('main h1'), 'À propos');
  await page.reload();
  await appReady(page);
  assert.equal(await page.textContent('main h1'), 'À propos');
  assert.match(await page.textContent('main'), /CC BY-IGO/, 'map attribution on About');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an unknown route shows the 404 page', async () => {
  const page = await env.browser.newPage();
  await page.goto(env.server.url + '/nowhere/at/all');
  await appReady(page);
  assert.equal(await page.textContent('main h1'), 'Page introuvable');
  await page.click('main a[href="/"]');
  await page.waitForURL(env.server.url + '/');
  await page.close();
});

test('the language switch persists after reload and sets <html lang>', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.server.url + '/');
  await appReady(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.textContent('nav'), /Home/);
  await page.reload();
  await appReady(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('nav'), /Home/);
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.match(await page.textContent('nav'), /Accueil/);
  await context.close();
});

test('no horizontal scroll at 360×640', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  for (const path of ['/', '/about', '/nowhere']) {
    await page.goto(env.server.url + path);
    await appReady(page);
    assert.ok((await overflowX(page)) <= 0, `${path} scrolls sideways`);
  }
  await page.screenshot({ path: `${ARTIFACTS}/shell-360.png`, fullPage: true });
  await context.close();
});
