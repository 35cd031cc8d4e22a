// Journal at scale for `make bench`: with 5,000 stored records, start-up
// to interactive (navigation to /journal until its first 50 rows are
// drawn; budget ≤ 1 s) and saving one record (budget ≤ 20 ms): the time
// from the click on « Enregistrer » to the app's navigation to the saved
// record (it navigates once the write is done: validation, serde, the
// IndexedDB transaction with strict durability), and the bare IndexedDB
// write alone, as timed by the page.
// Both offline, as in the field (the service worker serves the app): the
// 5,000 records are queued, and online the sync engine would be sending
// them meanwhile to the server on the same origin, its transactions on
// the same object store delaying the save's (IndexedDB runs them in
// turn). That case is printed after, online, without a budget.
// Usage: node scripts/bench-journal.mjs [records=5000] [saves=9]
import { startServer, launchPersistent, seedRecords, newRecord, queuedEntry, swControlled } from '../tests/e2e/helpers.mjs';
import { figure, median, SMOKE } from './bench-lib.mjs';

const N = Number(process.argv[2] || (SMOKE ? 60 : 5000));
const SAVES = Number(process.argv[3] || (SMOKE ? 3 : 9));

const server = await startServer();
const { context, close } = await launchPersistent();
const page = context.pages()[0] ?? await context.newPage();
try {
  await page.goto(server.url + '/');
  await page.waitForSelector('main#main');
  await swControlled(page);
  await context.setOffline(true);
  await page.evaluate(() => {
    localStorage.setItem('paix.pref.profiles', JSON.stringify(JSON.stringify([{ id: 'p1', name: 'Bench', cso: 'osc-01', phone: '' }])));
    localStorage.setItem('paix.pref.profile', JSON.stringify('p1'));
  });
  const before = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
  const now = new Date().toISOString();
  const entries = Array.from({ length: N }, (_, i) => queuedEntry(newRecord(i, { created_at: now, updated_at: now })));
  const json = entries.reduce((n, [, v]) => n + v.length, 0);
  await seedRecords(page, entries);
  const after = await page.evaluate(async () => (await navigator.storage.estimate()).usage);

  const renders = [];
  for (let i = 0; i < 5; i++) {
    const t0 = Date.now();
    await page.goto(server.url + '/journal');
    await page.waitForFunction((n) => document.querySelectorAll('.journal-row').length === Math.min(50, n), N);
    renders.push(Date.now() - t0);
  }
  // From the click (in the page) to the app's navigation to the saved
  // record, which it starts once the write is done: the save itself.
  const save = async (i) => {
    await page.goto(server.url + '/journal/new');
    await page.waitForSelector('#title');
    await page.selectOption('#activity_type', 'training');
    await page.fill('#title', `Mesure ${i}`);
    await page.fill('#women', '3');
    const ms = await page.evaluate(() => new Promise((resolve) => {
      const [push, replace] = [history.pushState, history.replaceState];
      const done = (f) => function (...a) {
        const t1 = performance.now();
        history.pushState = push;
        history.replaceState = replace;
        resolve(t1 - t0);
        return f.apply(this, a);
      };
      history.pushState = done(push);
      history.replaceState = done(replace);
      const t0 = performance.now();
      document.querySelector('button[type=submit]').click();
    }));
    await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
    return ms;
  };
  const saves = [];
  for (let i = 0; i < SAVES; i++) saves.push(await save(i));
  // The write alone: one record put into IndexedDB's records store with
  // strict durability, as the app writes it (its own code path adds the
  // sealing check and the state's serde).
  const puts = await page.evaluate(async ([entry, n]) => {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open('paix'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const out = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await new Promise((ok, fail) => {
        const tx = db.transaction('records', 'readwrite', { durability: 'strict' });
        tx.objectStore('records').put(entry[1], `${entry[0]}-${i}`);
        tx.oncomplete = ok; tx.onerror = () => fail(tx.error);
      });
      out.push(performance.now() - t0);
    }
    db.close();
    return out;
  }, [entries[0], SAVES]);
  figure('journal', `start-up to interactive, ${N} records, offline (median of 5)`, median(renders), 'ms', { op: '<=', limit: 1000 });
  figure('journal', 'save one record, offline: click to the write done (median)', Math.round(median(saves) * 10) / 10, 'ms', { op: '<=', limit: 20 });
  figure('journal', 'save one record: the IndexedDB write (median)', Math.round(median(puts) * 10) / 10, 'ms');
  // Online: the engine starts sending the 5,000 queued records (one per
  // POST, the default) to this server; saves meanwhile.
  await context.setOffline(false);
  await page.goto(server.url + '/journal');
  await page.waitForSelector('.journal-row');
  const busy = [];
  for (let i = 0; i < SAVES; i++) busy.push(await save(SAVES + i));
  figure('journal', 'save one record, online while the sync engine sends the queue (median)', Math.round(median(busy) * 10) / 10, 'ms');
  figure('journal', 'bytes stored', Math.round((after - before) / 1024), 'KiB', null, `${(json / 1024).toFixed(0)} KiB of JSON`);
} finally {
  await close();
  await server.stop();
}
