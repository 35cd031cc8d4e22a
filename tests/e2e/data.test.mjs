// The programme data cache: Settings › Données updates from a data URL (the
// real server's /api/dataset, fed from a temp file rewritten between steps),
// keeps the old data on any failure and says why, imports a file with the
// same checks, and the data survives reload, offline reload and is reported
// when the browser drops it. One persistent profile (service worker, disk
// storage) and one server for the whole file; the steps build on each other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchPersistent, appReady, swControlled, overflowX } from './helpers.mjs';
import { dataset } from './data.mjs';

const NEW_TITLE = 'Dialogue renouvelé entre éleveurs et agriculteurs';
const project = dataset.projects[0];
const dir = mkdtempSync(join(tmpdir(), 'paix-data-'));
const file = join(dir, 'dataset.json');

/** The embedded data with the first project renamed. */
function renamed() {
  const d = structuredClone(dataset);
  d.projects[0].title.fr = NEW_TITLE;
  d.revision += 1;
  return JSON.stringify(d, null, 2);
}

/** Two problems: a duplicate project id and a negative count. */
function invalid() {
  const d = structuredClone(dataset);
  d.projects[1].id = d.projects[0].id;
  d.projects[0].results[0].achieved.total = -5;
  return JSON.stringify(d);
}

let server, profile, page;
const pageErrors = [];
const apiStatuses = [];

before(async () => {
  writeFileSync(file, renamed());
  server = await startServer({ dataset: file });
  profile = await launchPersistent();
  page = profile.context.pages()[0] ?? await profile.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('response', (r) => { if (r.url().includes('/api/dataset')) apiStatuses.push(r.status()); });
});
after(async () => {
  await profile?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const status = () => page.textContent('#data-status');

/** Clicks « Mettre à jour les données » and waits for the outcome: the page
 *  is drawn again (the marked status element is gone) with a final message
 *  and the button enabled. Resolves the /api/dataset statuses seen. */
async function update() {
  const before = apiStatuses.length;
  await page.$eval('#data-status', (e) => { e.dataset.old = '1'; });
  await page.click('#data-update');
  await page.waitForFunction(() => {
    const s = document.querySelector('#data-status');
    return s && !s.dataset.old && s.querySelector('.msg:not(.progress)')
      && !document.querySelector('#data-update').disabled;
  });
  return apiStatuses.slice(before);
}

async function projectTitle() {
  await page.goto(`${server.url}/projects/${project.id}`);
  await appReady(page);
  // The stored data replaces the embedded one right after start.
  await page.waitForFunction((t) => document.querySelector('main h1')?.textContent === t, NEW_TITLE,
    { timeout: 5000 }).catch(() => {});
  return page.textContent('main h1');
}

async function openSettings() {
  await page.goto(server.url + '/settings');
  await appReady(page);
  await page.waitForSelector('#data-url');
}

test('Settings is in the navigation and shows the embedded data by default', async () => {
  await page.goto(server.url + '/');
  await appReady(page);
  await page.click('nav >> text=Réglages');
  await page.waitForSelector('#data-url');
  assert.equal(await page.textContent('main h1'), 'Réglages');
  assert.equal(await page.getAttribute('nav a[href="/settings"]', 'aria-current'), 'page');
  assert.equal(await page.textContent('#data-origin'), "Données d'exemple intégrées à l'application");
  assert.equal(await page.inputValue('#data-url'), '', 'no data URL by default');
  assert.match(await page.textContent('#storage-used'), /sur .* disponibles/);
  assert.match(await page.textContent('#storage-persisted'), /accordé/);
  await page.click('#data-update');
  await page.waitForSelector('text=Indiquez d\'abord l\'adresse des données.');
});

test('an update with new valid data replaces what the pages show', async () => {
  await openSettings();
  await page.fill('#data-url', `${server.url}/api/dataset`);
  // A slow line, to see the download's progress (the server compresses on
  // the fly, so no Content-Length: bytes received, no percentage).
  const cdp = await profile.context.newCDPSession(page);
  await cdp.send('Network.enable');
  const line = (bytesPerSecond) => cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 0, downloadThroughput: bytesPerSecond, uploadThroughput: -1 });
  await line(8 * 1024);
  const outcome = update();
  await page.waitForSelector('#data-progress');
  await page.waitForSelector('#data-status >> text=/\\d+,\\d Ko reçus/');
  assert.deepEqual(await outcome, [200]);
  await line(-1);
  assert.match(await status(), /Données mises à jour : révision 2, 20 projets\./);
  assert.equal(await page.textContent('#data-origin'), `Téléchargées depuis ${server.url}/api/dataset`);
  assert.equal(await page.textContent('#data-revision'), '2');
  assert.notEqual(await page.textContent('#data-updated'), 'jamais (données intégrées)');
  assert.equal(await projectTitle(), NEW_TITLE);
  await page.goto(server.url + '/projects');
  await appReady(page);
  await page.waitForSelector(`text=${NEW_TITLE}`);
});

test('a second update gets 304 and keeps the data', async () => {
  await openSettings();
  assert.equal(await page.inputValue('#data-url'), `${server.url}/api/dataset`, 'the URL is remembered');
  const hash = await page.textContent('#data-hash');
  assert.deepEqual(await update(), [304]);
  assert.equal(await status(), 'Données inchangées : vous avez déjà la dernière version.');
  assert.equal(await page.textContent('#data-hash'), hash);
});

