// The installable, offline app: manifest and icons, the service worker's
// precache, offline reloads with the server stopped, the update flow, and the
// reachability probe. Each test uses its own on-disk profile (service workers
// and install checks need one) and its own server; "offline" means the server
// is stopped, since Playwright's setOffline does not cover the worker's fetches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import vm from 'node:vm';
import { join, relative, sep } from 'node:path';
import {
  ROOT, DIST, startServer, launchBrowser, launchPersistent, appReady, swControlled, pngSize, cacheNames,
  watchSwap, swapSeen, staticHost,
} from './helpers.mjs';

const EVENTS = ['paix:update-ready', 'paix:reachability', 'paix:install-available', 'paix:installed'];

/** A persistent profile whose pages record the paix:* events in window.__paixEvents. */
async function openProfile() {
  const profile = await launchPersistent();
  const page = profile.context.pages()[0] ?? await profile.context.newPage();
  await page.addInitScript((names) => {
    window.__paixEvents = [];
    for (const name of names) {
      window.addEventListener(name, (e) => window.__paixEvents.push({ name, detail: e.detail ?? null }));
    }
  }, EVENTS);
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  return { ...profile, page, pageErrors };
}

/** VERSION and PRECACHE paths written into a build's sw.js. */
function precacheOf(dist) {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const version = sw.match(/^const VERSION = '([0-9a-f]{16})';$/m)?.[1];
  const paths = [...sw.matchAll(/^ {2}\["([^"]+)", "sha256-[A-Za-z0-9+/=]+"\],$/gm)].map((m) => m[1]);
  return { version, paths };
}

function filesOf(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push('/' + relative(dir, join(d, e.name)).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Every URL stored in any Cache Storage cache of the page's origin. */
function cachedUrls(page) {
  return page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    }
    return urls.sort();
  });
}

/** Evaluates fn in the page until it returns a truthy value (awaiting it,
 *  which page.waitForFunction does not do for a promise); fails after timeout. */
