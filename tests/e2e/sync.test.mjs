// The sync engine (issue 12) against real servers: the reference endpoint
// behind a proxy that injects faults, a plain REST collection that knows
// nothing of idempotency, an endpoint that refuses CORS, and the
// configuration link. Timeouts and backoff are set short through the
// settings, as a user could.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, appReady, seedRecords, watchErrors,
  recordStates as states, serverRecordIds as serverIds,
  newRecord as record, queuedEntry as queued, configureSync as configure, waitUntil, queueAndSync, storedTexts,
} from './helpers.mjs';
import { startFaultProxy, startRestCollection, startNoCorsEndpoint } from './endpoints.mjs';

let server, browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Settings at `base`, and a profile named `name` made there. */
async function addProfile(page, base, name) {
  await page.goto(base + '/settings');
  await appReady(page);
  await page.fill('#profile-name', name);
  await page.selectOption('#profile-cso', 'osc-01');
  await page.click('.profile-form button[type=submit]');
}

/** A new browser context on Settings › Synchronisation at `base`, offline. */
async function offlineAt(base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errs = watchErrors(page);
  await page.goto(base + '/settings/sync');
  await appReady(page);
  await context.setOffline(true);
  return { context, page, errs };
}

test('1,000 records made offline reach the endpoint through faults: none lost, none twice, nothing valid refused', async () => {
  const proxy = await startFaultProxy({ target: server.url });
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  // A profile, and short timeouts (settings the user has).
  await addProfile(page, proxy.url, 'Aminata Traoré');
  await configure(page, { timeout: 5, backoff: 10 });

  // Offline: three records through the form, 997 through the import.
  await context.setOffline(true);
  const typed = ['Dialogue à Kita', 'Médiation à Mopti', 'Formation à Ménaka'];
  for (const title of typed) {
    await page.evaluate(() => { history.pushState(null, '', '/journal/new'); dispatchEvent(new PopStateEvent('popstate')); });
    await page.waitForSelector('#title');
    await page.selectOption('#project', 'prj-01');
    await page.waitForFunction(() => document.querySelector('#region')?.value === 'ML01');
    await page.fill('#locality', 'Kita');
    await page.selectOption('#activity_type', 'community_dialogue');
    await page.fill('#title', title);
    await page.fill('#women', '4');
    await page.fill('#men', '3');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  }
  const imported = Array.from({ length: 997 }, (_, i) => record(i));
  await page.evaluate(() => { history.pushState(null, '', '/journal'); dispatchEvent(new PopStateEvent('popstate')); });
  await page.waitForSelector('#journal-import');
  await page.setInputFiles('#journal-import', { name: 'lot.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(imported)) });
  await page.waitForSelector('#import-result >> text=/997 nouvelles/');
  assert.deepEqual(await states(page), { queued: 1000 });
  assert.equal(proxy.stats.sends, 0, 'nothing is tried offline');

  // Online, through every fault: 500, 429 with Retry-After, answers later
  // than the timeout, and answers lost after the server stored the record.
  proxy.faults.plan = ['500', 'drop', '429', 'delay'];
  proxy.faults.every = { n: 40, kinds: ['500', 'drop', '429', 'delay'] };
  proxy.faults.retryAfterS = 1;
  proxy.faults.delayMs = 6000;
  await context.setOffline(false);
  await page.goto(proxy.url + '/settings/sync');
  await appReady(page);

  // A reload in the middle.
  await waitUntil('200 rows', async () => (await serverIds(server.url)).length >= 200);
  await page.reload();
  await appReady(page);
  // A second tab, open while the first sends: never two requests at once.
  const second = await context.newPage();
  await second.goto(proxy.url + '/journal');
  await appReady(second);

  // 401 for a while: the queue pauses with « vérifiez vos identifiants ».
  await waitUntil('400 rows', async () => (await serverIds(server.url)).length >= 400);
  proxy.faults.unauthorizedUntil = Date.now() + 2000;
  await page.waitForSelector('#sync-paused >> text=/identifiants/', { timeout: 60000 });
  const pausedAt = proxy.stats.sends;
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal(proxy.stats.sends, pausedAt, 'paused: nothing is tried until the user says so');
  await page.click('#sync-now');

  await waitUntil('every record sent', async () => {
    const s = await states(page);
    return s.sent === 1000 ? s : null;
  });
  const ids = await serverIds(server.url);
  assert.equal(ids.length, 1000, 'exactly 1,000 rows');
  assert.equal(new Set(ids).size, 1000, 'none duplicated');
  for (const kind of ['500', '429', 'delay', 'drop', '401']) {
    assert.ok(proxy.stats.injected[kind] > 0, `${kind} was injected`);
  }
  assert.equal(proxy.stats.maxInFlight, 1, 'one send at a time, across both tabs');
  // The ones typed in the form are in the CSV.
  const csv = await fetch(server.url + '/api/activities.csv').then((r) => r.text());
  for (const t of typed) assert.ok(csv.includes(t), t);
  // The log and the journal say it.
  assert.match(await page.textContent('#sync-state'), /À envoyer\u202f: 0/);
  assert.equal(await page.locator('#sync-log tbody tr').count(), 100);
  console.log(`# faults: ${JSON.stringify(proxy.stats.injected)}, sends ${proxy.stats.sends}`);
  assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_/.test(e)), []);
  await context.close();
  await proxy.stop();
});

