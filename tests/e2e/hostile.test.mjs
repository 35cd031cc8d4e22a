// Hostile input (issue 13): a dataset or an export file crafted to run
// script, to hide a text's real order, or to exhaust the phone is shown as
// inert text or refused with a clear message, and nothing stored is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, appReady, FIXTURE as record } from './helpers.mjs';
import { dataset } from './data.mjs';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const JS_LINK = 'javascript:window.__pwned=3';

let server, browser, context, page;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext();
  page = await context.newPage();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const file = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
const pwned = () => page.evaluate(() => window.__pwned);

async function open(path, selector) {
  await page.goto(server.url + path);
  await appReady(page);
  await page.waitForSelector(selector);
}

/** Imports a dataset file in Settings › Données; resolves the status text. */
async function importDataset(name, text) {
  await open('/settings', '#data-file');
  await page.$eval('#data-status', (e) => { e.dataset.old = '1'; });
  await page.setInputFiles('#data-file', file(name, text));
  await page.waitForFunction(() => {
    const s = document.querySelector('#data-status');
    return s && !s.dataset.old && s.querySelector('.msg:not(.progress)');
  });
  return page.textContent('#data-status');
}

function hostile() {
  const d = structuredClone(dataset);
  d.projects[0].title.fr = IMG;
  d.organisations[0].name = SCRIPT;
  d.organisations[0].contact = { website: JS_LINK, email: 'info@osc.ml?bcc=espion@evil.example', phone: '+223 76 12 34 56' };
  d.revision += 1;
  return d;
}

test('markup and a javascript: address in a dataset are shown as text, never run or followed', async () => {
  const d = hostile();
  assert.match(await importDataset('hostile.json', JSON.stringify(d)), /Données mises à jour/);
  await open(`/projects/${d.projects[0].id}`, 'main h1');
  assert.equal(await page.textContent('main h1'), IMG, 'the markup is the title, as text');
  assert.equal(await page.locator('main h1 img').count(), 0);
  await open(`/organisations/${d.organisations[0].id}`, '.contact');
  assert.ok((await page.textContent('main h1')).startsWith(SCRIPT), 'the name, as text, with its acronym');
  assert.equal(await page.locator('main script').count(), 0);
  const hrefs = await page.$$eval('.contact a', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, ['tel:+22376123456'], 'no javascript: link, no mailto: with extra recipients');
  await page.click(`.contact >> text=${JS_LINK}`);
  await page.waitForTimeout(200);
  assert.equal(page.url(), `${server.url}/organisations/${d.organisations[0].id}`, 'the text is not a link');
  assert.equal(await pwned(), undefined, 'nothing ran');
});

test('a text-direction override, a control character or a megabyte string refuses the dataset, which is kept', async () => {
  await open('/settings', '#data-hash');
  const hash = await page.textContent('#data-hash');
  const d = structuredClone(dataset);
  d.projects[1].title.fr = 'Dialogue\u202Eeuqilbup';
  d.organisations[1].name = 'OSC\u001b[2J';
  const status = await importDataset('piege.json', JSON.stringify(d));
  assert.match(status, /^2 problèmes/, status);
  const items = await page.$$eval('.problems li', (els) => els.map((e) => e.textContent));
  assert.ok(items.some((t) => t.startsWith('projects[1].title.fr — ') && t.includes('U+202E')), items.join('\n'));
  assert.ok(items.some((t) => t.startsWith('organisations[1].name — ') && t.includes('U+001B')), items.join('\n'));
  assert.equal(await page.textContent('#data-hash'), hash, 'the stored data is kept');
  const long = structuredClone(dataset);
  long.projects[2].summary.en = 'a'.repeat(1 << 20);
  assert.match(await importDataset('long.json', JSON.stringify(long)), /^1 problème/);
  assert.match(await page.textContent('.problems li'), /^projects\[2\]\.summary\.en — texte trop long\u202f: 1048576 caractères/);
  assert.equal(await page.textContent('#data-hash'), hash);
  // Nested 100,000 deep: one clear sentence, no crash.
  const deep = `{"schema_version":1,"x":${'['.repeat(100000)}${']'.repeat(100000)}}`;
  assert.match(await importDataset('profond.json', deep), /imbrication trop profonde/);
  assert.equal(await page.textContent('#data-hash'), hash);
});

test('an export file with markup, hidden characters, wrong types and huge numbers: the good record is text, the others explained', async () => {
  const good = { ...record, id: crypto.randomUUID(), title: IMG };
  const bidi = { ...record, id: crypto.randomUUID(), title: 'Réunion\u202Etnemessial' };
  const wrong = { ...record, id: crypto.randomUUID(), title: 5 };
  const huge = { ...record, id: crypto.randomUUID(), participants: { ...record.participants, women: 1e300 } };
  const words = { ...record, id: crypto.randomUUID(), participants: { ...record.participants, men: 'trois "3"\u202E' } };
  await open('/journal', '#journal-import');
  await page.setInputFiles('#journal-import', file('export.json', JSON.stringify([good, bidi, wrong, huge, words])));
  await page.waitForSelector('#import-result >> text=/1 nouvelle/');
  const why = await page.$$eval('#import-result .problems li', (els) => els.map((e) => e.textContent));
  assert.equal(why.length, 4, why.join('\n'));
  assert.match(why[0], /^#2 — title\u202f: Caractère invisible interdit .*U\+202E/);
  assert.match(why[1], /^#3 — Type inattendu/);
  assert.match(why[2], /^#4 — Type inattendu/);
  // The value found is quoted, as it is written, hidden characters shown.
  assert.ok(why[3].startsWith('#5 — Type inattendu') && why[3].includes('la chaîne "trois \\"3\\"\\u{202e}"'), why[3]);
  await page.waitForSelector('.journal-row');
  assert.ok((await page.textContent('.journal-row')).includes(IMG), 'the title shows literally');
  await page.click('.journal-row >> nth=0');
  await page.waitForSelector('main h1');
  assert.equal(await page.textContent('main h1'), IMG);
  assert.equal(await pwned(), undefined);
});

test('an import that is not JSON or too large says so in the user\'s language; nothing changes', async () => {
  await open('/journal', '#journal-import');
  const rows = await page.locator('.journal-row').count();
  await page.setInputFiles('#journal-import', file('casse.json', '[{"id": '));
  await page.waitForSelector('#import-result >> text=/JSON invalide \\(ligne 1, colonne/');
  assert.match(await page.textContent('#import-result'), /Rien n'a été importé/);
  await page.setInputFiles('#journal-import', file('gros.json', ' '.repeat(16 * 1024 * 1024 + 1)));
  await page.waitForSelector('#import-result >> text=/dépasse 16 Mo/');
  assert.equal(await page.locator('.journal-row').count(), rows);
  // The same in English.
  await page.click('#lang-switch');
  await page.setInputFiles('#journal-import', file('broken.json', '[{"id": '));
  await page.waitForSelector('#import-result >> text=/Invalid JSON \\(line 1, column/');
});
