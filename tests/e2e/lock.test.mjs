// The device lock (issue 14): with it on, the phone's storage holds no
// plaintext of a record, a draft, a profile or the sync credential; it
// locks after the idle time; while locked nothing is sent, and once
// unlocked the queue goes out; a wrong PIN is refused and, after five,
// waited for; a new PIN keeps everything readable; turning it off leaves
// everything plain again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, appReady, seedRecords, serverRecordIds as serverIds,
  newRecord, queuedEntry, configureSync, waitUntil,
} from './helpers.mjs';

const PIN = '246810';
const TOKEN = 'Bearer jeton-tres-secret-0123456789';
const TITLE = 'Médiation confidentielle à Ménaka';
const PROFILE = 'Fatoumata Maïga';
let server, browser, context, page;
/** The secret that opens the lock now (null: off); a reload locks it. */
let secret = null;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext();
  page = await context.newPage();
  await page.clock.install();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Loads `path` (a reload: the lock closes, and is opened with `secret`
 *  unless `locked` is asked) and waits for `selector`. */
async function open(path, selector, { locked = false } = {}) {
  await page.goto(server.url + path);
  await appReady(page);
  if (secret && !locked) {
    await page.waitForSelector('#unlock-secret');
    await page.fill('#unlock-secret', secret);
    await page.click('.unlock-form button[type=submit]');
  }
  await page.waitForSelector(selector);
}