test('a plain-HTTP data URL to another machine is refused before any request', async () => {
  await openSettings();
  const hash = await page.textContent('#data-hash');
  await page.fill('#data-url', 'http://192.0.2.10/dataset.json');
  assert.deepEqual(await update(), [], 'nothing requested');
  assert.match(await status(), /doit commencer par https:\/\//);
  assert.equal(await page.textContent('#data-hash'), hash, 'the current data stays');
  // The remembered URL back, for the tests that follow.
  await page.fill('#data-url', `${server.url}/api/dataset`);
  assert.deepEqual(await update(), [304]);
});

test('HTTP errors, bad JSON and invalid data keep the old data and say why', async () => {
  await openSettings();
  const hash = await page.textContent('#data-hash');

  // The server cannot read its dataset file: 503.
  rmSync(file);
  assert.deepEqual(await update(), [503]);
  assert.equal(await status(), 'Le serveur a répondu 503. Les données actuelles sont conservées.');

  // A URL that is not a dataset: 404.
  await page.fill('#data-url', `${server.url}/api/nope`);
  await update();
  assert.equal(await status(), 'Le serveur a répondu 404. Les données actuelles sont conservées.');
  // Nothing answers (a closed port; a CORS refusal looks the same).
  await page.fill('#data-url', 'http://127.0.0.1:9/dataset.json');
  await update();
  assert.match(await status(), /^Réseau indisponible, adresse injoignable ou refusée \(CORS\)\. Les données actuelles sont conservées\.$/);
  await page.fill('#data-url', `${server.url}/api/dataset`);

  // Not JSON.
  writeFileSync(file, '{\n  "schema_version": 1,\n  "revision": ');
  assert.deepEqual(await update(), [200]);
  assert.match(await status(), /^1 problème dans les données reçues ; les données actuelles sont conservées :/);
  assert.match(await page.textContent('.problems li'), /^document entier — JSON invalide \(ligne 3, colonne \d+\)/);

  // Valid JSON, invalid data: every problem with its path.
  writeFileSync(file, invalid());
  await update();
  const n = Number((await status()).match(/^(\d+) problèmes/)[1]);
  const items = await page.$$eval('.problems li', (els) => els.map((e) => e.textContent));
  assert.equal(items.length, n);
  assert.ok(n >= 2);
  assert.ok(items.some((t) => t.startsWith('projects[0].results[0].achieved.total — ')), items.join('\n'));
  assert.ok(items.some((t) => t.startsWith('projects[1].id — ')), items.join('\n'));
  // Long URL, paths and messages: still no horizontal scroll at 360 px.
  await page.setViewportSize({ width: 360, height: 640 });
  assert.ok(await overflowX(page) <= 0, 'no horizontal scroll at 360 px');
  await page.setViewportSize({ width: 1280, height: 720 });

  // In English too.
  await page.click('.lang-switch');
  await page.waitForSelector('text=Update the data');
  await update();
  assert.match(await status(), new RegExp(`^${n} problems in the data received; the current data is kept:`));
  await page.click('.lang-switch');
  await page.waitForSelector('text=Mettre à jour les données');

  assert.equal(await page.textContent('#data-hash'), hash, 'the stored data did not change');
  assert.equal(await projectTitle(), NEW_TITLE);
  writeFileSync(file, renamed());
});

test('importing an invalid file lists every problem; a valid one replaces the data', async () => {
  await openSettings();
  const hash = await page.textContent('#data-hash');
  await page.setInputFiles('#data-file', { name: 'mauvais.json', mimeType: 'application/json', buffer: Buffer.from(invalid()) });
  await page.waitForSelector('.problems li');
  const n = Number((await status()).match(/^(\d+) problèmes/)[1]);
  const items = await page.$$eval('.problems li', (els) => els.map((e) => e.textContent));
  assert.equal(items.length, n);
  assert.ok(items.some((t) => t.startsWith('projects[0].results[0].achieved.total — ')));
  assert.ok(items.some((t) => t.startsWith('projects[1].id — ')));
  assert.equal(await page.textContent('#data-hash'), hash);

  await page.setInputFiles('#data-file', { name: 'bon.json', mimeType: 'application/json', buffer: Buffer.from(renamed() + '\n') });
  await page.waitForSelector('text=Données mises à jour');
  assert.equal(await page.textContent('#data-origin'), 'Importées du fichier bon.json');
  assert.notEqual(await page.textContent('#data-hash'), hash);
  // Back to the server's copy for the next steps.
  assert.deepEqual(await update(), [200]);
  assert.match(await status(), /Données mises à jour/);
});

test('the data survives a reload and an offline reload; a dropped store is reported', async () => {
  assert.equal(await projectTitle(), NEW_TITLE);
  await page.reload();
  await appReady(page);
  assert.equal(await projectTitle(), NEW_TITLE);

  await swControlled(page);
  const addr = server.addr;
  await server.stop();
  await page.goto(`http://${addr}/projects/${project.id}`);
  await appReady(page);
  await page.waitForFunction((t) => document.querySelector('main h1')?.textContent === t, NEW_TITLE);
  await page.goto(`http://${addr}/settings`);
  await appReady(page);
  await page.waitForSelector('#data-origin');
  assert.match(await page.textContent('#data-origin'), /^Téléchargées depuis /);

  // The browser drops the database (as eviction does) but not the marker.
  await page.evaluate(() => new Promise((ok, fail) => {
    const r = indexedDB.deleteDatabase('paix');
    r.onsuccess = ok; r.onerror = fail; r.onblocked = ok;
  }));
  await page.goto(`http://${addr}/projects/${project.id}`);
  await appReady(page);
  await page.waitForSelector('.banner.data-warning');
  assert.match(await page.textContent('.banner.data-warning'), /Le navigateur a effacé les données enregistrées/);
  assert.equal(await page.textContent('main h1'), project.title.fr, 'back to the embedded data');
  server = await startServer({ dataset: file, addr });
  assert.deepEqual(pageErrors, []);
});
