// Ceremony tablets (#16): QR codes only for a verified public link, that
// decode to the project's URL; the configuration link as a QR code; kiosk
// mode (browsing pages only, back to the map when idle, left with its PIN);
// the printed project sheet on one or two A4 pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startServer, launchBrowser, watchErrors, appReady, overflowX, readQr, pdfPages, ARTIFACTS, ROOT, configureSync, submitKioskOn,
} from './helpers.mjs';
import { dataset } from './data.mjs';

const DATASET = join(ROOT, 'data', 'dataset.json');
let same; let bare; let other; let browser;

before(async () => {
  // `same` serves the embedded data at /api/dataset; `bare` serves none;
  // `other` serves another revision of it.
  const changed = JSON.parse(readFileSync(DATASET, 'utf8'));
  changed.revision += 1;
  const file = join(mkdtempSync(join(tmpdir(), 'paix-ds-')), 'dataset.json');
  writeFileSync(file, JSON.stringify(changed));
  [same, bare, other] = await Promise.all([startServer({ dataset: DATASET }), startServer(), startServer({ dataset: file })]);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await Promise.all([same, bare, other].map((s) => s?.stop()));
});

/** Settings › Kiosque: checks `base` as the public link; resolves with the note. */
async function checkPublic(page, base) {
  await page.goto(same.url + '/settings');
  await appReady(page);
  await page.waitForSelector('#public-base');
  await page.fill('#public-base', base);
  await page.click('#kiosk form[data-submit="public-check"] button[type=submit]');
  await page.waitForFunction(() => {
    const t = document.querySelector('#kiosk-note')?.textContent || '';
    return t && !t.includes('Vérification…');
  });
  return page.textContent('#kiosk-note');
}

test('no verified public link, no QR code; a checked one gives a QR code that decodes to the project', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(same.url + '/projects/prj-03');
  await appReady(page);
  await page.waitForSelector('#print-sheet');
  assert.equal(await page.$('svg.qr'), null, 'no public link: no QR');
  // Another revision there: refused, still no QR.
  assert.match(await checkPublic(page, other.url), /sert d'autres données/);
  await page.goto(same.url + '/projects/prj-03');
  await page.waitForSelector('#print-sheet');
  assert.equal(await page.$('svg.qr'), null, 'other data: no QR');
  // The same data: checked, and each project shows its QR code.
  assert.match(await checkPublic(page, same.url + '/'), /Vérifié/);
  for (const p of [dataset.projects[2], dataset.projects[17]]) {
    await page.goto(`${same.url}/projects/${p.id}`);
    await page.waitForSelector('svg.qr');
    assert.equal(await readQr(page.locator('svg.qr')), `${same.url}/projects/${p.id}`);
    assert.equal(await page.textContent('.public-url'), `${same.url}/projects/${p.id}`);
  }
  await page.locator('.qr-box').screenshot({ path: join(ARTIFACTS, 'kiosk-qr.png') });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a link that cannot be checked shows a QR code only once confirmed by hand', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  assert.match(await checkPublic(page, bare.url), /Vérification impossible/);
  await page.goto(same.url + '/projects/prj-01');
  await page.waitForSelector('#print-sheet');
  assert.equal(await page.$('svg.qr'), null);
  await page.goto(same.url + '/settings');
  await page.waitForSelector('#public-base');
  await page.fill('#public-base', bare.url);
  await page.click('#kiosk form[data-submit="public-check"] button[type=submit]');
  await page.click('[data-action="public-confirm"]');
  await page.waitForFunction(() => /Confirmé par vous/.test(document.querySelector('#public-state')?.textContent));
  await page.goto(same.url + '/projects/prj-01');
  await page.waitForSelector('svg.qr');
  assert.equal(await readQr(page.locator('svg.qr')), `${bare.url}/projects/prj-01`);
  // A bad address is refused with a message, in the user's language.
  await page.goto(same.url + '/settings');
  await page.waitForSelector('#public-base');
  await page.fill('#public-base', 'http://example.org');
  await page.click('#kiosk form[data-submit="public-check"] button[type=submit]');
  await page.waitForFunction(() => /Adresse refusée/.test(document.querySelector('#kiosk-note')?.textContent));
  await ctx.close();
});

test('the configuration link is a QR code too, its secret only when asked for, with a warning', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(same.url + '/settings/sync');
  await appReady(page);
  await configureSync(page, { header: 'X-Token', value: 's3cret-value' });
  await page.click('.sync-link summary');
  await page.waitForSelector('#sync-link-qr svg.qr');
  const plain = await page.inputValue('#sync-link');
  assert.ok(!plain.includes('s3cret-value'));
  assert.equal(await readQr(page.locator('#sync-link-qr svg')), plain);
  assert.equal(await page.$('#sync-link-qr figcaption'), null);
  await page.check('#sync-link-secret');
  await page.waitForSelector('#sync-link-qr figcaption');
  const secret = await page.inputValue('#sync-link');
  assert.ok(secret.includes('s3cret-value'));
  assert.equal(await readQr(page.locator('#sync-link-qr svg')), secret);
  assert.match(await page.textContent('#sync-link-qr figcaption'), /valeur secrète/);
  await ctx.close();
});

