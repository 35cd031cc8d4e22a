// Sync figures for `make bench` (not a test: it prints, it asserts
// nothing): the time the app's sync engine takes to send 1,000 queued
// records to the reference endpoint (paix-server's /api/activities on a
// fresh SQLite file), one record per POST and in batches of 50.
// Per mode: a fresh server and browser context; the records are seeded
// queued while offline, the mode is saved in Settings › Synchronisation,
// then the clock runs from going online and « Synchroniser maintenant »
// until IndexedDB holds every record as sent (polled every 100 ms).
// Usage: node scripts/bench-sync.mjs [records=1000] [batch=50]
import {
  startServer, launchBrowser, appReady, seedRecords, recordStates as states, serverRecordIds as serverIds,
  newRecord, queuedEntry,
} from '../tests/e2e/helpers.mjs';

const N = Number(process.argv[2] || 1000);
const BATCH = Number(process.argv[3] || 50);
const TIMEOUT_MS = 15 * 60 * 1000;
const fmt = (n) => n.toLocaleString('en-US');

/** One timed run; `batch` null for one record per POST. */
async function run(browser, label, batch) {
  const server = await startServer();
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

    const t0 = Date.now();
    await context.setOffline(false);
    await page.click('#sync-now');
    let s;
    for (;;) {
      s = await states(page);
      if (s.sent === N || Date.now() - t0 > TIMEOUT_MS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const t1 = Date.now();
    const ids = await serverIds(server.url);
    const secs = (t1 - t0) / 1000;
    if (s.sent === N) {
      console.log(`  sync ${fmt(N)} records, ${label}: ${secs.toFixed(1)} s (${Math.round(N / secs)} records/s)` +
        `; server holds ${fmt(ids.length)} rows, ${fmt(new Set(ids).size)} distinct`);
    } else {
      console.log(`  sync ${fmt(N)} records, ${label}: not done after ${secs.toFixed(0)} s (states ${JSON.stringify(s)})` +
        `; server holds ${fmt(ids.length)} rows`);
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
