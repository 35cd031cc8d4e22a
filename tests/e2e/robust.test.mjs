// The data path made robust (issue 9): a failed save is marked and tried
// again, older data waits for a yes, downloads time out / can be cancelled /
// are capped, a real CORS refusal is explained, damaged data is set aside
// and can be exported and restored from Settings, start-up does not hang on
// blocked storage, an old tab meets a newer database with a clear message,
// and ids with a dot survive a reload. The real server serves the app and
// /api/dataset (fed from a temp file); a second, plain node server on
// another port plays a misbehaving or cross-origin data host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, appReady, watchErrors } from './helpers.mjs';
import { dataset } from './data.mjs';

const dir = mkdtempSync(join(tmpdir(), 'paix-robust-'));
const file = join(dir, 'dataset.json');

/** The embedded data at `revision`, its first project titled after it. */
function revision(n, suffix = '') {
  const d = structuredClone(dataset);
  d.revision = n;
  d.projects[0].title.fr = `Révision ${n}${suffix}`;
  return JSON.stringify(d);
}

let server, other, browser;
const sockets = new Set();
before(async () => {
  writeFileSync(file, revision(2));
  server = await startServer({ dataset: file });
  // The other host: stalls, announces 20 MB, or serves data with or
  // without CORS.
  other = createServer((req, res) => {
    if (req.url === '/stall') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
      res.write('{"schema_version": 1,');
      return; // never ends
    }
    if (req.url === '/huge') {
      res.writeHead(200, { 'Content-Length': String(20 * 1024 * 1024), 'Access-Control-Allow-Origin': '*' });
      res.write('{');
      return;
    }
    const body = revision(40);
    if (req.url === '/cors.json') res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    else res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
  });
  other.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((ok) => other.listen(0, '127.0.0.1', ok));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const s of sockets) s.destroy();
  await new Promise((ok) => other?.close(ok));
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const otherUrl = (path) => `http://127.0.0.1:${other.address().port}${path}`;

async function freshPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

async function openSettings(page) {
  await page.goto(server.url + '/settings');
  await appReady(page);
  await page.waitForSelector('#data-url');
}

const status = (page) => page.textContent('#data-status');

/** Clicks « Mettre à jour » and waits until a final message is shown and
 *  the controls are enabled again. */
async function update(page, url) {
  if (url !== undefined) await page.fill('#data-url', url);
  await page.click('#data-update');
  await page.waitForFunction(() => {
    const s = document.querySelector('#data-status');
    return s && s.querySelector('.msg:not(.progress)') && !document.querySelector('#data-update').disabled;
  });
  return status(page);
}

const revisionShown = (page) => page.textContent('#data-revision');

test('a failed save is marked and stored by the next update, or by « Réessayer »', async () => {
  const { context, page, errors } = await freshPage();
  await openSettings(page);
  // The next write fails as a full disk does (idb.js test hook).
  await page.evaluate(() => { globalThis.paixIdbFault = 'QuotaExceededError'; });
  assert.match(await update(page, `${server.url}/api/dataset`), /l'espace de stockage de l'appareil est plein/);
  assert.equal(await revisionShown(page), '2', 'the new data is shown');
  assert.match(await page.textContent('#data-unsaved'), /n'ont pas pu être enregistrées/);
  // The same data again: stored now, not « unchanged ».
  assert.match(await update(page), /^Données mises à jour : révision 2/);
  assert.equal(await page.$('#data-unsaved'), null);
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.querySelector('#data-revision')?.textContent === '2');

  // Another failed save, then the retry button.
  writeFileSync(file, revision(3));
  await page.evaluate(() => { globalThis.paixIdbFault = 'QuotaExceededError'; });
  await update(page);
  assert.equal(await revisionShown(page), '3');
  await page.click('#data-retry-save');
  await page.waitForSelector('#data-unsaved', { state: 'detached' });
  await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#data-status')?.textContent), /^Données mises à jour : révision 3/.source);
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.querySelector('#data-revision')?.textContent === '3');

  // Older data waits for a yes.
  writeFileSync(file, revision(2, ' (ancienne)'));
  assert.match(await update(page), /plus anciennes que celles de l'appareil \(révision 2, contre 3\)/);
  assert.equal(await revisionShown(page), '3', 'kept until confirmed');
  await page.click('#data-older-confirm');
  await page.waitForFunction(() => document.querySelector('#data-revision')?.textContent === '2');
  // The data is shown as soon as it is read; the message follows once it is stored.
  await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#data-status')?.textContent), /^Données mises à jour : révision 2/.source);
  assert.deepEqual(errors, []);
  await context.close();
  writeFileSync(file, revision(2));
});