test('kiosk mode: browsing pages only, back to the map when idle, left with its PIN', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.clock.install();
  await page.goto(same.url + '/settings');
  await appReady(page);
  await page.waitForSelector('#kiosk-idle');
  await submitKioskOn(page, { idle: '30', pin: '12345' });
  await page.waitForFunction(() => /6 chiffres/.test(document.querySelector('#kiosk-note')?.textContent), null, { timeout: 5000 });
  assert.equal(await page.inputValue('#kiosk-idle'), '30', 'what was typed stays after an error');
  await submitKioskOn(page, { pin: '246810' });
  await page.waitForFunction(() => document.documentElement.classList.contains('kiosk') && location.pathname === '/', null, { timeout: 20000 });
  // No journal, no settings, no sync: neither in the navigation nor by address.
  const hrefs = await page.$$eval('header nav a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(!hrefs.includes('/journal') && !hrefs.includes('/settings') && hrefs.includes('/kiosk'), hrefs.join());
  for (const path of ['/settings', '/settings/sync', '/journal', '/journal/new']) {
    await page.goto(same.url + path);
    await appReady(page);
    await page.waitForFunction(() => /pas disponible sur cette tablette/.test(document.querySelector('main h1')?.textContent));
    assert.equal(await page.$('#sync-endpoint, #public-base, .journal-form'), null, path);
  }
  // Browsing works; idle, a countdown, then the map with the filters gone.
  await page.goto(same.url + '/projects?region=ML05');
  await appReady(page);
  await page.waitForSelector('.cards .card');
  await page.evaluate(() => scrollTo(0, 400));
  await page.clock.runFor(21_000);
  await page.waitForFunction(() => /Retour à la carte dans/.test(document.querySelector('#kiosk-countdown')?.textContent));
  assert.equal(new URL(page.url()).pathname, '/projects', 'still there during the countdown');
  await page.screenshot({ path: join(ARTIFACTS, 'kiosk-countdown-1024x768.png') });
  // A touch keeps the page.
  await page.mouse.click(5, 300);
  await page.clock.runFor(2_000);
  assert.equal(await page.textContent('#kiosk-countdown'), '');
  await page.clock.runFor(31_000);
  await page.waitForFunction(() => location.pathname === '/' && location.search === '');
  assert.equal(await page.evaluate(() => scrollY), 0);
  await page.waitForSelector('.mali-map');
  await page.screenshot({ path: join(ARTIFACTS, 'kiosk-home-1024x768.png') });
  assert.ok((await overflowX(page)) <= 0);
  // It survives a reload.
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.documentElement.classList.contains('kiosk'));
  // Leaving needs the PIN.
  await page.click('#nav-kiosk');
  await page.waitForSelector('#kiosk-exit-pin');
  await page.fill('#kiosk-exit-pin', '000000');
  await page.click('.kiosk-exit button[type=submit]');
  await page.waitForFunction(() => /Code incorrect/.test(document.querySelector('.kiosk-exit')?.textContent), null, { timeout: 20000 });
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('kiosk')));
  await page.fill('#kiosk-exit-pin', '246810');
  await page.click('.kiosk-exit button[type=submit]');
  await page.waitForFunction(() => location.pathname === '/settings' && !document.documentElement.classList.contains('kiosk'), null, { timeout: 20000 });
  await page.waitForSelector('#public-base');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('printing a project gives a clean A4 sheet of one or two pages, for every project', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await checkPublic(page, same.url);
  await page.emulateMedia({ media: 'print' });
  for (const p of dataset.projects) {
    await page.goto(`${same.url}/projects/${p.id}`);
    await appReady(page);
    await page.waitForSelector('svg.qr');
    const hidden = await page.$$eval('header.top, #print-sheet', (els) => els.map((e) => getComputedStyle(e).display === 'none' || getComputedStyle(e.closest('.no-print') || e).display === 'none'));
    assert.ok(hidden.every(Boolean), 'no navigation or buttons on paper');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const n = pdfPages(pdf);
    assert.ok(n >= 1 && n <= 2, `${p.id}: ${n} pages`);
    if (p.id === 'prj-01') {
      writeFileSync(join(ARTIFACTS, 'project-sheet-prj-01.pdf'), pdf);
      await page.screenshot({ path: join(ARTIFACTS, 'project-sheet-prj-01.png'), fullPage: true });
    }
  }
  // In the chosen language.
  await page.emulateMedia({ media: 'screen' });
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.emulateMedia({ media: 'print' });
  assert.ok((await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent))).includes('Lessons learned'));
  assert.ok(pdfPages(await page.pdf({ format: 'A4' })) <= 2);
  await page.screenshot({ path: join(ARTIFACTS, 'project-sheet-prj-01-en.png'), fullPage: true });
  await ctx.close();
});
