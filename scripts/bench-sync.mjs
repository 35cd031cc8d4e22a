// Sync at scale for `make bench` (budget: batched ≤ 10 s for 5,000): the
// time the app's sync engine takes to send 5,000 queued
// records to the reference endpoint (paix-server's /api/activities on a
// fresh SQLite file), one record per POST and in batches of 200.
// Per mode: a fresh server and browser context; the records are seeded
// queued while offline, the mode is saved in Settings › Synchronisation,
// then the clock runs from reopening the app online until every record is
// stored as sent.
// Usage: node scripts/bench-sync.mjs [records=5000] [batch=200]
import {
  startServer, launchBrowser, appReady, seedRecords, recordStates as states, serverRecordIds as serverIds,
  newRecord, queuedEntry,
} from '../tests/e2e/helpers.mjs';
import { figure, SMOKE } from './bench-lib.mjs';

const N = Number(process.argv[2] || (SMOKE ? 40 : 5000));
const BATCH = Number(process.argv[3] || 200);
const TIMEOUT_MS = 15 * 60 * 1000;
const fmt = (n) => n.toLocaleString('en-US');

/** One timed run; `batch` null for one record per POST. */
async function run(browser, label, batch) {
  // No write-rate limit: this measures the engine, not the server's
  // protection (which makes a client wait once it has sent 1,200 at once).
  const server = await startServer({ extra: ['--write-rate', '0'] });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(server.url + '/settings/sync');
    await appReady(page);
    await context.setOffline(true);
    const entries = Array.from({ length: N }, (_, i) => queuedEntry(newRecord(i * 1000)));
    await seedRecords(page, entries);
    await page.waitForSelector('#sync-endpoint');
    await page.fill('#sync-endpoint', server.url + '/api/activities');
    await page.selectOption('#sync-mode', batch ? 'batch' : 'single');
    if (batch) {
      await page.waitForSelector('#sync-batch');
      await page.fill('#sync-batch', String(batch));
    }
    await page.click('.sync-form button[type=submit]');
    await page.waitForSelector('.sync-form .msg.ok');

    // Online, the app opened again: it reads the 5,000 records, and the
    // records waiting to be sent start the engine, as after a phone comes
    // back into coverage. Done when nothing waits to be sent (the
    // navigation's badge is gone), read cheaply from the page so that
    // polling does not weigh on what it measures (reading every record
    // from IndexedDB ten times a second did); the states are checked after.
    await context.setOffline(false);
    const t0 = Date.now();
    await page.goto(server.url + '/settings/sync');
    await page.waitForSelector('#nav-journal .badge', { timeout: 20000 }).catch(() => {});
    await page.waitForFunction(() => !document.querySelector('#nav-journal .badge'), null, { timeout: TIMEOUT_MS, polling: 100 });
    let s = await states(page);
    while (s.sent !== N && Date.now() - t0 < TIMEOUT_MS) {
      await new Promise((r) => setTimeout(r, 100));
      s = await states(page);
    }
    const t1 = Date.now();
    const ids = await serverIds(server.url);
    const secs = (t1 - t0) / 1000;
    if (s.sent === N) {
      figure('sync', `${fmt(N)} records, ${label}`, secs, 's', batch ? { op: '<=', limit: 10 } : null,
        `${Math.round(N / secs)} records/s; server holds ${fmt(ids.length)} rows, ${fmt(new Set(ids).size)} distinct`);
    } else {
      figure('sync', `${fmt(N)} records, ${label}`, secs, 's', batch ? { op: '<=', limit: 10 } : null,
        `NOT DONE: states ${JSON.stringify(s)}; server holds ${fmt(ids.length)} rows`);
    }
  } finally {
    await context.close();
    await server.stop();
  }
}

const browser = await launchBrowser();
try {
  console.log(`\nSync to paix-server /api/activities, fresh SQLite file each (headless Chromium, no throttling):`);
  await run(browser, 'one per POST', null);
  await run(browser, `batches of ${BATCH}`, BATCH);
} finally {
  await browser.close();
}