test('an edit saved while its record is in flight is refused and kept as a draft; the server keeps what was sent', async () => {
  const proxy = await startFaultProxy({ target: server.url });
  const context = await browser.newContext();
  const page = await context.newPage();
  await addProfile(page, proxy.url, 'Moussa Diarra');
  await configure(page, { timeout: 10 });
  await context.setOffline(true);
  const r = record(1, { title: 'Titre envoyé' });
  await seedRecords(page, [queued(r)]);
  // The form opens on the record while it is still editable…
  await page.goto(`${proxy.url}/journal/new?edit=${r.id}`);
  await appReady(page);
  await page.waitForFunction(() => document.querySelector('#title')?.value === 'Titre envoyé');
  // …then the send starts, and its answer is held 3 s.
  proxy.faults.plan = ['delay'];
  proxy.faults.delayMs = 3000;
  await context.setOffline(false);
  await page.evaluate(() => dispatchEvent(new Event('online')));
  await waitUntil('the send in flight', async () => proxy.stats.inFlight === 1, 20000);
  await page.fill('#title', 'Titre modifié pendant l\'envoi');
  await page.click('button[type=submit]');
  await page.waitForSelector('.msg.error >> text=/part vers le serveur/');
  await waitUntil('sent', async () => (await states(page)).sent === 1, 20000);
  const held = await fetch(`${server.url}/api/activities/${r.id}`).then((x) => x.json());
  assert.equal(held.record.title, 'Titre envoyé', 'the server has what was sent, once');
  // What was typed is not lost: it waits in the draft.
  const draft = (await storedTexts(page, 'drafts')).map((t) => JSON.parse(t)).find((d) => d.id === r.id);
  assert.equal(draft?.title, 'Titre modifié pendant l\'envoi');
  // And reachable: the record's page says it waits, « Corriger » starts from it.
  await page.goto(`${proxy.url}/journal/${r.id}`);
  await appReady(page);
  await page.waitForSelector('.record-status .msg.warn >> text=/ce que vous aviez saisi est gardé/');
  await page.click('button[data-action=correct]');
  await page.waitForFunction(() => document.querySelector('#title')?.value === 'Titre modifié pendant l\'envoi');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => /\/journal\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(r.id));
  const correction = await page.evaluate(() => location.pathname.split('/').pop());
  await page.goto(`${proxy.url}/journal/${r.id}`);
  await appReady(page);
  await page.waitForSelector('button[data-action=correct]');
  assert.equal(await page.locator('text=/ce que vous aviez saisi est gardé/').count(), 0, 'the draft went with the correction');
  await page.goto(`${proxy.url}/journal/${correction}`);
  await appReady(page);
  await page.waitForSelector(`dd >> text=${r.id}`);
  await context.close();
  await proxy.stop();
});

test('a plain REST collection with a read-back address: no duplicate, nothing stuck, even when answers are lost', async () => {
  const coll = await startRestCollection({ appTarget: server.url });
  const { context, page, errs } = await offlineAt(coll.url);
  const records = Array.from({ length: 30 }, (_, i) => record(i));
  await seedRecords(page, records.map(queued));
  await configure(page, { endpoint: `${coll.url}/collection`, readback: '{endpoint}/{id}', key: false, timeout: 5, backoff: 10 });
  coll.faults.dropNext = 3;
  coll.faults.failNext = 2;
  await context.setOffline(false);
  await page.click('#sync-now');
  await waitUntil('all sent', async () => (await states(page)).sent === 30);
  assert.equal(coll.records.size, 30);
  assert.equal(coll.stats.duplicates, 0, 'a lost answer is read back, not sent again');
  assert.ok(coll.stats.gets >= 3, 'read back after each lost answer');
  await context.close();
  await coll.stop();
});

