// Browsing the programme: counts, search, filters in the URL, every record
// page, sample marks, 360 px layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, watchErrors, appReady, overflowX, navigate } from './helpers.mjs';
import { dataset, inScope } from './data.mjs';

const env = serverAndBrowser();

const foundCount = async (page) => Number((await page.textContent('.found')).match(/\d+/)[0]);

test('home shows the programme counts from the data: 20 / 42 / 8', async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(env.server.url + '/');
  await appReady(page);
  const stats = await page.$$eval('.stats strong', (els) => els.map((e) => Number(e.textContent)));
  assert.deepEqual(stats, [dataset.projects.length, dataset.organisations.length, inScope.length]);
  assert.deepEqual(stats, [20, 42, 8]);
  assert.match(await page.textContent('.objective'), /Augmenter le sentiment de sécurité et de cohésion sociale/);
  assert.match(await page.textContent('main'), /Radisson, Bamako/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('accent-insensitive search narrows the list', async () => {
  const page = await env.browser.newPage();
  await page.goto(env.server.url + '/projects');
  await appReady(page);
  assert.equal(await foundCount(page), 20);
  await page.fill('#q', 'segou');
  await page.waitForFunction(() => !/\b20\b/.test(document.querySelector('.found').textContent));
  const n = await foundCount(page);
  const expected = dataset.projects.filter((p) => p.regions.includes('ML04')).length;
  assert.ok(n >= expected && n > 0 && n < 20, `segou found ${n}`);
  // The URL follows once typing pauses.
  await page.waitForURL(/[?&]q=segou/);
  const cards = await page.$$eval('.cards .card', (els) => els.map((e) => e.textContent));
  for (const text of cards) assert.match(text, /Ségou|S[ée]gou/i);
  await page.fill('#q', 'zzzz-nothing');
  await page.waitForSelector('text=Aucun projet ne correspond');
  assert.equal(await foundCount(page), 0);
  // A filter chosen before the text reached the URL takes the text along.
  await page.fill('#q', 'radio');
  await page.selectOption('#f-region', 'ML05');
  await page.waitForURL(/q=radio&region=ML05/);
  assert.equal(await page.inputValue('#q'), 'radio');
  // Clearing wins over text still waiting for the URL.
  await page.fill('#q', 'femmes');
  await page.click('#f-clear');
  await page.waitForURL(/\/projects$/);
  await page.waitForTimeout(500);
  assert.ok(page.url().endsWith('/projects'), page.url());
  assert.equal(await page.inputValue('#q'), '');
  assert.equal(await foundCount(page), 20);
  await page.close();
});

test('a filter in the URL survives reload', async () => {
  const page = await env.browser.newPage();
  await page.goto(env.server.url + '/projects');
  await appReady(page);
  await page.selectOption('#f-region', 'ML05');
  await page.waitForURL(/region=ML05/);
  const expected = dataset.projects.filter((p) => p.regions.includes('ML05')).length;
  assert.equal(await foundCount(page), expected);
  await page.reload();
  await appReady(page);
  assert.equal(await page.inputValue('#f-region'), 'ML05');
  assert.equal(await foundCount(page), expected);

  const theme = dataset.projects[0].theme;
  await page.goto(`${env.server.url}/projects?theme=${theme}&cso=${dataset.projects[0].lead}`);
  await appReady(page);
  assert.equal(await page.inputValue('#f-theme'), theme);
  const both = dataset.projects.filter((p) => p.theme === theme
    && [p.lead, ...p.partners].includes(dataset.projects[0].lead)).length;
  assert.equal(await foundCount(page), both);
  await page.click('text=Effacer la recherche et les filtres');
  await page.waitForURL(env.server.url + '/projects');
  assert.equal(await foundCount(page), 20);
  await page.close();
});

test('every project and CSO page opens from the lists, marked as sample, without console error', async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  for (const [list, records] of [['/projects', dataset.projects], ['/organisations', dataset.organisations]]) {
    await page.goto(env.server.url + list);
    await appReady(page);
    const hrefs = await page.$$eval('.cards .card-title', (els) => els.map((e) => e.getAttribute('href')));
    assert.equal(hrefs.length, records.length, `${list} lists every record`);
    const badges = await page.locator('.cards .badge.sample').count();
    assert.equal(badges, records.length, `${list}: every sample card is marked`);
    for (const href of hrefs) {
      await page.click(`.cards a[href="${href}"]`);
      await page.waitForURL(env.server.url + href);
      const h1 = await page.textContent('main h1');
      assert.ok(h1 && h1.length > 3, `${href} has a title`);
      assert.ok(await page.isVisible('main .badge.sample'), `${href} shows the sample badge`);
      assert.notEqual(h1, 'Page introuvable');
      await page.goBack();
      await page.waitForURL(env.server.url + list);
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a project page shows its story: results table with bars, challenges, lessons, recommendations', async () => {
  const page = await env.browser.newPage();
  const p = dataset.projects[0];
  await page.goto(`${env.server.url}/projects/${p.id}`);
  await appReady(page);
  assert.equal(await page.textContent('main h1'), p.title.fr);
  assert.equal(await page.locator('table.results tbody tr').count(), p.results.length);
  assert.equal(await page.locator('.bar.achieved').count(), p.results.length);
  const main = await page.textContent('main');
  assert.ok(main.includes(p.challenges[0].solution.fr));
  assert.ok(main.includes(p.lessons[0].fr));
  assert.ok(main.includes(p.recommendations[0].text.fr));
  await page.click('.lang-switch');
  await page.waitForFunction((t) => document.querySelector('main h1').textContent === t, p.title.en);
  await page.click('.lang-switch');
  await page.close();
});

test('unknown record ids show a clear not-found page', async () => {
  const page = await env.browser.newPage();
  for (const path of ['/projects/nope', '/organisations/nope', '/regions/ML99']) {
    await page.goto(env.server.url + path);
    await appReady(page);
    assert.match(await page.textContent('main h1'), /introuvable/);
  }
  await page.close();
});

/** Every page's path with its <h1> in French, written out or read from
 *  data/dataset.json (not from the app's code). */
const PAGES = [
  ['/', dataset.programme.name.fr],
  ['/projects', 'Projets'],
  ['/organisations', 'Organisations de la société civile'],
  ['/regions', 'Régions'],
  ['/logframe', 'Cadre logique'],
  ['/about', 'À propos'],
  ['/settings', 'Réglages'],
  ...dataset.projects.map((p) => [`/projects/${p.id}`, p.title.fr]),
  ...dataset.organisations.map((o) => [`/organisations/${o.id}`, o.acronym ? `${o.name} (${o.acronym})` : o.name]),
  ...dataset.regions.map((r) => [`/regions/${r.id}`, r.name]),
];

test('no horizontal scroll at 360 px on any page', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await page.goto(env.server.url + '/about');
  await appReady(page);
  for (const [path, heading] of PAGES) {
    // Client-side navigation (as a user would), then measure the new page.
    await navigate(page, path, heading);
    assert.ok((await overflowX(page)) <= 0, `${path} scrolls sideways`);
  }
  await context.close();
});

/** Words of table cells drawn on more than one line (cut without a hyphen). */
function cutWords(page) {
  return page.evaluate(() => {
    const cut = [];
    for (const cell of document.querySelectorAll('main table th, main table td')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.data.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          if (range.getClientRects().length > 1) cut.push(m[0]);
        }
      }
    }
    return cut;
  });
}

test('at 360 px table cells break between words, never inside one', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  // prj-01's results name « Comités locaux de paix mis en place ou redynamisés ».
  for (const path of ['/projects/prj-01', '/logframe', ...dataset.projects.slice(1).map((p) => `/projects/${p.id}`)]) {
    await page.goto(env.server.url + path);
    await appReady(page);
    await page.waitForSelector('main table');
    assert.deepEqual(await cutWords(page), [], `${path}: words cut`);
    assert.ok((await overflowX(page)) <= 0, `${path} scrolls sideways`);
  }
  await context.close();
});

test('a CSO page lists each of its projects once, with its role', async () => {
  const page = await env.browser.newPage();
  // osc-22 is a partner of prj-10 only (data/dataset.json).
  await page.goto(env.server.url + '/organisations/osc-22');
  await appReady(page);
  assert.equal(await page.locator('main a[href="/projects/prj-10"]').count(), 1);
  assert.match(await page.textContent('main .card .role'), /Rôle\u202f: partenaire/);
  await page.close();
});