test('a stalled download times out; a running one can be cancelled; one job at a time app-wide', async () => {
  const { context, page, errors } = await freshPage();
  await openSettings(page);
  await page.fill('#data-timeout', '5');
  const t0 = Date.now();
  assert.match(await update(page, otherUrl('/stall')), /^Rien n'est arrivé pendant le délai choisi/);
  assert.ok(Date.now() - t0 < 15000, 'given up after the set time');
  assert.equal(await page.inputValue('#data-timeout'), '5', 'the setting is kept');

  await page.fill('#data-timeout', '120');
  await page.click('#data-update');
  await page.waitForSelector('#data-cancel');
  // Leave Settings and come back: the same job, still running, still guarded.
  await page.click('nav a[href="/about"]');
  await page.waitForSelector('main h1 >> text=À propos');
  await page.click('nav a[href="/settings"]');
  await page.waitForSelector('#data-cancel');
  assert.ok(await page.$eval('#data-update', (b) => b.disabled), 'no second job');
  assert.ok(await page.$eval('#data-file', (b) => b.disabled));
  await page.click('#data-cancel');
  await page.waitForSelector('#data-status >> text=Téléchargement annulé');
  assert.equal(await page.$eval('#data-update', (b) => b.disabled), false);
  assert.deepEqual(errors.filter((e) => !e.includes('ERR_')), []);
  await context.close();
});

test('data over 16 MiB is refused before it is read', async () => {
  const { context, page } = await freshPage();
  await openSettings(page);
  assert.match(await update(page, otherUrl('/huge')), /^Les données dépassent 16 Mo/);
  await page.setInputFiles('#data-file', {
    name: 'enorme.json', mimeType: 'application/json', buffer: Buffer.alloc(17 * 1024 * 1024, 0x20),
  });
  await page.waitForSelector('#data-status >> text=/dépassent 16 Mo/');
  assert.equal(await revisionShown(page), String(dataset.revision));
  await context.close();
});

test('a cross-origin host that refuses CORS is explained; one that allows it works', async () => {
  const { context, page } = await freshPage();
  await openSettings(page);
  assert.match(await update(page, otherUrl('/nocors.json')), /^Réseau indisponible, adresse injoignable ou refusée \(CORS\)/);
  assert.equal(await revisionShown(page), String(dataset.revision));
  assert.match(await update(page, otherUrl('/cors.json')), /^Données mises à jour : révision 40/);
  await context.close();
});

test('a damaged stored record is set aside, named by date, exported and restored', async () => {
  const { context, page, errors } = await freshPage();
  await page.goto(server.url + '/');
  await appReady(page);
  // Valid data behind a wrong hash: damaged storage, but worth keeping.
  const text = revision(7);
  await page.evaluate((text) => new Promise((ok, fail) => {
    const r = indexedDB.open('paix');
    r.onsuccess = () => {
      const tx = r.result.transaction('kv', 'readwrite');
      tx.objectStore('kv').put(`paix-data 1\t0000000000000000\t1\t\tfile\tcopie.json\n${text}`, 'dataset/current');
      tx.oncomplete = () => { r.result.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
    r.onerror = () => fail(r.error);
  }), text);
  await page.reload();
  await appReady(page);
  const banner = await page.waitForSelector('.banner.data-warning');
  const said = await banner.textContent();
  assert.match(said, /illisibles.*Réglages › Données/);
  assert.doesNotMatch(said, /quarantine/, 'never the storage key');

  await openSettings(page);
  const item = await page.waitForSelector('#data-quarantine li');
  assert.match(await item.textContent(), /Mise de côté le .*Importées du fichier copie\.json.*Révision 7/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#data-quarantine button >> text=Exporter')]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.revision, 7);
  assert.equal(exported.projects[0].title.fr, 'Révision 7');

  await page.click('#data-quarantine button >> text=Restaurer');
  await page.waitForSelector('#data-status >> text=Copie restaurée : révision 7.');
  assert.equal(await revisionShown(page), '7');
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.querySelector('#data-revision')?.textContent === '7');
  assert.equal(await page.$('#data-quarantine'), null, 'nothing else was set aside');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the database is opened while the wasm compiles, before the app runs', async () => {
  const { context, page, errors } = await freshPage();
  // What happens first: the opening of the app's database, or the wasm's instantiation.
  await context.addInitScript(() => {
    globalThis.__order = [];
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (name, ...rest) {
      globalThis.__order.push(`open ${name}`);
      return open.call(this, name, ...rest);
    };
    for (const f of ['instantiate', 'instantiateStreaming']) {
      const real = WebAssembly[f];
      WebAssembly[f] = (...args) => { globalThis.__order.push('wasm'); return real.apply(WebAssembly, args); };
    }
  });
  await page.goto(server.url + '/');
  await appReady(page);
  const order = await page.evaluate(() => globalThis.__order);
  assert.equal(order[0], 'open paix', order.join(', '));
  assert.ok(order.includes('wasm'));
  // The app's own calls found it open: no second opening.
  assert.equal(order.filter((o) => o === 'open paix').length, 1, order.join(', '));
  assert.deepEqual(errors, []);
  await context.close();
});

/** A page started while an « old tab » holds version 1 of the database open
 *  and never lets go (no onversionchange, as the v1 code did): it shows the
 *  embedded data and says storage does not answer. `patience: false`
 *  suppresses start-up's patience timer (STORAGE_PATIENCE_MS), so that the
 *  notice can only come from the database saying it is blocked. */
async function startBlocked({ patience }) {
  const { context, page } = await freshPage();
  if (!patience) {
    await context.addInitScript(() => {
      const later = window.setTimeout;
      window.setTimeout = (f, ms, ...args) => (ms === 2500 ? 0 : later(f, ms, ...args));
    });
  }
  const old = await context.newPage();
  await old.goto(server.url + '/api/ping');
  await old.evaluate(() => new Promise((ok, fail) => {
    const r = indexedDB.open('paix', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('kv');
    r.onsuccess = () => { globalThis.held = r.result; ok(); };
    r.onerror = () => fail(r.error);
  }));
  await page.goto(server.url + '/');
  await appReady(page);
  await page.waitForSelector('.banner.data-warning >> text=/ne répond pas/', { timeout: 10000 });
  await page.waitForSelector('.map path');
  assert.ok(await page.$('main h1'), 'the home page is drawn');
  await context.close();
}

test('storage blocked by an old tab: the app still starts, with the embedded data and a notice', () =>
  startBlocked({ patience: true }));

// The first call takes the outcome of the opening idb.js started as it
// loaded; opening again behind that blocked request, it would never be told.
test('blocked by an old tab, the app is told so at once, not only when its patience runs out', () =>
  startBlocked({ patience: false }));

test('where reading indexedDB throws (storage turned off), the app starts and says storage is unavailable', async () => {
  const { context, page, errors } = await freshPage();
  await context.addInitScript(() => {
    Object.defineProperty(globalThis, 'indexedDB', {
      configurable: true,
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  await page.goto(server.url + '/');
  await appReady(page);
  await page.waitForSelector('.banner.data-warning >> text=/Stockage indisponible/');
  assert.ok(await page.$('.map path'), 'the home page is drawn from the embedded data');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an old tab meets a newer database with a clear message and a reload button', async () => {
  const { context, page } = await freshPage();
  await page.goto(server.url + '/settings');
  await appReady(page);
  await page.waitForSelector('#data-url');
  // A newer version of the app, in another tab, upgrades the database.
  const newer = await context.newPage();
  await newer.goto(server.url + '/api/ping');
  const opened = await newer.evaluate(() => new Promise((ok) => {
    const r = indexedDB.open('paix', 99);
    r.onsuccess = () => { r.result.close(); ok('opened'); };
    r.onblocked = () => ok('blocked');
  }));
  assert.equal(opened, 'opened', 'this tab let the database go');
  const banner = await page.waitForSelector('.banner.data-warning');
  assert.match(await banner.textContent(), /version plus récente de l'application .* rechargez cette page/);
  assert.ok(await page.$('.banner.data-warning button >> text=Recharger'));
  // After a reload, this (older) code still meets the newer database.
  await page.reload();
  await appReady(page);
  await page.waitForSelector('.banner.data-warning >> text=/version plus récente/');
  assert.doesNotMatch(await page.textContent('.banner.data-warning'), /navigation privée \?/);
  await context.close();
});

test('ids with a dot: a deep link reloads', async () => {
  const { context, page, errors } = await freshPage();
  await openSettings(page);
  const d = structuredClone(dataset);
  const id = 'prj.01';
  const oldId = d.projects[0].id;
  d.projects[0].id = id;
  d.projects[0].title.fr = 'Projet à point';
  d.revision = 50;
  const json = JSON.stringify(d).replaceAll(`"${oldId}"`, `"${id}"`);
  await page.setInputFiles('#data-file', { name: 'point.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.waitForSelector('#data-status >> text=Données mises à jour');
  await page.goto(`${server.url}/projects/${id}`);
  await appReady(page);
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Projet à point');
  assert.deepEqual(errors, []);
  await context.close();
});