async function eventually(page, fn, arg, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > end) throw new Error(`not true after ${timeout} ms: ${fn}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the origin has only the cache of that version. */
const cacheIs = (page, version) => eventually(page, async (v) => {
  const names = await caches.keys();
  return names.length === 1 && names[0] === `paix-precache-${v}`;
}, version);

/** Waits until that version's cache exists and holds count files. */
const cacheFilled = (page, version, count) => eventually(page, async ([n, c]) =>
  await caches.has(n) && (await (await caches.open(n)).keys()).length === c,
[`paix-precache-${version}`, count]);

const ping = (page) => page.evaluate(() =>
  fetch('/api/ping').then((r) => `status ${r.status}`, () => 'failed'));

test('the precache list names exactly the files of the build, with a content version', () => {
  const { version, paths } = precacheOf(DIST);
  assert.ok(version, 'sw.js carries a VERSION');
  // Every file but the worker, compressed siblings, the install icons
  // (the browser fetches those itself when installing) and the server's
  // csp.txt.
  const expected = filesOf(DIST).filter((p) => p !== '/sw.js' && !/\.(br|gz)$/.test(p)
    && !p.startsWith('/icons/') && p !== '/csp.txt');
  assert.deepEqual(paths, expected);
  for (const must of ['/index.html', '/manifest.webmanifest', '/favicon.svg']) {
    assert.ok(paths.includes(must), must);
  }
  // pwa.js travels in the loader (scripts/minify.mjs).
  const loader = paths.find((p) => /^\/paix-base-[0-9a-f]+\.js$/.test(p));
  assert.ok(loader && readFileSync(join(DIST, loader), 'utf8').includes('paixPwa'), 'the loader, pwa.js in it');
  assert.ok(!paths.some((p) => /^\/pwa/.test(p)), 'no pwa.js of its own');
  assert.ok(!paths.some((p) => p.startsWith('/icons/')), 'icons are not precached');
  assert.ok(paths.some((p) => p.endsWith('_bg.bin')) && paths.some((p) => p.endsWith('.css')));
  // Running the hook again on the same build changes nothing.
  const dir = mkdtempSync(join(tmpdir(), 'paix-dist-'));
  try {
    cpSync(DIST, dir, { recursive: true });
    execFileSync('node', [join(ROOT, 'scripts', 'sw-precache.mjs'), dir], { stdio: 'ignore' });
    assert.equal(readFileSync(join(dir, 'sw.js'), 'utf8'), readFileSync(join(DIST, 'sw.js'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The built worker's functions, run in a bare context (no browser). */
function workerScope() {
  const scope = { Response, Headers, URL, TextEncoder, console, self: { addEventListener() {}, location: { origin: 'http://app' } } };
  vm.runInNewContext(readFileSync(join(DIST, 'sw.js'), 'utf8'), scope);
  return scope;
}

test("the worker's light shell: home sections cut and the wasm preloaded for its own build only", async () => {
  const { light } = workerScope();
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const wasm = precacheOf(DIST).paths.find((p) => p.endsWith('_bg.bin'));
  assert.ok(html.includes('<section class="page home"') && html.includes(wasm));

  const lit = await light(new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
  const text = await lit.text();
  assert.ok(!text.includes('<section class="page home"'), 'no static home page');
  assert.ok(text.includes('<section class="page loading"'), 'the loading line stays');
  const preload = text.indexOf(`<link rel=preload href="${wasm}" as=fetch`);
  assert.ok(preload >= 0 && preload < text.indexOf('<title>'), 'the wasm preloaded, before the title');
  assert.equal(lit.headers.get('Content-Type'), 'text/html; charset=utf-8');

  // Kept without its type, the page is still served as HTML, not as text.
  const untyped = await light(new Response(new TextEncoder().encode(html)));
  assert.equal(untyped.headers.get('Content-Type'), 'text/html; charset=utf-8');

  // Another build's page (fetched when this build's cache could not be
  // filled) names another wasm: served as it is, with its home pages.
  const other = new Response(html.replaceAll(wasm, wasm.replace(/-[0-9a-f]+_bg/, '-0123456789abcdef_bg')));
  assert.equal(await light(other), other);
  const missing = new Response(html, { status: 404 });
  assert.equal(await light(missing), missing);
});

test('installable: Chromium reports no installability error; manifest and icons are right', async () => {
  const server = await startServer();
  const { context, page, pageErrors, close } = await openProfile();
  try {
    await page.goto(server.url + '/');
    await appReady(page);
    await swControlled(page);

    const cdp = await context.newCDPSession(page);
    const manifestCheck = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifestCheck.errors, [], 'manifest parses without error');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);

    const res = await fetch(server.url + '/manifest.webmanifest');
    assert.equal(res.headers.get('content-type'), 'application/manifest+json');
    const m = await res.json();
    assert.equal(m.name, 'Paix à la base');
    assert.equal(m.short_name, 'Paix');
    assert.equal(m.lang, 'fr');
    assert.ok(m.description.length > 20);
    assert.equal(m.start_url, '/');
    assert.equal(m.scope, '/');
    assert.equal(m.display, 'standalone');
    assert.equal(m.theme_color, '#1f5f4a');
    assert.equal(m.background_color, '#f6f1e7');
    const seen = [];
    for (const icon of m.icons) {
      const bytes = Buffer.from(await (await fetch(server.url + icon.src)).arrayBuffer());
      const size = pngSize(bytes);
      assert.ok(size, `${icon.src} is a PNG`);
      assert.equal(`${size.width}x${size.height}`, icon.sizes, icon.src);
      assert.equal(icon.type, 'image/png');
      assert.ok(bytes.length < 10000, `${icon.src} is small (${bytes.length} B)`);
      seen.push(`${icon.sizes} ${icon.purpose}`);
    }
    for (const want of ['192x192 any', '512x512 any', '512x512 maskable']) assert.ok(seen.includes(want), want);

    const apple = await page.getAttribute('link[rel="apple-touch-icon"]', 'href');
    const appleBytes = Buffer.from(await (await fetch(server.url + apple)).arrayBuffer());
    assert.deepEqual(pngSize(appleBytes), { width: 180, height: 180 });
    assert.equal(await page.getAttribute('meta[name="theme-color"]', 'content'), '#1f5f4a');
    assert.equal(await page.getAttribute('link[rel="manifest"]', 'href'), '/manifest.webmanifest');

    // The worker's cache holds exactly the build's files, under its version.
    const { version, paths } = precacheOf(DIST);
    assert.deepEqual(await cacheNames(page), [`paix-precache-${version}`]);
    assert.deepEqual(await cachedUrls(page), [...paths].sort());
    assert.equal(await page.evaluate(() => window.paixPwa.version()), version);
    assert.equal(await page.evaluate(() => window.paixPwa.standalone()), false);
    assert.equal(await page.evaluate(() => window.paixPwa.isIos()), false);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
    await server.stop();
  }
});

test('offline after one visit: / and a deep link render with the server stopped; the probe follows the server', async () => {
  let server = await startServer();
  const { page, pageErrors, close } = await openProfile();
  try {
    await page.goto(server.url + '/');
    await appReady(page);
    await swControlled(page);
    assert.equal(await page.evaluate(() => window.paixPwa.probe()), true);
    assert.equal(await page.evaluate(() => window.paixPwa.online), true);

    const addr = server.addr;
    await server.stop();

    await watchSwap(page.context());
    // A phone's slower CPU (see the first visit's test in shell.test.mjs).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`http://${addr}/`);
    await appReady(page);
    // The app takes the light shell's place whole, in one frame.
    const swap = await swapSeen(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    assert.equal(swap.whole, true, "the app's first frame has its header and the whole home page");
    assert.equal(swap.shift, 0, `layout shift; moved: ${swap.moved.join('; ')}`);
    assert.equal(await page.textContent('.brand'), 'Paix à la base');
    assert.match(await page.textContent('main h1'), /Consolidation de la paix/);
    assert.equal(await page.locator('#boot').count(), 0);
    // The worker's shell: the static home pages cut (the app draws the home
    // page at once from the cache), the wasm preloaded and fetched once.
    const shell = await page.evaluate(() => ({
      size: performance.getEntriesByType('navigation')[0].decodedBodySize,
      preload: document.querySelector('link[rel=preload][as=fetch]')?.getAttribute('href'),
      wasm: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('_bg.bin')).map((e) => e.initiatorType),
    }));
    const built = readFileSync(join(DIST, 'index.html'), 'utf8');
    assert.match(built, /<section class="page home" data-lang="fr">/, 'the build has the static home pages');
    assert.ok(shell.size < built.length / 2, `${shell.size} bytes served against ${built.length} built`);
    assert.match(shell.preload, /^\/paix-base-[0-9a-f]+_bg\.bin$/);
    assert.deepEqual(shell.wasm, ['link']);

    await page.goto(`http://${addr}/about`);
    await appReady(page);
    assert.equal(await page.textContent('main h1'), 'À propos');
    assert.equal(await page.textContent('.brand'), 'Paix à la base');

    // Reachability: the first probe of this page already failed, or does now.
    assert.equal(await page.evaluate(() => window.paixPwa.probe(2000)), false);
    assert.equal(await page.evaluate(() => window.paixPwa.online), false);
    await page.waitForFunction(() => window.__paixEvents.some(
      (e) => e.name === 'paix:reachability' && e.detail.online === false));
    // The header's indicator says so, in the user's language.
    await page.waitForSelector('.net.offline');
    assert.equal(await page.textContent('.net'), 'Hors ligne');

    // The server comes back on the same port: the probe loop notices.
    server = await startServer({ addr });
    await page.evaluate(() => { window.paixPwa.probeIntervalMs = 200; });
    await page.waitForFunction(() => window.paixPwa.online === true, null, { timeout: 10000 });
    const last = await page.evaluate(() => window.__paixEvents.filter((e) => e.name === 'paix:reachability').at(-1));
    assert.deepEqual(last.detail, { online: true });
    await page.waitForSelector('.net.online');
    assert.equal(await page.textContent('.net'), 'En ligne');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
    await server.stop();
  }
});

