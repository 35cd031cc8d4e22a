// The app shell: home, deep links, 404, language, 360 px layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  serverAndBrowser, watchErrors, appReady, overflowX, ARTIFACTS, DIST, launchBrowser, forceBanners, navigate,
  watchSwap, swapSeen, ROOT, staticHost,
} from './helpers.mjs';
import { dataset } from './data.mjs';

const env = serverAndBrowser();

test('home renders the app name with no console error', async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(env.server.url + '/');
  await appReady(page);
  assert.equal(await page.textContent('.brand'), 'Paix à la base');
  assert.match(await page.textContent('main h1'), /Consolidation de la paix/);
  assert.equal(await page.locator('#boot').count(), 0, 'static first paint replaced');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a deep link reloads to its page', async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(env.server.url + '/about');
  await appReady(page);
  assert.equal(await page.textContent('main h1'), 'À propos');
  await page.reload();
  await appReady(page);
  assert.equal(await page.textContent('main h1'), 'À propos');
  assert.match(await page.textContent('main'), /CC BY-IGO/, 'map attribution on About');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an unknown route shows the 404 page', async () => {
  const page = await env.browser.newPage();
  await page.goto(env.server.url + '/nowhere/at/all');
  await appReady(page);
  assert.equal(await page.textContent('main h1'), 'Page introuvable');
  await page.click('main a[href="/"]');
  await page.waitForURL(env.server.url + '/');
  await page.close();
});

test('the language switch persists after reload and sets <html lang>', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.server.url + '/');
  await appReady(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.textContent('nav'), /Home/);
  await page.reload();
  await appReady(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('nav'), /Home/);
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.match(await page.textContent('nav'), /Accueil/);
  await context.close();
});

test('no horizontal scroll at 360×640', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  for (const path of ['/', '/about', '/nowhere']) {
    await page.goto(env.server.url + path);
    await appReady(page);
    assert.ok((await overflowX(page)) <= 0, `${path} scrolls sideways`);
  }
  await page.screenshot({ path: `${ARTIFACTS}/shell-360.png`, fullPage: true });
  await context.close();
});

test('over plain HTTP (not a secure context) a notice says what does not work, and closes', async () => {
  // Chromium treats http://127.0.0.1 as secure; a name mapped to it is not.
  const browser = await launchBrowser(['--host-resolver-rules=MAP paix.test 127.0.0.1']);
  try {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const port = new URL(env.server.url).port;
    await page.goto(`http://paix.test:${port}/`);
    await appReady(page);
    assert.equal(await page.evaluate(() => window.isSecureContext), false);
    const notice = page.locator('.banner.insecure');
    await notice.waitFor();
    assert.match(await notice.textContent(), /hors ligne.*installation.*protection des données.*https:\/\//);
    await page.click('.lang-switch');
    await page.waitForFunction(() => /offline use/.test(document.querySelector('.banner.insecure')?.textContent));
    await notice.locator('button').click();
    await notice.waitFor({ state: 'detached' });
    assert.deepEqual(errors.filter((e) => !/service worker/i.test(e)), []);
    // Served from 127.0.0.1 (a secure context) there is no notice.
    await page.goto(env.server.url + '/');
    await appReady(page);
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.banner.insecure').count(), 0);
  } finally {
    await browser.close();
  }
});

test('with the update banner and the iOS install steps shown, the end of every page can be reached and clicked', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await page.goto(env.server.url + '/about');
  await appReady(page);
  await forceBanners(page);
  const pages = [
    ['/', dataset.programme.name.fr], ['/about', 'À propos'], ['/organisations', 'Organisations de la société civile'],
    ['/regions/ML10', 'Ménaka'], ['/projects/prj-01', dataset.projects[0].title.fr], ['/logframe', 'Cadre logique'],
    ['/settings', 'Réglages'], ['/organisations/osc-01', null],
  ];
  for (const [path, heading] of pages) {
    if (heading) await navigate(page, path, heading);
    else await page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
    await page.waitForFunction((p) => location.pathname === p && document.querySelector('main h1'), path);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const { last, banners, view } = await page.evaluate(() => {
      let e = document.querySelector('main');
      while (e.lastElementChild) e = e.lastElementChild;
      return {
        last: e.getBoundingClientRect().bottom,
        banners: document.querySelector('.banners').getBoundingClientRect().top,
        view: window.innerHeight,
      };
    });
    assert.ok(banners - 200 > 0 && banners < view, `${path}: the banners are on screen (top ${banners})`);
    assert.ok(last <= banners + 0.5, `${path}: the page ends at ${last} px, under the banners from ${banners} px`);
  }
  // The last link of a page, scrolled to and clicked as a user would.
  await page.evaluate(() => { history.pushState(null, '', '/organisations'); dispatchEvent(new PopStateEvent('popstate')); });
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Organisations de la société civile');
  const href = await page.$$eval('main a', (as) => as[as.length - 1].getAttribute('href'));
  await page.locator('main a').last().click({ timeout: 5000 });
  await page.waitForURL(env.server.url + href);
  await page.screenshot({ path: `${ARTIFACTS}/banners-360.png` });
  // Each banner can be put away.
  await page.click('.banner.update button:has-text("Plus tard")');
  await page.click('.banner.install button:has-text("Plus tard")');
  await page.waitForFunction(() => !document.querySelector('.banners .banner'));
  await context.close();
});

