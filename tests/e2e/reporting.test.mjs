// The reporting pages (#15): the dashboard's totals against the project
// pages, filters kept in the URL, items linking back to their project, the
// timeline, the field panel (this device and the reference endpoint, each
// record once), and screenshots at phone and tablet sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  serverAndBrowser, watchErrors, appReady, overflowX, navigate, seedRecords, queuedEntry, newRecord, waitUntil, ARTIFACTS,
} from './helpers.mjs';
import { dataset } from './data.mjs';

const env = serverAndBrowser();

const digits = (s) => Number(s.replace(/\D/g, ''));

/** The dashboard's indicator table: label → [planned, achieved]. */
const dashboardTotals = (page) => page.$$eval('table.totals', ([t]) => Object.fromEntries(
  [...t.querySelectorAll('tbody tr')].map((tr) => [
    tr.querySelector('th').firstChild.textContent.replace(/ \([^)]*\)$/, ''),
    [...tr.querySelectorAll('td strong')].map((s) => s.textContent),
  ]),
)).then((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.map(digits)])));

const found = async (page) => digits(await page.textContent('.found'));

test('dashboard totals equal the sum over the project pages', async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(env.server.url + '/report');
  await appReady(page);
  await page.waitForSelector('table.totals');
  assert.equal(await found(page), 20);
  const totals = await dashboardTotals(page);
  const sums = {};
  for (const p of dataset.projects) {
    await navigate(page, `/projects/${p.id}`, p.title.fr);
    const rows = await page.$$eval('table.results tbody tr', (trs) => trs.map((tr) => [
      tr.querySelector('th').firstChild.textContent,
      [...tr.querySelectorAll('td strong')].map((s) => s.textContent),
    ]));
    for (const [label, [t, a]] of rows) {
      const s = (sums[label] ||= [0, 0]);
      s[0] += digits(t);
      s[1] += digits(a);
    }
  }
  assert.deepEqual(totals, sums);
  assert.equal(Object.keys(totals).length, dataset.indicators.length);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a filter narrows the totals, lives in the URL and survives a reload', async () => {
  const page = await env.browser.newPage();
  await page.goto(env.server.url + '/report');
  await appReady(page);
  await page.waitForSelector('table.totals');
  const all = await dashboardTotals(page);
  await page.selectOption('#f-region', 'ML05');
  await page.waitForURL(/\/report\?region=ML05$/);
  const mopti = dataset.projects.filter((p) => p.regions.includes('ML05'));
  await page.waitForFunction((n) => document.querySelector('.found')?.textContent.includes(String(n)), mopti.length);
  const narrowed = await dashboardTotals(page);
  assert.ok(Object.keys(narrowed).length > 0);
  for (const [label, [t, a]] of Object.entries(narrowed)) {
    assert.ok(t <= all[label][0] && a <= all[label][1], label);
  }
  assert.notDeepEqual(narrowed, all);
  // The indicator of the region and theme views joins the query.
  await page.selectOption('#f-indicator', 'ind-trained');
  await page.waitForURL(/region=ML05&ind=ind-trained/);
  await page.reload();
  await appReady(page);
  await page.waitForSelector('table.totals');
  assert.equal(await found(page), mopti.length);
  assert.deepEqual(await dashboardTotals(page), narrowed);
  assert.equal(await page.inputValue('#f-region'), 'ML05');
  assert.equal(await page.inputValue('#f-indicator'), 'ind-trained');
  // The other reporting pages keep the filters.
  assert.equal(await page.getAttribute('#report-lessons', 'href'), '/report/lessons?region=ML05&ind=ind-trained');
  await page.click('#report-lessons');
  await page.waitForURL(/\/report\/lessons\?region=ML05/);
  await page.waitForSelector('.from-project');
  const projects = new Set(await page.$$eval('.from-project', (as) => as.map((a) => a.getAttribute('href'))));
  assert.deepEqual([...projects].sort(), mopti.filter((p) => p.lessons.length).map((p) => `/projects/${p.id}`).sort());
  await page.close();
});

test('each challenge, lesson and recommendation links to its project', async () => {
  const page = await env.browser.newPage();
  await page.goto(env.server.url + '/report/challenges');
  await appReady(page);
  for (const [path, kind, text] of [
    ['/report/challenges', 'challenges', (c) => c.challenge.fr],
    ['/report/lessons', 'lessons', (l) => l.fr],
    ['/report/recommendations', 'recommendations', (r) => r.text.fr],
  ]) {
    const title = { challenges: 'Défis et solutions trouvées', lessons: 'Leçons apprises', recommendations: 'Recommandations' }[kind];
    await navigate(page, path, title);
    await page.waitForSelector('.from-project');
    const items = await page.$$eval('.cards .card', (cards) => cards.map((c) => [c.textContent, c.querySelector('.from-project').getAttribute('href')]));
    assert.equal(items.length, dataset.projects.reduce((n, p) => n + p[kind].length, 0), kind);
    for (const [content, href] of items) {
      const p = dataset.projects.find((x) => `/projects/${x.id}` === href);
      assert.ok(p, href);
      assert.ok(p[kind].some((i) => content.includes(text(i))), `${kind}: ${content} from ${p.id}`);
    }
  }
  // Recommendations come grouped by audience.
  const groups = await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent));
  assert.ok(groups.includes('Autorités') && groups.includes('OSC'), groups.join());
  // Following an item opens its project.
  const first = await page.$('.from-project');
  const href = await first.getAttribute('href');
  await first.click();
  await page.waitForURL(new RegExp(`${href}$`));
  const p = dataset.projects.find((x) => `/projects/${x.id}` === href);
  await page.waitForFunction((t) => document.querySelector('main h1')?.textContent === t, p.title.fr);
  await page.close();
});