test('never a mix: /api is never answered nor stored by the worker', async () => {
  let server = await startServer();
  const { page, close } = await openProfile();
  try {
    await page.goto(server.url + '/');
    await appReady(page);
    await swControlled(page);
    assert.equal(await ping(page), 'status 200');
    await page.evaluate(() => fetch('/api/dataset').catch(() => null));
    await page.evaluate(() => fetch('/api/ping', { method: 'POST' }).catch(() => null));
    const urls = await cachedUrls(page);
    assert.ok(urls.length > 0);
    assert.ok(!urls.some((u) => u.startsWith('/api')), `no API response cached: ${urls}`);

    const addr = server.addr;
    await server.stop();
    assert.equal(await ping(page), 'failed', 'a stopped server is not hidden by a cached answer');
    assert.equal(await page.evaluate(() => window.paixPwa.probe(2000)), false);
    assert.equal(await page.evaluate(() => fetch('/api/dataset').then(() => 'answered', () => 'failed')), 'failed');
    server = await startServer({ addr });
    assert.equal(await ping(page), 'status 200');
  } finally {
    await close();
    await server.stop();
  }
});

/** A copy of the build with its CSS changed the way a new build changes it:
 *  a new hashed name, index.html pointing at it, the precache list rewritten
 *  by the hook script, the .br/.gz siblings made again. */