test('a reachability event re-inserts no banner; live regions stay the same elements', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(env.server.url + '/projects');
  await appReady(page);
  await forceBanners(page);
  await page.waitForFunction(() => document.querySelector('.net')?.textContent === 'En ligne');
  const update = await page.$('.banner.update');
  const net = await page.$('.net');
  const found = await page.$('.found');
  await page.evaluate(() => {
    window.__added = [];
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) window.__added.push(n.nodeName);
    }).observe(document.querySelector('.banners'), { childList: true, subtree: true });
    window.paixPwa.online = false;
    dispatchEvent(new CustomEvent('paix:reachability', { detail: { online: false } }));
  });
  await page.waitForFunction(() => document.querySelector('.net').textContent === 'Hors ligne');
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => window.__added), [], 'no banner inserted again');
  assert.ok(await update.evaluate((e) => e.isConnected), 'the update banner is the same element');
  assert.ok(await net.evaluate((e) => e.isConnected), 'the connection indicator is the same element');
  assert.equal(await net.getAttribute('role'), 'status', 'a status, not an alert');
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  // The search's live region: same element, new text.
  await page.fill('#q', 'segou');
  await page.waitForFunction(() => document.querySelector('.found').textContent === '4 projets trouvés');
  assert.ok(await found.evaluate((e) => e.isConnected), 'the results count is the same element');
  await page.close();
});

test('the title follows a language switch on every page, /projects and /settings included', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  for (const [path, fr, en] of [
    ['/projects', 'Projets — Paix à la base', 'Projects — Paix à la base'],
    ['/settings', 'Réglages — Paix à la base', 'Settings — Paix à la base'],
    ['/about', 'À propos — Paix à la base', 'About — Paix à la base'],
  ]) {
    await page.goto(env.server.url + path);
    await appReady(page);
    await page.waitForFunction((t) => document.title === t, fr);
    await page.click('.lang-switch');
    await page.waitForFunction((t) => document.title === t, en, { timeout: 5000 });
    await page.click('.lang-switch');
    await page.waitForFunction((t) => document.title === t, fr, { timeout: 5000 });
  }
  await context.close();
});

test('the first paint before the app starts is in the stored language', async () => {
  // No service worker: it would serve the app past the blocked route.
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(env.server.url + '/');
  await appReady(page);
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  // Next visit with the app held back: only the static first paint shows.
  await page.route(/_bg\.bin$/, (route) => route.abort());
  await page.goto(env.server.url + '/');
  await page.waitForSelector('#boot');
  const visible = () => page.$$eval('#boot h1, #boot h2, #boot .skeleton, #boot nav',
    (els) => els.filter((e) => e.checkVisibility()).map((e) => e.textContent).join(' '));
  const en = await visible();
  assert.match(en, /Home.*Projects/);
  assert.match(en, /Map of the regions/);
  assert.doesNotMatch(en, /Accueil|Carte des régions|Loading/);
  // And French when French is stored.
  await page.evaluate(() => localStorage.setItem('paix.pref.lang', '"fr"'));
  await page.reload();
  assert.match(await visible(), /Accueil.*Projets.*Carte des régions/);
  // Another page: the loading line, not the home page.
  await page.goto(env.server.url + '/about');
  const about = await visible();
  assert.match(about, /Chargement…/);
  assert.doesNotMatch(about, /Carte des régions/);
  await context.close();
});

