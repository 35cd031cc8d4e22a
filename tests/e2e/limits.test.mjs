// Server limits as the app meets them (issue 13): a write rate limit is
// waited out as `Retry-After` says, with every record arriving once; and the
// endpoint's credential never shows up in the sync log, the page, the
// records, an export or a URL, whatever the endpoint answers; an endpoint's
// endless answer is not read past 1 MiB.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startServer, launchBrowser, appReady, recordStates as states, serverRecordIds as serverIds,
  newRecord, watchErrors, waitUntil, queueAndSync, storedTexts,
} from './helpers.mjs';
import { startFloodEndpoint } from './endpoints.mjs';

const TOKEN = 'jeton-de-terrain-0123456789abcdef';
const WRONG = 'mauvais-jeton-fedcba9876543210';
const dir = mkdtempSync(join(tmpdir(), 'paix-limits-'));
const tokens = join(dir, 'tokens');
let server, browser;

before(async () => {
  writeFileSync(tokens, `telephone-1 ${TOKEN} send,read\n`);
  // 30 writes a minute: a burst of 6, then one every 2 s.
  server = await startServer({ extra: ['--tokens', tokens, '--write-rate', '30'] });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const auth = { Authorization: `Bearer ${TOKEN}` };

test('over the write rate the app waits as Retry-After says; every record arrives once', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const statuses = [];
  page.on('response', (r) => { if (r.url().endsWith('/api/activities') && r.request().method() === 'POST') statuses.push(r.status()); });
  const records = Array.from({ length: 12 }, (_, i) => newRecord(i));
  await queueAndSync(page, server.url, records, { header: 'Authorization', value: `Bearer ${TOKEN}`, backoff: 10, interval: 60 });
  await waitUntil('every record sent', async () => (await states(page)).sent === 12);
  assert.ok(statuses.includes(429), `the limit was met: ${statuses}`);
  const ids = await serverIds(server.url, auth);
  assert.deepEqual([...ids].sort(), records.map((r) => r.id).sort(), 'each record once');
  await context.close();
});

test('the credential never shows in the log, the page, the records, an export or a URL', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  // A wrong token: the queue pauses for the credentials, and says so.
  await queueAndSync(page, server.url, [newRecord(100)], { header: 'Authorization', value: `Bearer ${WRONG}` });
  await page.waitForSelector('#sync-paused');
  await page.click('#sync-test');
  await page.waitForSelector('#sync-test-result p');
  const shown = await page.evaluate(() => document.body.innerText + document.documentElement.outerHTML.replace(/value="[^"]*"/g, ''));
  const stored = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k !== 'paix.sync.settings').map(([k, v]) => `${k}=${v}`).join('\n'));
  await page.goto(server.url + '/journal');
  await appReady(page);
  await page.waitForSelector('#export-json');
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const exported = readFileSync(await json.path(), 'utf8') + readFileSync(await csv.path(), 'utf8');
  const records = (await storedTexts(page, 'records')).join('\n');
  for (const [where, text] of [['page', shown], ['localStorage', stored], ['export', exported], ['records', records], ['URLs', urls.join('\n')]]) {
    assert.ok(!text.includes(WRONG), `the credential is in the ${where}`);
  }
  assert.match(stored, /paix\.sync\.log/, 'the log was written');
  await context.close();
});

test('an endpoint that answers with 64 MB is read only to 1 MiB; the record is sent', async () => {
  const flood = await startFloodEndpoint({ origin: server.url, megabytes: 64 });
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await queueAndSync(page, server.url, [newRecord(200)], { endpoint: `${flood.url}/activities` });
  await waitUntil('the record sent', async () => (await states(page)).sent === 1, 60000);
  assert.equal(flood.stats.posts, 1);
  assert.ok(flood.stats.bytesSent < 32 * 1024 * 1024, `the app stopped reading: ${flood.stats.bytesSent} bytes written`);
  assert.deepEqual(errors, []);
  await context.close();
  await flood.stop();
});