function makeNextBuild() {
  const dir = mkdtempSync(join(tmpdir(), 'paix-dist-next-'));
  cpSync(DIST, dir, { recursive: true });
  const oldName = readdirSync(dir).find((n) => /-[0-9a-f]{12,16}\.css$/.test(n));
  const oldCss = readFileSync(join(dir, oldName));
  const newCss = Buffer.concat([oldCss, Buffer.from('\n.brand{letter-spacing:3px}\n')]);
  const newName = oldName.replace(/-[0-9a-f]{12,16}\.css$/,
    `-${createHash('sha256').update(newCss).digest('hex').slice(0, 16)}.css`);
  const sri = (b) => 'sha384-' + createHash('sha384').update(b).digest('base64');
  for (const f of [oldName, `${oldName}.br`, `${oldName}.gz`]) rmSync(join(dir, f), { force: true });
  writeFileSync(join(dir, newName), newCss);
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  assert.ok(html.includes(oldName));
  writeFileSync(join(dir, 'index.html'),
    html.replaceAll(oldName, newName).replaceAll(sri(oldCss), sri(newCss)));
  execFileSync('node', [join(ROOT, 'scripts', 'sw-precache.mjs'), dir], { stdio: 'ignore' });
  execFileSync(join(ROOT, 'scripts', 'precompress.sh'), [dir], { stdio: 'ignore' });
  // The wasm did not change: the new worker takes it from the old cache (or
  // the HTTP cache) instead of downloading it again, so the new server can
  // even lack it.
  const wasm = readdirSync(dir).filter((n) => /_bg\.bin(\.br|\.gz)?$/.test(n));
  assert.equal(wasm.length, 3);
  for (const f of wasm) rmSync(join(dir, f));
  return { dir, oldName, newName };
}