test('batches of 20 and PUT to each record\'s address: a bad record is refused alone, the others sent', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const good = Array.from({ length: 45 }, (_, i) => record(i));
  const bad = record(7, { title: '' }); // refused by the server (title required)
  await queueAndSync(page, server.url, [...good.slice(0, 30), bad], { mode: 'batch', batch: 20 });
  await waitUntil('the batch run settles', async () => {
    const s = await states(page);
    return s.sent === 30 && s.refused === 1;
  });
  // The refusal carries the server's words.
  await page.goto(`${server.url}/journal/${bad.id}`);
  await appReady(page);
  await page.waitForSelector('.record-status .msg.error >> text=/Refusé par le serveur/');
  // PUT mode: the rest.
  await queueAndSync(page, server.url, good.slice(30), { mode: 'put' });
  await waitUntil('PUT run', async () => (await states(page)).sent === 45);
  const ids = await serverIds(server.url);
  for (const r of good) assert.ok(ids.includes(r.id), r.id);
  assert.ok(!ids.includes(bad.id));
  // gloo-storage keeps each value JSON-encoded: a string holding the log's JSON.
  const log = await page.evaluate(() => JSON.parse(JSON.parse(localStorage.getItem('paix.sync.log'))));
  assert.ok(log.some((e) => e.method === 'POST' && e.n === 20), 'a batch of 20 went');
  assert.ok(log.some((e) => e.method === 'PUT'), 'PUT went');
  await context.close();
});

test('an endpoint that refuses CORS pauses the queue with what it must allow', async () => {
  const noCors = await startNoCorsEndpoint();
  const context = await browser.newContext();
  const page = await context.newPage();
  await queueAndSync(page, server.url, [record(1)], { endpoint: `${noCors.url}/activities` });
  await page.waitForSelector('#sync-paused >> text=/CORS/');
  assert.match(await page.textContent('.cors-needs'), new RegExp(`Access-Control-Allow-Origin: ${server.url}`));
  const seen = noCors.stats.requests;
  await new Promise((r) => setTimeout(r, 2000));
  assert.equal(noCors.stats.requests, seen, 'not retrying forever');
  await page.click('#sync-test');
  await page.waitForSelector('#sync-test-result >> text=/CORS/');
  assert.deepEqual(await states(page), { queued: 1 });
  await context.close();
  await noCors.stop();
});

/** One record sent with `settings` to a REST collection whose CORS
 *  (`cors`: its allowHeaders or allowMethods) refuses part of the request:
 *  the queue pauses as CORS, listing `needs`, with the record still queued.
 *  Resolves with the collection's stats. */
async function pausedAsCors(cors, settings, needs) {
  const coll = await startRestCollection({ origin: server.url, ...cors });
  const context = await browser.newContext();
  const page = await context.newPage();
  await queueAndSync(page, server.url, [record(1)], { endpoint: `${coll.url}/collection`, ...settings });
  await page.waitForSelector('#sync-paused >> text=/CORS/');
  assert.match(await page.textContent('.cors-needs'), needs);
  assert.deepEqual(await states(page), { queued: 1 });
  await context.close();
  await coll.stop();
  return coll.stats;
}

test('an endpoint whose CORS leaves out Idempotency-Key pauses the queue as CORS, not as the network', async () => {
  const stats = await pausedAsCors({ allowHeaders: 'Content-Type' }, { key: true }, /Idempotency-Key/);
  assert.equal(stats.posts, 0, 'the preflight refused the POST');
});

test('an endpoint whose CORS leaves out PUT pauses a PUT queue as CORS, not as the network', async () => {
  const stats = await pausedAsCors({ allowMethods: 'GET, HEAD, POST, OPTIONS' }, { mode: 'put' }, /Access-Control-Allow-Methods: .*PUT/);
  assert.equal(stats.puts, 0, 'the preflight refused the PUT');
  assert.ok(stats.heads >= 2, 'the probe reached the endpoint after each PUT');
});