test('on a slow start the home page and its map are drawn from the HTML, as the app then draws them', async () => {
  for (const [width, height] of [[360, 640], [1024, 768]]) {
    const context = await env.browser.newContext({ serviceWorkers: 'block', viewport: { width, height } });
    const page = await context.newPage();
    await page.route(/_bg\.bin$/, (route) => route.abort());
    await page.goto(env.server.url + '/');
    // The regions, coloured from the embedded data, before any wasm ran.
    const regions = await page.$$eval('#boot [data-lang="fr"] .map path.region',
      (ps) => ps.filter((p) => p.checkVisibility()).map((p) => p.getAttribute('class')));
    assert.ok(regions.length >= 10, `${regions.length} regions drawn`);
    assert.ok(regions.some((c) => /\bc[1-4]\b/.test(c)), 'coloured by the data');
    // Nothing in it looks live: no link role, nothing focusable but real links.
    assert.equal(await page.locator('#boot [tabindex], #boot [role="link"], #boot [data-href]').count(), 0);
    assert.equal(await page.locator('#boot button:not([disabled])').count(), 0);
    const early = await page.$eval('#boot section.home[data-lang="fr"]', (e) => e.innerText);
    const box = await page.$eval('#boot [data-lang="fr"] .map', (e) => JSON.stringify(e.getBoundingClientRect()));
    // Then the app: the same page in the same place.
    await page.unroute(/_bg\.bin$/);
    await page.goto(env.server.url + '/');
    await appReady(page);
    assert.equal(await page.locator('#boot').count(), 0);
    assert.equal(await page.$eval('main#main section.home', (e) => e.innerText), early, `${width} px: same text`);
    assert.equal(await page.$eval('main#main .map', (e) => JSON.stringify(e.getBoundingClientRect())), box, `${width} px: same place`);
    await context.close();
  }
});

test('a first visit: the app takes the first paint\'s place whole, in one frame, and nothing moves', async () => {
  // The data may be read before start-up's tasks are over (the database
  // opens while the wasm compiles): the header, the page and the banners
  // must still come together, not one task at a time with frames between.
  for (let i = 0; i < 4; i++) {
    const context = await env.browser.newContext({ serviceWorkers: 'block', viewport: { width: 412, height: 823 } });
    await watchSwap(context);
    const page = await context.newPage();
    // A slower CPU, as on a phone: the database answers sooner against the
    // app's own work, and the data comes before start-up is over.
    await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(env.server.url + '/');
    const seen = await swapSeen(page);
    assert.equal(seen.whole, true, `visit ${i}: the app's first frame has its header and the whole home page`);
    assert.equal(seen.shift, 0, `visit ${i}: layout shift; moved: ${seen.moved.join('; ')}`);
    await context.close();
  }
});

test('a page that comes in pieces is not drawn before it is whole: nothing moves', async () => {
  // As over 2G: the page stops inside the header's language switch, its
  // text still to come. A frame drawn then showed the switch empty, and it
  // moved when its text came (seen once in CI at 4× CPU, where the parser
  // had paused there).
  const html = readFileSync(join(DIST, 'index.html'));
  const button = /<button[^>]*class="?lang-switch[^>]*>/.exec(html.toString('latin1'));
  const host = await staticHost(DIST, { at: button.index + button[0].length, ms: 800 });
  const context = await env.browser.newContext({ serviceWorkers: 'block', viewport: { width: 412, height: 823 } });
  await watchSwap(context);
  const page = await context.newPage();
  await page.goto(host.url + '/', { waitUntil: 'commit' });
  const seen = await swapSeen(page);
  assert.equal(seen.whole, true, "the app's first frame has its header and the whole home page");
  assert.equal(seen.shift, 0, `layout shift; moved: ${seen.moved.join('; ')}`);
  await context.close();
  await host.stop();
});

test('with other data stored, the first paint does not show the embedded samples', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route(/_bg\.bin$/, (route) => route.abort());
  await page.goto(env.server.url + '/');
  await page.evaluate(() => localStorage.setItem('paix.data.stored', '"0123456789abcdef"'));
  await page.reload();
  await page.waitForSelector('#boot');
  assert.equal(await page.locator('#boot .map').first().isVisible(), false);
  assert.equal(await page.locator('#boot [data-lang="fr"] .skeleton').isVisible(), true);
  await context.close();
});

test('the shell as the service worker serves it: no static home pages, the loading line on /', async () => {
  // The worker's own cut (sw.js, `HOME`), applied here to the built page:
  // read from the source, and found as it is in the built (minified) worker.
  const [, source] = readFileSync(join(ROOT, 'public', 'sw.js'), 'utf8').match(/const HOME = \/(.+)\/g;/);
  assert.ok(readFileSync(join(DIST, 'sw.js'), 'utf8').includes(`/${source}/g`), 'the built worker cuts with the same expression');
  const built = readFileSync(join(DIST, 'index.html'), 'utf8');
  const cut = built.replace(new RegExp(source, 'g'), '');
  assert.ok(cut.length < built.length / 2, `${cut.length} bytes left of ${built.length}`);
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route(/_bg\.bin$/, (route) => route.abort());
  await page.route((url) => url.pathname === '/', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: cut }));
  await page.goto(env.server.url + '/');
  await page.waitForSelector('#boot');
  assert.equal(await page.locator('#boot .home').count(), 0);
  assert.equal(await page.locator('#boot [data-lang="fr"] .skeleton').isVisible(), true);
  assert.equal(await page.locator('#boot [data-lang="fr"] nav').isVisible(), true);
  assert.equal(await page.locator('#boot [data-lang="en"] .skeleton').isVisible(), false);
  await context.close();
});