const brandSpacing = (page) => page.evaluate(() => getComputedStyle(document.querySelector('.brand')).letterSpacing);
const loadedCss = (page) => page.evaluate(() => performance.getEntriesByType('resource')
  .map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.css')));

test('update: a new build waits for the page, then replaces the old one whole', async () => {
  const next = makeNextBuild();
  let server = await startServer();
  const { page, pageErrors, close } = await openProfile();
  try {
    const v1 = precacheOf(DIST).version;
    const v2 = precacheOf(next.dir).version;
    assert.notEqual(v1, v2);

    await page.goto(server.url + '/');
    await appReady(page);
    await swControlled(page);
    assert.equal(await page.evaluate(() => window.paixPwa.version()), v1);
    assert.equal(await page.evaluate(() => window.paixPwa.updateReady), false);

    const addr = server.addr;
    await server.stop();
    server = await startServer({ dist: next.dir, addr });

    // The reload finds the new worker; it installs and waits.
    await page.reload();
    await appReady(page);
    await page.waitForFunction(() => window.paixPwa.updateReady === true, null, { timeout: 30000 });
    assert.ok(await page.evaluate(() => window.__paixEvents.some((e) => e.name === 'paix:update-ready')));

    // While it waits, every reload is still the whole old build.
    await page.reload();
    await appReady(page);
    assert.equal(await page.evaluate(() => window.paixPwa.updateReady), true, 'waiting worker seen on load');
    assert.equal(await brandSpacing(page), 'normal');
    assert.deepEqual(await loadedCss(page), [`/${next.oldName}`]);
    assert.equal(await page.evaluate(() => window.paixPwa.version()), v1);
    assert.deepEqual((await cacheNames(page)).sort(), [`paix-precache-${v1}`, `paix-precache-${v2}`].sort());

    // The app shows the banner; the user agrees: one reload, then the whole new build.
    await page.waitForSelector('.banner.update');
    assert.match(await page.textContent('.banner.update'), /Nouvelle version disponible/);
    const reloaded = page.waitForEvent('load');
    await page.click('.banner.update button');
    await reloaded;
    await appReady(page);
    assert.equal(await brandSpacing(page), '3px');
    assert.deepEqual(await loadedCss(page), [`/${next.newName}`]);
    assert.equal(await page.evaluate(() => window.paixPwa.version()), v2);
    assert.equal(await page.evaluate(() => window.paixPwa.updateReady), false);
    assert.equal(await page.locator('.banner.update').count(), 0, 'no banner after the update');
    await cacheIs(page, v2);
    assert.deepEqual(await cachedUrls(page), [...precacheOf(next.dir).paths].sort());

    // And the new build works offline too.
    await server.stop();
    await page.goto(`http://${addr}/about`);
    await appReady(page);
    assert.equal(await page.textContent('main h1'), 'À propos');
    assert.equal(await brandSpacing(page), '3px');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
    await server.stop();
    rmSync(next.dir, { recursive: true, force: true });
  }
});

test('install offer: the button follows beforeinstallprompt, iOS gets instructions, the installed app neither', async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    // Chromium: the page keeps the browser's prompt and shows its own button.
    const page = await browser.newPage();
    await page.goto(server.url + '/');
    await appReady(page);
    assert.equal(await page.locator('.banner.install').count(), 0, 'nothing before the browser offers');
    await page.evaluate(() => {
      const e = new Event('beforeinstallprompt', { cancelable: true });
      e.prompt = () => { window.__prompted = true; return Promise.resolve(); };
      e.userChoice = Promise.resolve({ outcome: 'accepted', platform: 'web' });
      window.dispatchEvent(e);
    });
    await page.waitForSelector('.banner.install button.primary');
    assert.equal(await page.textContent('.banner.install button.primary'), "Installer l'application");
    await page.click('.banner.install button.primary');
    await page.waitForFunction(() => window.__prompted === true);
    await page.close();

    // iPhone Safari: instructions and why installing matters.
    const ios = await browser.newContext({
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      viewport: { width: 390, height: 844 },
    });
    const iphone = await ios.newPage();
    await iphone.goto(server.url + '/');
    await appReady(iphone);
    await iphone.waitForSelector('.banner.install');
    assert.match(await iphone.textContent('.banner.install'), /Sur l'écran d'accueil.*7 jours/);
    await iphone.click('.banner.install button.secondary');
    assert.equal(await iphone.locator('.banner.install').count(), 0, 'dismissed');
    await ios.close();

    // Running installed (display-mode standalone): no offer at all.
    const standalone = await browser.newContext({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' });
    const app = await standalone.newPage();
    await app.addInitScript(() => { Object.defineProperty(navigator, 'standalone', { value: true }); });
    await app.goto(server.url + '/');
    await appReady(app);
    await app.waitForTimeout(300);
    assert.equal(await app.locator('.banner.install').count(), 0);
    await standalone.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('ids with a dot: /projects/prj.01 is an app route for the worker, online and with the server stopped', async () => {
  let server = await startServer();
  const { page, pageErrors, close } = await openProfile();
  try {
    await page.goto(server.url + '/');
    await appReady(page);
    await swControlled(page);

    // Online: the worker answers with the shell, whatever the server would say.
    let response = await page.goto(server.url + '/projects/prj.01');
    assert.equal(response.status(), 200);
    assert.ok(response.fromServiceWorker(), 'answered by the worker');
    await appReady(page);
    assert.match(await page.textContent('main h1'), /introuvable/, "the app's own not-found page");
    // The build's files the worker does not precache still come from the server.
    response = await page.goto(server.url + '/icons/icon-192.png');
    assert.equal(response.headers()['content-type'], 'image/png');
    assert.ok(!response.fromServiceWorker());

    const addr = server.addr;
    await server.stop();
    response = await page.goto(`http://${addr}/projects/prj.01`);
    assert.equal(response.status(), 200);
    await appReady(page);
    assert.equal(await page.textContent('.brand'), 'Paix à la base');
    assert.match(await page.textContent('main h1'), /introuvable/);
    response = await page.goto(`http://${addr}/organisations/osc.v2.1?x=1`);
    await appReady(page);
    assert.match(await page.textContent('main h1'), /introuvable/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
    await server.stop();
  }
});

test('update with two tabs: the other tab keeps its build until its next navigation; the old cache goes with it', async () => {
  const next = makeNextBuild();
  let server = await startServer();
  const { context, page: a, pageErrors, close } = await openProfile();
  try {
    const v1 = precacheOf(DIST).version;
    const v2 = precacheOf(next.dir).version;
    await a.goto(server.url + '/');
    await appReady(a);
    await swControlled(a);
    const b = await context.newPage();
    await b.goto(server.url + '/projects');
    await appReady(b);
    await swControlled(b);
    await b.evaluate(() => { window.__sameDocument = true; });

    const addr = server.addr;
    await server.stop();
    server = await startServer({ dist: next.dir, addr });
    await a.reload();
    await appReady(a);
    await a.waitForFunction(() => window.paixPwa.updateReady === true, null, { timeout: 30000 });

    // Tab A applies the update and reloads into the new build.
    const reloaded = a.waitForEvent('load');
    await a.click('.banner.update button');
    await reloaded;
    await appReady(a);
    assert.equal(await a.evaluate(() => window.paixPwa.version()), v2);
    assert.equal(await brandSpacing(a), '3px');

    // Tab B is not reloaded under its user: it still runs the old build and says so.
    await b.waitForSelector('.banner.update');
    assert.match(await b.textContent('.banner.update'), /Nouvelle version disponible/);
    assert.equal(await b.evaluate(() => window.__sameDocument), true);
    assert.equal(await brandSpacing(b), 'normal');
    // Its build's files stay available to it, even with the server stopped.
    assert.deepEqual((await cacheNames(b)).sort(), [`paix-precache-${v1}`, `paix-precache-${v2}`].sort());
    await server.stop();
    const oldCss = await b.evaluate((path) => fetch(path).then((r) => r.status, () => 'failed'), `/${next.oldName}`);
    assert.equal(oldCss, 200, 'the old build\'s CSS is still served to the old tab');
    server = await startServer({ dist: next.dir, addr });

    // Its next in-app navigation loads the new build.
    const navigated = b.waitForEvent('load');
    await b.click('#nav-about');
    await navigated;
    await appReady(b);
    assert.equal(await b.evaluate(() => window.__sameDocument), undefined, 'a new document');
    assert.equal(new URL(b.url()).pathname, '/about');
    assert.equal(await b.textContent('main h1'), 'À propos');
    assert.equal(await brandSpacing(b), '3px');
    assert.equal(await b.evaluate(() => window.paixPwa.updateReady), false);
    assert.equal(await b.locator('.banner.update').count(), 0);

    // No page of the old build remains: its cache is deleted.
    await cacheIs(b, v2);
    assert.deepEqual(await cachedUrls(b), [...precacheOf(next.dir).paths].sort());
    // Then in-app navigation is in-app again.
    await b.evaluate(() => { window.__sameDocument = true; });
    await b.click('#nav-regions');
    await b.waitForFunction(() => location.pathname === '/regions');
    assert.equal(await b.evaluate(() => window.__sameDocument), true);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
    await server.stop();
    rmSync(next.dir, { recursive: true, force: true });
  }
});

test('missing cache: deleted under the worker, it is filled again online; offline a clear page says so', async () => {
  let server = await startServer();
  const { context, page, pageErrors, close } = await openProfile();
  try {
    const { version, paths } = precacheOf(DIST);
    const name = `paix-precache-${version}`;
    await page.goto(server.url + '/');
    await appReady(page);
    await swControlled(page);

    // Online: the app loads and the cache is back, whole.
    assert.equal(await page.evaluate((n) => caches.delete(n), name), true);
    await page.goto(server.url + '/about');
    await appReady(page);
    assert.equal(await page.textContent('main h1'), 'À propos');
    await cacheFilled(page, version, paths.length);
    assert.deepEqual(await cachedUrls(page), [...paths].sort());
    const addr = server.addr;
    await server.stop();
    await page.goto(`http://${addr}/regions`);
    await appReady(page);
    assert.equal(await page.textContent('.brand'), 'Paix à la base');

    // Offline, with the HTTP cache gone too (as when the browser evicts the
    // site): a clear page instead of the browser's error.
    assert.equal(await page.evaluate((n) => caches.delete(n), name), true);
    await (await context.newCDPSession(page)).send('Network.clearBrowserCache');
    const response = await page.goto(`http://${addr}/about`);
    assert.equal(response.status(), 503);
    assert.ok(response.fromServiceWorker());
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.match(await page.textContent('#fr'), /fichiers de l'application manquent sur cet appareil.*Connectez-vous une fois/);
    assert.match(await page.textContent('#en'), /app's files are missing on this device.*Connect to the internet once/);

    // Back online, its reload link brings the app and its files back.
    server = await startServer({ addr });
    await page.click('text=Recharger / Reload');
    await appReady(page);
    assert.equal(await page.textContent('main h1'), 'À propos');
    await cacheFilled(page, version, paths.length);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
    await server.stop();
  }
});

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

test('reachability probe: paused while the page is hidden, once on becoming visible', async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    let pings = 0;
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/ping') pings++; });
    await page.goto(server.url + '/');
    await appReady(page);
    await page.evaluate(() => { window.paixPwa.probeIntervalMs = 100; });
    await page.waitForFunction(() => window.paixPwa.online === true);
    const before = pings;
    await pause(700);
    assert.ok(pings >= before + 3, `the loop probes while visible (${pings - before})`);

    // Hidden: what the browser reports for a background tab or a locked phone.
    await page.evaluate(() => {
      window.__visibility = 'hidden';
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => window.__visibility });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => window.__visibility === 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await pause(300); // a probe already under way ends
    const hidden = pings;
    await pause(1500);
    assert.equal(pings, hidden, 'no probe while hidden');
    await page.evaluate(() => { window.paixPwa.probeIntervalMs = 50; }); // restarting the loop does not wake it
    await pause(500);
    assert.equal(pings, hidden, 'still none');

    // Visible again: one probe at once, then the loop again.
    await page.evaluate(() => {
      window.__visibility = 'visible';
      window.paixPwa.probeIntervalMs = 60000;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await pause(300);
    assert.equal(pings, hidden + 1, 'one probe on becoming visible');
    await page.evaluate(() => { window.paixPwa.probeIntervalMs = 100; });
    await pause(700);
    assert.ok(pings >= hidden + 4, `the loop runs again (${pings - hidden})`);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('reachability on a static host without /api/ping: any HTTP answer means online, none means offline', async () => {
  const host = await staticHost(DIST);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const statuses = [];
    page.on('response', (r) => { if (new URL(r.url()).pathname === '/api/ping') statuses.push(r.status()); });
    await page.goto(host.url + '/');
    await appReady(page);
    assert.equal(await page.evaluate(() => window.paixPwa.probe()), true);
    assert.ok(statuses.length > 0 && statuses.every((s) => s === 404), `the host answers 404: ${statuses}`);
    assert.equal(await page.evaluate(() => window.paixPwa.online), true);
    await page.waitForSelector('.net.online');
    assert.equal(await page.textContent('.net'), 'En ligne');

    await host.stop();
    assert.equal(await page.evaluate(() => window.paixPwa.probe(2000)), false);
    await page.waitForSelector('.net.offline');
    assert.equal(await page.textContent('.net'), 'Hors ligne');
  } finally {
    await browser.close();
    await host.stop();
  }
});

// Without a worker (a browser without them, an insecure origin, or before
// it registers): the API still answers, and regaining the network, which asks for an
// update, does not break the probe's loop. Trunk's own minifier once made
// pwa.js call `Promise.resolve` unbound, which threw in exactly these cases.
test('without a service worker: checkForUpdate, version and install answer; offline and back, the probe goes on', async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    // A browser without service workers. (Playwright's own blocking makes
    // `register` resolve to nothing, which no browser does.)
    await context.addInitScript(() => { delete Navigator.prototype.serviceWorker; });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let pings = 0;
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/ping') pings++; });
    await page.goto(server.url + '/');
    await appReady(page);
    assert.equal(await page.evaluate(() => 'serviceWorker' in navigator), false);
    assert.deepEqual(await page.evaluate(async () => {
      const p = window.paixPwa;
      return [await p.checkForUpdate(), await p.version(), (await p.install()).outcome];
    }), [undefined, null, 'unavailable']);

    await page.evaluate(() => { window.paixPwa.probeIntervalMs = 200; });
    await context.setOffline(true);
    await page.waitForFunction(() => window.paixPwa.online === false);
    await page.waitForSelector('.net.offline');
    await context.setOffline(false);
    await page.waitForFunction(() => window.paixPwa.online === true);
    await page.waitForSelector('.net.online');
    const regained = pings;
    await page.waitForTimeout(1000);
    assert.ok(pings >= regained + 2, `the loop probes on after regaining the network: ${pings - regained} probes in 1 s at 200 ms`);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
