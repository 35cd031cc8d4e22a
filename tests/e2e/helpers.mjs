// Shared helpers for the end-to-end tests: start the real server on an
// ephemeral port, launch Debian's Chromium, collect console errors.
import { spawn } from 'node:child_process';
import { before, after } from 'node:test';
import { mkdtempSync, rmSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import jsQR from 'jsqr';
import { unpacker, unpackWasm } from '../../scripts/pack-wasm.mjs';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SERVER_BIN = process.env.PAIX_SERVER_BIN || join(ROOT, 'target', 'debug', 'paix-server');
export const DIST = process.env.PAIX_E2E_DIST || join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts');
/** The committed v1 record (`tests/fixtures/record-v1.json`). */
export const FIXTURE = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'record-v1.json'), 'utf8'));
mkdirSync(ARTIFACTS, { recursive: true });

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

/** Starts paix-server; resolves with { url, addr, stop() } once it listens.
 *  Records go to `database` (default: a fresh SQLite file per server, so
 *  a test counts only its own rows). */
export function startServer({ dist = DIST, dataset, addr = '127.0.0.1:0', database, extra = [] } = {}) {
  const db = database || `sqlite:${join(mkdtempSync(join(tmpdir(), 'paix-db-')), 'activities.db')}`;
  const args = ['--addr', addr, '--dist', dist, '--database', db, ...extra];
  if (dataset) args.push('--dataset', dataset);
  const proc = spawn(SERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolveStart, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^\s]+)/);
      if (m) {
        clearTimeout(timer);
        const url = m[1];
        resolveStart({
          url,
          addr: url.replace('http://', ''),
          proc,
          stop: () => new Promise((done) => {
            if (proc.exitCode !== null) return done();
            proc.once('exit', () => done());
            proc.kill('SIGTERM');
          }),
        });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
}

/** The wasm module of the release build in `dist`, unpacked from the file
 *  the app ships (`paix-base-…_bg.bin`, scripts/pack-wasm.mjs). */
export function releaseWasm(dist = DIST) {
  const files = readdirSync(dist).filter((n) => /^paix-base-[0-9a-f]+_bg\.bin$/.test(n));
  if (files.length !== 1) throw new Error(`${files.length} packed wasm files in ${dist}, one expected`);
  return Buffer.from(unpackWasm(readFileSync(join(dist, files[0])), unpacker()));
}

/** A plain static host of a build, as on a CDN: its files, "/" as
 *  index.html, 404 for anything else (so no /api/ping). With `cut`, the
 *  page comes in two pieces, as over a slow network: its first `cut.at`
 *  bytes, then the rest `cut.ms` later. */
export function staticHost(dir, cut) {
  const types = {
    '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.bin': 'application/octet-stream',
    '.css': 'text/css', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
    '.svg': 'image/svg+xml', '.png': 'image/png',
  };
  const timers = new Set();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://host').pathname);
    const file = join(dir, path === '/' ? 'index.html' : path);
    let found = false;
    try { found = !path.includes('..') && statSync(file).isFile(); } catch { /* not a file */ }
    if (!found) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    const body = readFileSync(file);
    if (!cut || path !== '/') return res.end(body);
    res.write(body.subarray(0, cut.at));
    const t = setTimeout(() => { timers.delete(t); res.end(body.subarray(cut.at)); }, cut.ms);
    timers.add(t);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((done) => {
      for (const t of timers) clearTimeout(t);
      server.close(done);
      server.closeAllConnections();
    }),
  })));
}

/** For a test file: a server and a browser started before its tests and
 *  stopped after them; read them as `env.server` and `env.browser`. */
