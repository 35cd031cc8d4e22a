// The Content Security Policy (issue 13): sent by the server and as a
// <meta> in the page, it lets run only the build's own scripts; the pages
// break none of it; an address the deployment forbids is explained, not
// retried as a network failure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startServer, launchBrowser, appReady, seedRecords, navigate, swControlled, launchPersistent, ROOT, FIXTURE as fixture } from './helpers.mjs';

let server, narrow, browser;

before(async () => {
  server = await startServer();
  // A deployment that lets the app connect to its own origin only.
  narrow = await startServer({ extra: ['--connect-src', "'self'"] });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await narrow?.stop();
});

/** Every CSP violation the page reports, as "directive blocked-uri". */
async function watchViolations(page) {
  const seen = [];
  await page.exposeFunction('__violation', (v) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__violation(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  return seen;
}

test('the policy is sent and kept: no inline script of anyone else runs, and it is reported', async () => {
  const page = await browser.newPage();
  const seen = await watchViolations(page);
  const response = await page.goto(server.url + '/');
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
  await appReady(page);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = 1';
    document.body.append(s);
    const img = document.createElement('img');
    img.setAttribute('src', 'x:');
    img.setAttribute('onerror', 'window.__injected = 2');
    document.body.append(img);
  });
  await page.waitForFunction(() => true, null, { timeout: 500 }).catch(() => {});
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await page.evaluate(() => window.__injected), undefined, 'the injected code did not run');
  assert.ok(seen.some((v) => v.startsWith('script-src')), `reported: ${seen}`);
  await page.close();
});

test('every kind of page runs under the policy without one violation', async () => {
  const page = await browser.newPage();
  const seen = await watchViolations(page);
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url + '/');
  await appReady(page);
  await page.waitForSelector('svg path');
  for (const [path, heading] of [['/regions/ML05', null], ['/projects/prj-01', null], ['/settings', 'Réglages'], ['/journal/new', null], ['/about', 'À propos']]) {
    await page.goto(server.url + path);
    await appReady(page);
    await page.waitForSelector('main h1');
    if (heading) await page.waitForSelector(`main h1 >> text=${heading}`);
  }
  await navigate(page, '/regions', await page.evaluate(() => 'Régions')).catch(() => {});
  assert.deepEqual(seen, []);
  assert.deepEqual(errors.filter((e) => /Content Security Policy/i.test(e)), []);
  await page.close();
});

test('an address the deployment forbids is explained, for the sync endpoint and the data URL', async () => {
  const profile = await launchPersistent();
  const context = profile.context;
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(narrow.url + '/settings/sync');
  await appReady(page);
  await context.setOffline(true);
  const r = { ...fixture, id: randomUUID() };
  await seedRecords(page, [[`records/${r.id}`, JSON.stringify({ record: r, state: { queued: { attempts: 0 } } })]]);
  await page.fill('#sync-endpoint', 'http://127.0.0.1:9/activities');
  await page.click('.sync-form button[type=submit]');
  await page.waitForSelector('.sync-form .msg.ok');
  await context.setOffline(false);
  await page.click('#sync-now');
  await page.waitForSelector('#sync-paused >> text=/politique de sécurité/');
  await page.click('#sync-test');
  await page.waitForSelector('#sync-test-result >> text=/politique de sécurité/');
  // The data URL too, with the page served by the service worker: its
  // cached copy keeps the server's (narrower) policy.
  await swControlled(page);
  const response = await page.goto(narrow.url + '/settings');
  assert.ok(response.fromServiceWorker(), 'served from the cache');
  assert.match(response.headers()['content-security-policy'], /connect-src 'self';/);
  await appReady(page);
  await page.fill('#data-url', 'http://127.0.0.1:9/dataset.json');
  await page.click('#data-update');
  await page.waitForSelector('#data-status >> text=/politique de sécurité/');
  await profile.close();
});
