// Journal figures for `make bench` (not a test: it prints, it asserts
// nothing): with 5,000 stored records, the journal's first render and the
// median time to save one record through the form, and the bytes stored.
// Usage: node scripts/bench-journal.mjs [records=5000] [saves=9]
import { startServer, launchPersistent, seedRecords, newRecord, queuedEntry } from '../tests/e2e/helpers.mjs';

const N = Number(process.argv[2] || 5000);
const SAVES = Number(process.argv[3] || 9);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer();
const { context, close } = await launchPersistent();
const page = context.pages()[0] ?? await context.newPage();
try {
  await page.goto(server.url + '/');
  await page.waitForSelector('main#main');
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
    await page.waitForFunction(() => document.querySelectorAll('.journal-row').length === 50);
    renders.push(Date.now() - t0);
  }
  const saves = [];
  for (let i = 0; i < SAVES; i++) {
    await page.goto(server.url + '/journal/new');
    await page.waitForSelector('#title');
    await page.selectOption('#activity_type', 'training');
    await page.fill('#title', `Mesure ${i}`);
    await page.fill('#women', '3');
    const t0 = Date.now();
    await page.click('button[type=submit]');
    await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
    saves.push(Date.now() - t0);
  }
  console.log(`\nJournal with ${N} stored records (headless Chromium, no throttling):`);
  console.log(`  first render of /journal (navigation to 50 rows drawn), median of 5: ${median(renders)} ms`);
  console.log(`  save one record through the form (click to the record's page), median of ${SAVES}: ${median(saves)} ms`);
  console.log(`  bytes stored: ${(json / 1024).toFixed(0)} KiB of JSON; origin usage grew by ${((after - before) / 1024).toFixed(0)} KiB`);
} finally {
  await close();
  await server.stop();
}