test('the timeline shows the periods and opens a project', async () => {
  const page = await env.browser.newPage();
  await page.goto(env.server.url + '/report/timeline');
  await appReady(page);
  await page.waitForSelector('.tl-row.project');
  assert.equal(await page.$$eval('.tl-row.project', (r) => r.length), dataset.projects.length);
  assert.match(await page.textContent('.timeline'), /Cérémonie de clôture.*Radisson/);
  const p = dataset.projects[3];
  await page.click(`.tl-row.project a[href="/projects/${p.id}"]`);
  await page.waitForURL(new RegExp(`/projects/${p.id}$`));
  await page.waitForFunction((t) => document.querySelector('main h1')?.textContent === t, p.title.fr);
  await page.close();
});

test('the field panel counts this device and the endpoint, each record once, apart from the results', async () => {
  const ctx = await env.browser.newContext();
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(env.server.url + '/report');
  await appReady(page);
  await page.waitForSelector('.field-report');
  assert.match(await page.textContent('.field-report'), /Aucune activité saisie/);
  // Another phone's record, already on the server, and one it corrects.
  const other = newRecord(1, { title: 'Sur le serveur' });
  const corrected = newRecord(2, { title: 'Corrigée depuis ce téléphone' });
  for (const r of [other, corrected]) {
    const res = await fetch(env.server.url + '/api/activities', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': r.id }, body: JSON.stringify(r),
    });
    assert.equal(res.status, 201);
  }
  // This device: two records, one the correction of `corrected`.
  const mine = [newRecord(3), newRecord(4, { corrects: corrected.id, activity_type: 'training' })];
  await seedRecords(page, mine.map(queuedEntry));
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => /2 de cet appareil, 1 du serveur/.test(document.querySelector('#field-sources')?.textContent));
  const total = await page.$$eval('.field-report table', (ts) => ts.map((t) => [...t.querySelectorAll('tfoot td')].map((td) => td.textContent)));
  // 3 activities of 36 participants (14 women, 22 men, 15 young, 2 disabled).
  assert.deepEqual(total[0], ['3', '108', '42', '66', '45', '6']);
  assert.deepEqual(total[1], total[0], 'by kind and by region add up to the same total');
  assert.match(await page.textContent('.field-report'), /Formation/);
  // The records sync meanwhile; once on the server they still count once.
  await waitUntil('the device records sent', async () => {
    const r = await fetch(env.server.url + '/api/activities?limit=100').then((x) => x.json());
    return r.items.length === 4;
  }, 60000);
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => /2 de cet appareil, 1 du serveur/.test(document.querySelector('#field-sources')?.textContent));
  assert.equal(await page.textContent('.field-report tfoot td'), '3');
  // The dataset's results do not move.
  assert.equal(await found(page), 20);
  // A filter applies to the field panel too (the records are in Kayes).
  await page.selectOption('#f-region', 'ML05');
  await page.waitForFunction(() => /Aucune activité saisie/.test(document.querySelector('.field-report')?.textContent));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('reporting pages at 360×640 and 1024×768: no page-wide scroll, screenshots saved', async () => {
  for (const [width, height] of [[360, 640], [1024, 768]]) {
    const page = await env.browser.newPage({ viewport: { width, height } });
    await page.goto(env.server.url + '/report');
    await appReady(page);
    for (const [path, name] of [['/report', 'dashboard'], ['/report/challenges', 'challenges'], ['/report/recommendations', 'recommendations'], ['/report/timeline', 'timeline']]) {
      await page.goto(env.server.url + path);
      await appReady(page);
      await page.waitForSelector('main h1');
      await page.waitForSelector(name === 'dashboard' ? '.field-report' : name === 'timeline' ? '.tl-row' : '.from-project');
      assert.ok((await overflowX(page)) <= 0, `${path} at ${width}px`);
      await page.screenshot({ path: join(ARTIFACTS, `report-${name}-${width}x${height}.png`), fullPage: name !== 'timeline' });
      // The first screen alone (the README's picture is this one at 1024×768).
      if (name === 'dashboard') await page.screenshot({ path: join(ARTIFACTS, `report-${name}-${width}x${height}-screen.png`) });
    }
    // The timeline scrolls inside its box on a phone and fits on a tablet.
    const [inner, box] = await page.$eval('.timeline-wrap', (w) => [w.scrollWidth, w.clientWidth]);
    assert.ok(width < 700 ? inner > box : inner <= box, `timeline at ${width}px: ${inner} in ${box}`);
    await page.close();
  }
});
