// The activity journal (issue 10), offline: the app is loaded once, the
// service worker installed, then the server is STOPPED for every step (a
// field phone with no network). One persistent profile; the steps build on
// each other. A second, fresh profile imports the export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  startServer, launchPersistent, appReady, swControlled, watchErrors, overflowX, seedRecords, storedTexts as stored, waitUntil,
  ROOT, ARTIFACTS, FIXTURE as fixture,
} from './helpers.mjs';

let server, origin, profile, page, errors;

before(async () => {
  server = await startServer();
  origin = server.url;
  profile = await launchPersistent();
  page = profile.context.pages()[0] ?? await profile.context.newPage();
  errors = watchErrors(page);
  await page.goto(origin + '/');
  await appReady(page);
  await swControlled(page);
  await server.stop(); // offline from here on
  // And the browser knows it (navigator.onLine false), as a phone with no
  // network would: the sync engine waits instead of trying, so the states
  // these tests check stay put (sync has its own tests).
  await profile.context.setOffline(true);
});
after(async () => {
  await profile?.close();
  await server?.stop();
});

async function open(path, selector) {
  await page.goto(origin + path);
  await appReady(page);
  if (selector) await page.waitForSelector(selector);
}

async function fillGood(title) {
  await page.selectOption('#project', 'prj-01');
  await page.waitForFunction(() => document.querySelector('#region')?.value === 'ML01');
  await page.selectOption('#cercle', 'ML0105');
  await page.fill('#locality', 'Kita');
  await page.selectOption('#activity_type', 'community_dialogue');
  await page.fill('#title', title);
  await page.fill('#description', 'Rencontre « au marché », avec les chefs de village.');
  await page.fill('#women', '12');
  await page.fill('#men', '8');
  await page.fill('#young_women', '5');
  await page.fill('#young_men', '3');
}

test('a profile is created in Settings and chosen in one tap', async () => {
  await open('/settings', '#profile-name');
  await page.fill('#profile-name', 'Aminata Traoré');
  await page.selectOption('#profile-cso', 'osc-01');
  await page.click('.profile-form button[type=submit]');
  await page.waitForSelector('.profile-list li >> text=Aminata Traoré');
  await page.fill('#profile-name', 'Moussa Diarra');
  await page.selectOption('#profile-cso', 'osc-02');
  await page.click('.profile-form button[type=submit]');
  await page.waitForSelector('.profile-list li >> text=Moussa Diarra');
  await open('/journal', '.profiles');
  await page.click('.profiles button >> text=Aminata Traoré');
  assert.equal(await page.getAttribute('.profiles button >> text=Aminata Traoré', 'aria-pressed'), 'true');
});

test('every validation message for bad input, with nothing typed lost', async () => {
  await open('/journal/new', '#title');
  // The profile's only project was chosen for us: unchoose it.
  assert.equal(await page.inputValue('#project'), 'prj-01');
  await page.selectOption('#project', '');
  await page.fill('#date', '2099-01-01');
  await page.fill('#title', 'x'.repeat(130));
  await page.fill('#women', '-3');
  await page.fill('#men', '2,5');
  await page.fill('#duration_min', '0');
  await page.selectOption('#activity_type', 'other');
  await page.click('button[type=submit]');
  await page.waitForSelector('#form-errors .msg.error');
  const summary = await page.textContent('#form-errors');
  for (const text of ['Champ obligatoire', 'dans le futur', 'Trop long', 'nombre entier positif', 'Durée invalide', 'Précisez le type']) {
    assert.ok(summary.includes(text), `${text} in ${summary}`);
  }
  // Each error also stands next to its field.
  assert.match(await page.textContent('#date-error'), /dans le futur/);
  assert.match(await page.textContent('#women-error'), /nombre entier/);
  assert.equal(await page.getAttribute('#title', 'aria-invalid'), 'true');
  // Nothing typed was lost.
  assert.equal(await page.inputValue('#title'), 'x'.repeat(130));
  assert.equal(await page.inputValue('#women'), '-3');
  assert.equal(await page.inputValue('#men'), '2,5');
  // In English too.
  await page.click('.lang-switch');
  await page.waitForSelector('#form-errors >> text=/in the future/');
  await page.click('.lang-switch');
  await page.waitForSelector('#form-errors >> text=/dans le futur/');
  assert.ok(await overflowX(page) <= 0);
  page.once('dialog', (d) => d.accept());
  await page.click('button >> text=Abandonner le brouillon');
  await page.waitForURL(/\/journal$/);
});