/** Every value the app stored, IndexedDB and localStorage, as one text. */
function everythingStored() {
  return page.evaluate(async () => {
    const out = Object.entries(localStorage).map(([k, v]) => `${k}=${v}`);
    const db = await new Promise((ok, fail) => { const r = indexedDB.open('paix'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    for (const name of db.objectStoreNames) {
      const all = await new Promise((ok) => { const r = db.transaction(name).objectStore(name).getAll(); r.onsuccess = () => ok(r.result); });
      out.push(...all.map((v) => `${name}: ${typeof v === 'string' ? v : JSON.stringify(v)}`));
    }
    db.close();
    return out.join('\n');
  });
}

async function lockNote(re) {
  await page.waitForSelector(`#lock-note >> text=${re}`);
}

/** Turns the lock on with the PIN (« J'ai compris » already ticked), in Settings. */
async function turnOn() {
  await page.fill('#lock-secret', PIN);
  await page.fill('#lock-confirm', PIN);
  await page.click('.lock-form button[type=submit]');
  await lockNote('/Verrouillage activé/');
  secret = PIN;
}

test('with the lock on, nothing of a record, a draft, a profile or the token is stored in clear', async () => {
  await open('/settings', '#profile-name');
  await page.fill('#profile-name', PROFILE);
  await page.selectOption('#profile-cso', 'osc-01');
  await page.click('.profile-form button[type=submit]');
  await page.waitForSelector(`.profile-list li >> text=${PROFILE}`);
  // Offline: records wait in the queue; one exists before the lock is on.
  await context.setOffline(true);
  await seedRecords(page, [queuedEntry(newRecord(1, { title: `${TITLE} (avant)` }))]);
  await open('/settings/sync', '#sync-endpoint');
  await configureSync(page, { header: 'Authorization', value: TOKEN });
  // Turning it on: « J'ai compris » first, then a PIN of 6 digits, twice.
  await open('/settings', '#lock-secret');
  assert.match(await page.textContent('#lock'), /million/);
  await page.fill('#lock-secret', PIN);
  await page.fill('#lock-confirm', PIN);
  await page.click('.lock-form button[type=submit]');
  await lockNote('/J\'ai compris/');
  // What is typed stays over a redraw of Settings: the PIN typed twice,
  // then « J'ai compris » ticked (which redraws the panel).
  await page.fill('#lock-secret', PIN);
  await page.fill('#lock-confirm', PIN);
  await page.check('#lock-understood');
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
  assert.equal(await page.inputValue('#lock-secret'), PIN);
  assert.equal(await page.inputValue('#lock-confirm'), PIN);
  await page.fill('#lock-secret', '1234');
  await page.fill('#lock-confirm', '1234');
  await page.click('.lock-form button[type=submit]');
  await lockNote('/au moins 6 chiffres/');
  await turnOn();
  // A record made now, through an import, and a draft typed in the form.
  await open('/journal', '#journal-import');
  assert.match(await page.textContent('#export-plain'), /pas chiffré/);
  const file = { name: 'e.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([newRecord(2, { title: TITLE })])) };
  await page.setInputFiles('#journal-import', file);
  await page.waitForSelector('#import-result >> text=/1 nouvelle/');
  await open('/journal/new', '#title');
  await page.fill('#title', `${TITLE} (brouillon)`);
  await page.waitForSelector('.autosave >> text=/Brouillon enregistré/');
  await waitUntil('the sealing done', async () => !(await everythingStored()).includes(TITLE), 10000).catch(() => {});
  const stored = await everythingStored();
  for (const secret of [TITLE, 'jeton-tres-secret', PROFILE, 'Ménaka']) {
    assert.ok(!stored.includes(secret), `«${secret}» is stored in clear:\n${stored.split('\n').filter((l) => l.includes(secret)).join('\n').slice(0, 500)}`);
  }
  assert.match(stored, /paix-sealed 1 /);
  assert.equal(await page.locator('.journal-row').count(), 0, 'still on the form');
  await open('/journal', '.journal-row');
  assert.equal(await page.locator('.journal-row').count(), 3, 'two records and a draft, read through the lock');
});

test('it locks after the idle time; while locked nothing is sent; unlocked, the queue goes out', async () => {
  await open('/settings', '#lock-idle-min');
  await page.fill('#lock-idle-min', '1');
  await page.click('form[data-submit="lock-idle"] button');
  await page.clock.fastForward(61_000);
  await page.clock.fastForward(15_000);
  await page.evaluate(() => { history.pushState(null, '', '/journal'); dispatchEvent(new PopStateEvent('popstate')); });
  await page.waitForSelector('#unlock');
  assert.equal(await page.textContent('main h1'), 'Application verrouillée');
  assert.equal(await page.locator('.journal-row').count(), 0);
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.clock.fastForward(5_000);
  assert.deepEqual(await serverIds(server.url), [], 'nothing sent while locked');
  // Settings shows the unlock form in place of the profiles and the sync settings.
  await open('/settings', '#unlock-secret', { locked: true });
  assert.equal(await page.locator('#profiles').count(), 0);
  assert.equal(await page.locator('#sync').count(), 0);
  await page.fill('#unlock-secret', PIN);
  await page.click('.unlock-form button[type=submit]');
  await page.waitForSelector(`.profile-list li >> text=${PROFILE}`);
  await page.evaluate(() => document.querySelector('#sync').scrollIntoView());
  await page.waitForSelector('#sync-value');
  assert.equal(await page.inputValue('#sync-value'), TOKEN, 'the credential is back after unlocking');
  await page.click('#sync-now');
  await waitUntil('both records sent', async () => (await serverIds(server.url)).length === 2, 60000);
  // (recordStates cannot read sealed records: the page says it.)
  await page.waitForFunction(() => /À envoyer\s*: 0/.test(document.querySelector('#sync')?.textContent ?? ''));
});

test('a wrong PIN is refused, and after five each try waits; a new PIN keeps everything; off is plain again', async () => {
  await open('/settings', '#lock-now');
  await page.click('#lock-now');
  await page.waitForSelector('#unlock-secret');
  for (let i = 1; i <= 5; i++) {
    await page.fill('#unlock-secret', '000000');
    await page.click('.unlock-form button[type=submit]');
    await lockNote(i < 5 ? `/Code incorrect \\(${i} essai/` : '/Trop d\'essais/');
  }
  assert.ok(await page.locator('.unlock-form button[type=submit]').isDisabled(), 'the button waits too');
  await page.clock.fastForward(31_000);
  await open('/settings', '#lock-old');
  // A passphrase instead of the PIN: the old one is asked.
  await page.fill('#lock-old', PIN);
  await page.selectOption('#lock-new-kind', 'passphrase');
  await page.fill('#lock-new', 'le fleuve Niger à Mopti');
  await page.fill('#lock-new-confirm', 'le fleuve Niger à Mopti');
  await page.click('form[data-submit="lock-change"] button');
  await lockNote('/Code changé/');
  secret = 'le fleuve Niger à Mopti';
  await open('/journal', '.journal-row');
  assert.equal(await page.locator('.journal-row').count(), 3);
  // Another tab, locked, follows when this one turns the lock off.
  const other = await context.newPage();
  await other.goto(server.url + '/journal');
  await appReady(other);
  await other.waitForSelector('#unlock');
  // And a third, open: it locks while the first turns the lock off, so that
  // it cannot seal a value with the key about to go.
  const third = await context.newPage();
  await third.goto(server.url + '/journal');
  await appReady(third);
  await third.fill('#unlock-secret', 'le fleuve Niger à Mopti');
  await third.click('.unlock-form button[type=submit]');
  await third.waitForSelector('.journal-row');
  await third.evaluate(() => {
    new MutationObserver(() => { if (document.querySelector('#unlock')) window.sawLocked = true; })
      .observe(document.body, { childList: true, subtree: true });
  });
  // Off: the secret asked once more, then everything is plain.
  await open('/settings', '#lock-off-secret');
  await page.fill('#lock-off-secret', 'le fleuve Niger à Mopti');
  await page.click('form[data-submit="lock-disable"] button');
  await lockNote('/Verrouillage désactivé/');
  secret = null;
  for (const tab of [other, third]) {
    await tab.waitForSelector('.journal-row');
    assert.equal(await tab.locator('.journal-row').count(), 3, 'the other tab reads the plain journal, no PIN asked');
  }
  assert.equal(await third.evaluate(() => window.sawLocked), true, 'the open tab locked while the lock was turned off');
  assert.equal(await page.evaluate(() => localStorage.getItem('paix.lock.off')), null, 'the mark is gone');
  await other.close();
  await third.close();
  const stored = await everythingStored();
  assert.ok(!stored.includes('paix-sealed'), 'nothing sealed is left');
  assert.ok(stored.includes(TITLE) && stored.includes(PROFILE) && stored.includes('jeton-tres-secret'));
  await open('/journal', '.journal-row');
  assert.equal(await page.locator('.journal-row').count(), 3, 'and readable without a PIN');
});

test('a tab closed while typing asks first, with the lock on or off, and the draft keeps every keystroke', async () => {
  const dialogs = [];
  /** Closes the tab as a person would, answering « Quitter » to a
   *  « leave the page? » question after a second's reading. */
  const close = async (tab) => {
    tab.on('dialog', async (d) => { dialogs.push(d.type()); await new Promise((r) => setTimeout(r, 1000)); await d.accept(); });
    const gone = new Promise((r) => tab.once('close', r));
    await tab.close({ runBeforeUnload: true });
    await gone;
  };
  // Keystrokes not yet saved (the autosave waits for a pause): the tab
  // asks before it closes. The page does not run while the question is
  // shown, but IndexedDB and WebCrypto do: the step under way ends
  // meanwhile, and the write goes out as the tab closes.
  await open('/journal/new', '#title');
  await page.fill('#title', 'Dialogue');
  await page.waitForSelector('.autosave >> text=/Brouillon enregistré/');
  await page.keyboard.type(' au puits de Kidal');
  await close(page);
  assert.deepEqual(dialogs, ['beforeunload'], 'the tab asked before closing');
  page = await context.newPage();
  await open('/journal', '.journal-row >> text=Dialogue');
  assert.match(await page.textContent('main'), /Dialogue au puits de Kidal/);
  await open('/settings', '#lock-secret');
  await page.check('#lock-understood');
  await turnOn();
  // The draft saved (sealed): closing asks nothing.
  await open('/journal/new', '#title');
  await page.fill('#title', 'Médiation');
  await page.waitForSelector('.autosave >> text=/Brouillon enregistré/');
  await close(page);
  assert.equal(dialogs.length, 1, 'nothing waiting to be saved: no question');
  // The same with the lock on (the draft is sealed before it is written).
  page = await context.newPage();
  await open('/journal', '.journal-row >> text=Médiation');
  await page.click('.journal-row a >> text=Médiation');
  await page.click('button >> text=Continuer la saisie');
  await page.waitForSelector('#title');
  assert.equal(await page.inputValue('#title'), 'Médiation');
  await page.focus('#title');
  await page.keyboard.press('End');
  await page.keyboard.type(' à Ménaka, jusqu\'à la dernière lettre');
  await close(page);
  page = await context.newPage();
  await open('/journal', '.journal-row >> text=Médiation');
  assert.match(await page.textContent('main'), /Médiation à Ménaka, jusqu'à la dernière lettre/);
  assert.deepEqual(dialogs, ['beforeunload', 'beforeunload'], 'the tab asked before closing');
});