test('a refused record, corrected, goes out at once', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bad = record(3, { title: '' }); // refused by the server (title required)
  await queueAndSync(page, server.url, [bad], {});
  await waitUntil('refused', async () => (await states(page)).refused === 1);
  await addProfile(page, server.url, 'Awa Coulibaly');
  await page.goto(`${server.url}/journal/new?edit=${bad.id}`);
  await appReady(page);
  await page.waitForSelector('#title');
  await page.fill('#title', 'Titre corrigé');
  await page.click('button[type=submit]');
  await page.waitForURL(new RegExp(`/journal/${bad.id}$`));
  // Not « Synchroniser maintenant », nor the interval (5 min): the edit itself.
  await waitUntil('sent after the edit', async () => (await states(page)).sent === 1, 10000);
  const held = await fetch(`${server.url}/api/activities/${bad.id}`).then((x) => x.json());
  assert.equal(held.record.title, 'Titre corrigé');
  await context.close();
});

test('a state that cannot be stored ends the run: the server is not asked the same again and again', async () => {
  const coll = await startRestCollection({ appTarget: server.url });
  const { context, page, errs } = await offlineAt(coll.url);
  // Tried once already, and held by the server: the next run reads it back.
  const r = record(5);
  await seedRecords(page, [[`records/${r.id}`, JSON.stringify({ record: r, state: { queued: { attempts: 1 } } })]]);
  coll.records.set(r.id, r);
  await configure(page, { endpoint: `${coll.url}/collection`, readback: '{endpoint}/{id}', key: false, timeout: 5, backoff: 10 });
  // The phone's storage is full for records from now on.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (v, k) {
      if (String(k).startsWith('records/')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, v, k);
    };
  });
  await context.setOffline(false);
  await page.evaluate(() => dispatchEvent(new Event('online')));
  await waitUntil('read back', async () => coll.stats.gets >= 1);
  await new Promise((ok) => setTimeout(ok, 3000));
  assert.ok(coll.stats.gets <= 2, `read back ${coll.stats.gets} times in 3 s`);
  assert.deepEqual(await states(page), { queued: 1 }, 'still queued and tried: sent again later, same key');
  // The app lives on (a context lookup in the engine's task stopped it): it shows the problem.
  assert.deepEqual(errs.filter((e) => /unreachable|RuntimeError/.test(e)), []);
  await page.click('a[href="/journal"]');
  await page.waitForSelector('#store-refused >> text=/les envois sont arrêtés, rien n\'est perdu/');
  await context.close();
  await coll.stop();
});

test('the configuration link fills Settings only once confirmed', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const link = '/settings/sync#endpoint=https%3A%2F%2Fdb.example.org%2Factivites&mode=batch&batch=20&header=X-API-Key&value=s3cret&readback=%7Bendpoint%7D%2F%7Bid%7D';
  await page.goto(server.url + link);
  await appReady(page);
  await page.waitForSelector('#sync-offer');
  const offer = await page.textContent('#sync-offer');
  assert.match(offer, /https:\/\/db\.example\.org\/activites/);
  assert.ok(!offer.includes('s3cret'), 'the secret is not shown');
  assert.equal(await page.inputValue('#sync-endpoint'), `${server.url}/api/activities`, 'nothing applied yet');
  assert.equal(await page.evaluate(() => localStorage.getItem('paix.sync.settings')), null);
  await page.click('#sync-offer button >> text=Appliquer ces réglages');
  await page.waitForFunction(() => !document.querySelector('#sync-offer'));
  assert.equal(await page.inputValue('#sync-endpoint'), 'https://db.example.org/activites');
  assert.equal(await page.inputValue('#sync-mode'), 'batch');
  assert.equal(await page.inputValue('#sync-value'), 's3cret');
  assert.equal(await page.evaluate(() => location.hash), '', 'the values leave the address');
  // The link Settings makes carries the same, the secret only when asked.
  await page.click('.sync-link summary');
  assert.ok(!(await page.inputValue('#sync-link')).includes('s3cret'));
  await page.check('#sync-link-secret');
  assert.match(await page.inputValue('#sync-link'), /value=s3cret/);
  // A link with errors changes nothing and says why.
  await page.goto(server.url + '/about');
  await page.goto(server.url + '/settings/sync#endpoint=http%3A%2F%2Fexample.org&colour=blue');
  await appReady(page);
  await page.waitForSelector('#sync-offer >> text=/rien n\'a été changé/');
  assert.match(await page.textContent('#sync-offer'), /https:\/\//);
  assert.match(await page.textContent('#sync-offer'), /colour/);
  assert.equal(await page.inputValue('#sync-endpoint'), 'https://db.example.org/activites');
  await context.close();
});