test('half a form, reload: the draft is back; fill and save, reload: the record is there', async () => {
  await open('/journal/new', '#title');
  await page.selectOption('#project', 'prj-01');
  await page.fill('#title', 'Dialogue à moitié saisi');
  await page.fill('#women', '7');
  await page.waitForSelector('.autosave >> text=/Brouillon enregistré/');
  await page.reload();
  await appReady(page);
  await open('/journal', '.journal-row');
  await page.click('.journal-row >> text=Dialogue à moitié saisi');
  await page.click('button >> text=Continuer la saisie');
  await page.waitForFunction(() => document.querySelector('#title')?.value === 'Dialogue à moitié saisi');
  assert.equal(await page.inputValue('#women'), '7');
  assert.equal(await page.inputValue('#project'), 'prj-01');

  await fillGood('Dialogue éleveurs–agriculteurs à Kita');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  await page.waitForSelector('main h1 >> text=Dialogue éleveurs–agriculteurs à Kita');
  assert.match(await page.textContent('.record-status'), /À envoyer/);
  await page.reload();
  await appReady(page);
  await page.waitForSelector('main h1 >> text=Dialogue éleveurs–agriculteurs à Kita');
  assert.match(await page.textContent('main'), /20 \(12 femmes dont 5 jeunes, 8 hommes dont 3 jeunes\)/);
  await open('/journal', '.journal-row');
  assert.equal(await page.locator('.journal-row').count(), 1, 'the draft became the record: one row');
});

test('a queued record can be edited', async () => {
  await open('/journal', '.journal-row');
  await page.click('.journal-row >> text=Dialogue éleveurs–agriculteurs à Kita');
  await page.click('button >> text=Modifier');
  await page.waitForFunction(() => document.querySelector('#title')?.value.startsWith('Dialogue'));
  await page.fill('#title', 'Dialogue éleveurs–agriculteurs à Kita (corrigé)');
  await page.click('button[type=submit]');
  await page.waitForSelector('main h1 >> text=(corrigé)');
  await open('/journal', '.journal-row');
  assert.equal(await page.locator('.journal-row').count(), 1, 'edited in place, not duplicated');
});

let exported;
test('two tabs on one draft: once one saves the record, the other stops saving and says why', async () => {
  await open('/journal/new', '#title');
  await page.fill('#title', 'Deux onglets');
  await page.waitForSelector('.autosave >> text=/Brouillon enregistré/');
  await open('/journal', '.journal-row');
  await page.click('.journal-row >> text=Deux onglets');
  await page.click('button >> text=Continuer la saisie');
  await page.waitForURL(/\/journal\/new\?draft=/);
  const other = await profile.context.newPage();
  await other.goto(page.url());
  await other.waitForFunction(() => document.querySelector('#title')?.value === 'Deux onglets');
  await fillGood('Deux onglets');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  await other.waitForSelector('text=/dans un autre onglet/');
  // Typing there saves nothing: no draft comes back beside the record.
  await other.fill('#title', 'Deux onglets, version de l\'autre onglet');
  await other.waitForTimeout(1200);
  await other.close();
  await open('/journal', '.journal-row');
  assert.equal(await page.locator('.journal-row >> text=Deux onglets').count(), 1);
  assert.equal(await page.locator('.journal-row >> text=version de l\'autre onglet').count(), 0);
});