export function serverAndBrowser(options) {
  const env = {};
  before(async () => {
    env.server = await startServer(options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** A fresh, incognito-like browser; `extraArgs` are added to the usual flags. */
export function launchBrowser(extraArgs = []) {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** A browser with a real on-disk profile (service workers, install checks). */
export async function launchPersistent(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'paix-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, ...options,
  });
  const close = async () => { await context.close(); rmSync(dir, { recursive: true, force: true }); };
  return { context, close };
}

/** Records console errors and uncaught exceptions of a page. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  return errors;
}

/** Waits until the wasm app has replaced the static first paint. */
export async function appReady(page) {
  await page.waitForSelector('main#main', { timeout: 20000 });
}

/**
 * Watches, from the document's start, the app taking the place of the static
 * first paint (#boot): whether the first frame drawn without it has the
 * app's header and the whole home page, and the layout shift of the whole
 * load. Read with `swapSeen` once the page is up.
 */
export function watchSwap(context) {
  return context.addInitScript(() => {
    const seen = (window.__paixSwap = { shift: 0, whole: null, moved: [] });
    const rect = (r) => [r.x, r.y, r.width, r.height].map(Math.round).join(',');
    const name = (n) => !n ? '?' : n.nodeType !== 1 ? n.nodeName
      : n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (n.className && n.className.baseVal === undefined ? '.' + String(n.className).trim().split(/\s+/).join('.') : '');
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        seen.shift += e.value;
        // What moved, for the failure message.
        for (const s of e.sources || []) seen.moved.push(`${name(s.node)} ${rect(s.previousRect)} → ${rect(s.currentRect)} at ${Math.round(e.startTime)} ms`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
    let parsed = false;
    const watch = new MutationObserver(() => {
      const boot = document.getElementById('boot');
      parsed ||= !!boot;
      if (!parsed || boot) return;
      watch.disconnect();
      requestAnimationFrame(() => {
        seen.whole = !!document.querySelector('main#main section.home .map path.region[data-href]')
          && !!document.querySelector('main#main section.home .region-list-alt')
          && !!document.querySelector('body > header nav a[href="/journal"]');
      });
    });
    watch.observe(document, { childList: true, subtree: true });
  });
}

/** What `watchSwap` saw, once #boot is gone and the page has settled. */
export async function swapSeen(page) {
  await page.waitForSelector('#boot', { state: 'detached', timeout: 20000 });
  await page.waitForTimeout(300);
  return page.evaluate(() => window.__paixSwap);
}

/** Page width vs viewport: > 0 means horizontal scroll. */
export function overflowX(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Waits until a service worker controls the page (on a first visit: once it
 *  has installed, activated and claimed the page). */
export async function swControlled(page) {
  await page.waitForFunction(
    () => navigator.serviceWorker && navigator.serviceWorker.controller !== null,
    null, { timeout: 30000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
}

/** Width and height of a PNG, read from its IHDR chunk; null if not a PNG. */
export function pngSize(bytes) {
  const b = Buffer.from(bytes);
  const signature = '89504e470d0a1a0a';
  if (b.length < 24 || b.subarray(0, 8).toString('hex') !== signature
    || b.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what a
 *  Playwright screenshot is) as { width, height, data: RGBA bytes }. */
export function decodePng(bytes) {
  const b = Buffer.from(bytes);
  const { width, height } = pngSize(b);
  const [depth, type, interlace] = [b[24], b[25], b[28]];
  if (depth !== 8 || (type !== 2 && type !== 6) || interlace !== 0) throw new Error(`PNG not handled: depth ${depth}, type ${type}`);
  const idat = [];
  for (let at = 8; at < b.length;) {
    const len = b.readUInt32BE(at);
    const name = b.subarray(at + 4, at + 8).toString('latin1');
    if (name === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = type === 6 ? 4 : 3;
  const stride = width * bpp;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? rows[y * stride + x - bpp] : 0;
      const up = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? rows[(y - 1) * stride + x - bpp] : 0;
      const paeth = () => {
        const p = a + up - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - up), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? up : c;
      };
      const add = [0, a, up, (a + up) >> 1, paeth()][filter];
      rows[y * stride + x] = (line[x] + add) & 0xff;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    for (let k = 0; k < 3; k++) data[i * 4 + k] = rows[i * bpp + k];
    data[i * 4 + 3] = bpp === 4 ? rows[i * bpp + 3] : 255;
  }
  return { width, height, data };
}

/** The text of the QR code shown by `locator` (a screenshot of it, decoded
 *  by npm's jsqr), or null when none reads. */
export async function readQr(locator) {
  const { width, height, data } = decodePng(await locator.screenshot());
  return jsQR(data, width, height)?.data ?? null;
}

/** Pages of a PDF (its /Type /Page objects). */
export const pdfPages = (pdf) => (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;

/** Names of the Cache Storage caches of the page's origin. */
export function cacheNames(page) {
  return page.evaluate(() => caches.keys());
}

/** Shows the update banner and the iOS install steps, as pwa.js would on an
 *  iPhone with a new version waiting (its hooks: fields, isIos(), events). */
export async function forceBanners(page) {
  await page.evaluate(() => {
    const api = window.paixPwa;
    api.probeIntervalMs = 3600000;
    api.isIos = () => true;
    api.updateReady = true;
    dispatchEvent(new Event('paix:update-ready'));
  });
  await page.waitForSelector('.banner.update');
  await page.waitForSelector('.banner.install');
}

/** Client-side navigation (as a link would), then waits for the new page's
 *  own heading: the previous page's <h1> does not count. */
export async function navigate(page, path, heading) {
  await page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
  await page.waitForFunction(([p, h]) => location.pathname === p
    && document.querySelector('main h1')?.textContent === h, [path, heading]);
}

/** Fills Settings › Kiosque's form (`idle`, left as it is when absent;
 *  the PIN, and its confirmation, `pin` unless given) and submits it. */
export async function submitKioskOn(page, { idle, pin, confirm = pin }) {
  if (idle !== undefined) await page.fill('#kiosk-idle', idle);
  await page.fill('#kiosk-pin', pin);
  await page.fill('#kiosk-pin-confirm', confirm);
  await page.click('#kiosk form[data-submit="kiosk-on"] button[type=submit]');
}

/** Writes [key, value] pairs straight into the app's IndexedDB `records`
 *  store (the page must have opened the app once, so the schema exists). */
export function seedRecords(page, entries) {
  return page.evaluate((entries) => new Promise((ok, fail) => {
    const r = indexedDB.open('paix');
    r.onsuccess = () => {
      const tx = r.result.transaction('records', 'readwrite');
      for (const [k, v] of entries) tx.objectStore('records').put(v, k);
      tx.oncomplete = () => { r.result.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
    r.onerror = () => fail(r.error);
  }), entries);
}

/** The JSON texts in `store` (`drafts`, `records`…) of the page's IndexedDB. */
export function storedTexts(page, store) {
  return page.evaluate((store) => new Promise((ok, fail) => {
    const r = indexedDB.open('paix');
    r.onsuccess = () => {
      const all = r.result.transaction(store).objectStore(store).getAll();
      all.onsuccess = () => { r.result.close(); ok(all.result.map(String)); };
      all.onerror = () => fail(all.error);
    };
    r.onerror = () => fail(r.error);
  }), store);
}

/** How many records of the page's IndexedDB stand in each state
 *  ({ queued: n, sent: n, … }), counted in the page: the sync tests poll
 *  it over 1,000 records, which `storedTexts` would copy out each time. */
export function recordStates(page) {
  return page.evaluate(() => new Promise((ok, fail) => {
    const r = indexedDB.open('paix');
    r.onsuccess = () => {
      const all = r.result.transaction('records').objectStore('records').getAll();
      all.onsuccess = () => {
        const n = {};
        for (const v of all.result) {
          const k = Object.keys(JSON.parse(v).state)[0];
          n[k] = (n[k] || 0) + 1;
        }
        r.result.close();
        ok(n);
      };
      all.onerror = () => fail(all.error);
    };
    r.onerror = () => fail(r.error);
  }));
}

/** Polls `fn` every 250 ms until it returns something truthy (resolved
 *  with it), or throws after `timeoutMs` naming `what`. */
export async function waitUntil(what, fn, timeoutMs = 240000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A valid record of the v1 fixture with a new id (created `i` ms apart). */
export function newRecord(i, extra = {}) {
  const created = new Date(Date.UTC(2026, 10, 1) + i).toISOString();
  return { ...FIXTURE, id: randomUUID(), title: `Activité ${i}`, created_at: created, updated_at: created, ...extra };
}

/** The IndexedDB entry of a record waiting to be sent (for seedRecords). */
export const queuedEntry = (r) => [`records/${r.id}`, JSON.stringify({ record: r, state: { queued: { attempts: 0 } } })];

/** Fills and saves Settings › Synchronisation (`values`: field → value;
 *  `mode` a select, `key` a checkbox, the rest text inputs `#sync-{name}`). */
export async function configureSync(page, values) {
  await page.waitForSelector('#sync-endpoint');
  for (const [name, value] of Object.entries(values)) {
    if (name === 'mode') await page.selectOption('#sync-mode', value);
    else if (name === 'key') await page.setChecked('#sync-key', value);
    else await page.fill(`#sync-${name}`, String(value));
  }
  await page.click('.sync-form button[type=submit]');
  await page.waitForSelector('.sync-form .msg.ok');
}

/** Opens Settings › Synchronisation at `base`, stores `records` as queued
 *  while offline, saves `settings` (see configureSync), comes back online
 *  and presses « Synchroniser maintenant ». */
export async function queueAndSync(page, base, records, settings) {
  await page.goto(base + '/settings/sync');
  await appReady(page);
  await page.context().setOffline(true);
  await seedRecords(page, records.map(queuedEntry));
  await configureSync(page, settings);
  await page.context().setOffline(false);
  await page.click('#sync-now');
}

/** Every record id the reference endpoint at `base` holds (all pages);
 *  `headers` for a server with tokens. */
export async function serverRecordIds(base, headers = {}) {
  const ids = [];
  let next = '/api/activities?limit=1000';
  while (next) {
    // node's fetch may pick a keep-alive socket the server just closed: once more.
    const get = () => fetch(base + next, { headers }).then((r) => r.json());
    const page = await get().catch(get);
    ids.push(...page.items.map((i) => i.receipt.record_id));
    next = page.next;
  }
  return ids;
}