test('export JSON and CSV: their content', async () => {
  await open('/journal', '#export-json');
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  exported = readFileSync(await json.path(), 'utf8');
  const records = JSON.parse(exported);
  assert.equal(records.length, 2, 'the edited record and the two-tab one');
  const r = records.find((x) => x.title.startsWith('Dialogue'));
  assert.equal(r.title, 'Dialogue éleveurs–agriculteurs à Kita (corrigé)');
  assert.equal(r.schema_version, 1);
  assert.equal(r.author.name, 'Aminata Traoré');
  assert.deepEqual(r.participants, { women: 12, men: 8, young_women: 5, young_men: 3, total: 20 });
  assert.match(r.id, /^[0-9a-f-]{36}$/);
  assert.match(r.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const text = readFileSync(await csv.path(), 'utf8');
  assert.ok(text.startsWith('\ufeff'), 'BOM');
  const lines = text.slice(1).split('\r\n');
  assert.ok(lines[0].startsWith('id,schema_version,revision,corrects,'));
  const line = lines.find((l) => l.includes('Dialogue éleveurs'));
  assert.ok(line.includes('"Rencontre « au marché », avec les chefs de village."'), line);
  assert.ok(line.includes(',12,8,5,3,,20,'), line);
});

test('import into a fresh profile: the same records, no duplicates', async () => {
  const other = await launchPersistent();
  const p2 = other.context.pages()[0] ?? await other.context.newPage();
  server = await startServer({ addr: origin.replace('http://', '') });
  await p2.goto(origin + '/journal');
  await appReady(p2);
  await p2.waitForSelector('#journal-import');
  const file = { name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(exported) };
  await p2.setInputFiles('#journal-import', file);
  await p2.waitForSelector('#import-result >> text=/2 nouvelles, 0 déjà présentes/');
  await p2.setInputFiles('#journal-import', file);
  await p2.waitForSelector('#import-result >> text=/0 nouvelles, 2 déjà présentes/');
  assert.equal(await p2.locator('.journal-row').count(), 2);
  // A different version of the same record is shown, not applied.
  const changed = JSON.parse(exported);
  changed.find((x) => x.title.startsWith('Dialogue')).title = 'Version du téléphone perdu';
  await p2.setInputFiles('#journal-import', { ...file, buffer: Buffer.from(JSON.stringify(changed)) });
  await p2.waitForSelector('#import-result >> text=/1 en conflit/');
  assert.match(await p2.textContent('#import-result'), /Version du téléphone perdu/);
  assert.equal(await p2.locator('.journal-row >> text=Version du téléphone perdu').count(), 0);
  await other.close();
  await server.stop();
});

test('with 5,000 records the journal opens and pages without error', async () => {
  const now = new Date().toISOString();
  const stored = Array.from({ length: 5000 }, (_, i) => {
    const record = { ...fixture, id: randomUUID(), title: `Activité ${i}`, created_at: now, updated_at: now, date: `2026-${String(1 + (i % 11)).padStart(2, '0')}-15` };
    return [`records/${record.id}`, JSON.stringify({ record, state: { queued: { attempts: 0 } } })];
  });
  await seedRecords(page, stored);
  const t0 = Date.now();
  await open('/journal', '.journal-row');
  console.log(`# journal with 5,002 records: first rows after ${Date.now() - t0} ms (navigation included)`);
  assert.match(await page.textContent('.found'), /5002 activités/);
  assert.equal(await page.locator('.journal-row').count(), 50);
  await page.mouse.wheel(0, 20000);
  await page.click('.pager button >> text=Page suivante');
  await page.waitForSelector('.pager >> text=2 / 101');
  await page.click('.chip.queued');
  await page.waitForFunction(() => location.search.includes('status=queued'));
  // Offline, the reachability probe fails: that is the only error allowed.
  assert.deepEqual(errors.filter((e) => !/ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED/.test(e)), []);
});

test('typing in the description at 4× CPU slowdown loses no character', async () => {
  await open('/journal/new', '#description');
  const cdp = await profile.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const text = 'Les éleveurs peuls et les agriculteurs bambara se sont réunis à Kita ; « la paix se construit ensemble ». '.repeat(3);
  await page.type('#description', text);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  assert.equal(await page.inputValue('#description'), text);
  assert.match(await page.textContent('#description-count'), new RegExp(`^${[...text].length} / 2000$`));
  await page.screenshot({ path: join(ARTIFACTS, 'journal-form-360.png'), fullPage: true }).catch(() => {});
});

test('typing while a save runs, then the save fails: what was typed before and during it is kept', async () => {
  await open('/journal/new', '#title');
  await fillGood('Enregistrement qui échoue');
  await page.waitForSelector('.autosave >> text=/Brouillon enregistré/');
  // The record's write holds its transaction for 1.5 s, then it is
  // aborted (a full disk, the browser closing the database…).
  // (A new record is inserted with `add`, an edit written with `put`.)
  await page.evaluate(() => {
    const P = IDBObjectStore.prototype;
    const { add, put } = P;
    globalThis.restoreWrites = () => Object.assign(P, { add, put });
    globalThis.recordWrites = [];
    const slow = (write) => function (v, k) {
      const r = write.call(this, v, k);
      // This record only: the sync engine may write others meanwhile.
      if (String(k).startsWith('records/') && String(v).includes('Enregistrement qui échoue')) {
        globalThis.recordWrites.push(String(v));
        const s = this;
        const until = Date.now() + 1500;
        const spin = () => { if (Date.now() < until) s.get('none').onsuccess = spin; else s.transaction.abort(); };
        spin();
      }
      return r;
    };
    Object.assign(P, { add: slow(add), put: slow(put) });
  });
  await page.click('button[type=submit]');
  await page.focus('#description');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Ajouté pendant l\'enregistrement.');
  await page.waitForSelector('.journal-form [role=alert] >> text=/L\'enregistrement a échoué/');
  const tried = await page.evaluate(() => { globalThis.restoreWrites(); return globalThis.recordWrites; });
  assert.equal(tried.length, 1, `one record write, the form's: ${tried}`);
  const want = 'Rencontre « au marché », avec les chefs de village. Ajouté pendant l\'enregistrement.';
  assert.equal(await page.inputValue('#description'), want, 'the form keeps it');
  await page.waitForFunction(() => /Brouillon enregistré/.test(document.querySelector('.autosave')?.textContent));
  const mine = (await stored(page, 'drafts')).filter((d) => d.includes('Enregistrement qui échoue'));
  assert.equal(mine.length, 1, 'one draft');
  assert.ok(mine[0].includes('Ajouté pendant l\'enregistrement.'), `the draft has what was typed during the save: ${mine[0]}`);
  assert.equal((await stored(page, 'records')).filter((r) => r.includes('Enregistrement qui échoue')).length, 0, 'no record was stored');
  // Typing on saves the draft again; the record's failure stays shown
  // until the next try.
  await page.keyboard.type(' Encore.');
  await waitUntil('the draft saved with « Encore. »', async () => (await stored(page, 'drafts')).some((d) => d.includes('Encore.')), 30000);
  for (let i = 0; i < 10; i++) {
    await page.waitForTimeout(100);
    const alert = await page.evaluate(() => document.querySelector('.journal-form [role=alert]')?.textContent);
    assert.match(String(alert), /L'enregistrement a échoué/, `still shown ${i * 100} ms after the draft's save`);
  }
});

test('two tabs import at once: a reading of the other tab\'s change that ends after this tab\'s own write does not hide it', async () => {
  const now = new Date().toISOString();
  const one = (title) => [{ ...fixture, id: randomUUID(), title, created_at: now, updated_at: now }];
  const file = (records) => ({ name: 'lot.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(records)) });
  await open('/journal', '#journal-import');
  const other = await profile.context.newPage();
  const otherErrors = watchErrors(other);
  await other.goto(origin + '/journal');
  await appReady(other);
  // A file may be chosen while the journal still loads (thousands of
  // records on a slow phone): the field stays the element it was, or the
  // choice would land on a field no longer in the page.
  await other.waitForSelector('#journal-import');
  await other.evaluate(() => { window.importField = document.querySelector('#journal-import'); });
  await page.waitForSelector('.found');
  const before = Number((await page.textContent('.found')).match(/\d+/)[0]);
  await other.waitForFunction((n) => document.querySelector('.found')?.textContent.includes(`${n} activités`), before);
  assert.ok(await other.evaluate(() => window.importField === document.querySelector('#journal-import')), 'the import field is the same element once the journal is loaded');
  // This tab's next listing of the records answers 2 s late: a journal of
  // thousands of sealed records on a slow phone.
  await page.evaluate(() => {
    const { getAll } = IDBObjectStore.prototype;
    IDBObjectStore.prototype.getAll = function (...args) {
      const r = getAll.apply(this, args);
      if (this.name !== 'records') return r;
      IDBObjectStore.prototype.getAll = getAll;
      globalThis.slowListing = 'started';
      return new Proxy(r, {
        get: (t, k) => (typeof t[k] === 'function' ? t[k].bind(t) : t[k]),
        set: (t, k, f) => {
          t[k] = k === 'onsuccess' ? (e) => setTimeout(() => { globalThis.slowListing = 'done'; f(e); }, 2000) : f;
          return true;
        },
      });
    };
  });
  // The other tab imports: this tab hears of it and lists the records again…
  await other.setInputFiles('#journal-import', file(one('Import de l\'autre onglet')));
  try { await other.waitForSelector('#import-result >> text=/1 nouvelle/', { timeout: 10000 }); } catch (e) {
    console.log('# the other tab shows:', await other.evaluate(() => [location.href, document.querySelector('main')?.textContent.slice(0, 800), document.querySelector('#import-result')?.outerHTML, document.querySelector('#journal-import')?.outerHTML]));
    console.log('# its errors:', otherErrors);
    throw e;
  }
  await page.waitForFunction(() => globalThis.slowListing === 'started');
  // …and imports too while that listing is late.
  await page.setInputFiles('#journal-import', file(one('Import de cet onglet')));
  await page.waitForSelector('#import-result >> text=/1 nouvelle/');
  assert.notEqual(await page.evaluate(() => globalThis.slowListing), 'done', 'this import ended before the late listing');
  await page.waitForFunction(() => globalThis.slowListing === 'done');
  await page.waitForFunction((n) => document.querySelector('.found')?.textContent.includes(`${n} activités`), before + 2, { timeout: 10000 });
  await page.waitForTimeout(500);
  assert.match(await page.textContent('.found'), new RegExp(`${before + 2} activités`), 'both imports listed, this tab\'s too');
  assert.deepEqual(otherErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), [], 'no error in the other tab');
  await other.close();
});
