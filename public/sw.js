/* Paix à la base — service worker (scope "/").
 *
 * One cache per build: "paix-precache-<VERSION>" holds exactly the files of
 * that build, each checked against its SHA-256. A page gets the files of one
 * build only, so old and new files never mix.
 *   - install:  put every file of PRECACHE into a new cache: an identical copy
 *               from an older cache, else from the HTTP cache (the page just
 *               loaded it), else from the network. Every file is checked
 *               against its integrity, so it is downloaded again only when no
 *               exact copy is at hand. Any failure fails the install.
 *   - fetch:    GET, same origin, not /api/. Routing follows what the build
 *               produced, not the shape of the path: a precached file comes
 *               from the cache; a navigation to any other path except the
 *               build's other files (OTHER: icons) gets the cached
 *               /index.html, so "/projects/prj.01" is an app route; it is
 *               served without its static home pages (see light()). /api/*,
 *               other methods and other origins are never answered nor cached.
 *   - missing cache: if this build's cache is gone while the worker stays
 *               (the user or the browser deleted it), the whole cache is
 *               filled again (HTTP cache, else network; checked) before a
 *               navigation gets the shell. If that fails offline, the
 *               navigation gets a small French/English page saying the app's
 *               files are missing on this device and to reconnect once.
 *   - updates:  a new version waits until a page sends {type:'SKIP_WAITING'}
 *               (the user tapped « Recharger »). That tab reloads; other open
 *               tabs are not reloaded under the user (a form may be half
 *               typed): they show « Nouvelle version » and load the new
 *               version on their next in-app navigation (pwa.js). Until then
 *               they run the older build, so on activation the older caches
 *               are kept, with the ids of the pages open at that moment
 *               (entry KEEP), and their files are still served from them.
 *               They are deleted once none of those pages remains.
 *   - message:  {type:'GET_VERSION'} answers VERSION on the message port.
 * The block between the precache markers is rewritten at build time by
 * scripts/sw-precache.mjs (Trunk post_build hook): [path, integrity] pairs,
 * the build's other files and a VERSION hashed from every file.
 */
'use strict';

// <precache>
const VERSION = 'dev';
const PRECACHE = [];
const OTHER = [];
// </precache>

const PREFIX = 'paix-precache-';
const CACHE = PREFIX + VERSION;
const INTEGRITY = new Map(PRECACHE);
const SHELL = '/index.html';
const KEEP = '/.paix-keep';
const isOlder = (name) => name.startsWith(PREFIX) && name !== CACHE;
const filling = new Map(); // path → its running fill()
let tidied = false; // no older cache is kept for open pages

self.addEventListener('install', (event) => {
  event.waitUntil(precache().catch(async (error) => {
    await caches.delete(CACHE);
    throw error;
  }));
});

const precache = () => Promise.all(PRECACHE.map(([path]) => fill(path)));

/** Puts one file of this build into its cache, unless it is there. */
function fill(path) {
  let job = filling.get(path);
  if (!job) {
    job = (async () => {
      const cache = await caches.open(CACHE);
      if (await cache.match(path)) return;
      const integrity = INTEGRITY.get(path);
      const older = (await caches.keys()).filter(isOlder);
      await cache.put(path, (await reuse(older, path, integrity)) || await fetchChecked(path, integrity));
    })().finally(() => filling.delete(path));
    filling.set(path, job);
  }
  return job;
}

/** The same file from an older build's cache, if its bytes are identical. */
async function reuse(cacheNames, path, integrity) {
  for (const name of cacheNames) {
    const old = await (await caches.open(name)).match(path);
    if (!old) continue;
    const body = await old.arrayBuffer();
    if (await sri(body) === integrity) return fresh(body, old.headers);
  }
  return null;
}

async function fetchChecked(path, integrity) {
  // First from the HTTP cache alone (the page has just loaded most files;
  // the shell is there under the address the page was opened at, "/" or a
  // deep link), then from the network. The browser rejects bytes that differ
  // from the build's (integrity): a stale or wrong copy is never stored.
  const urls = [path];
  if (path === SHELL) {
    for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
      const url = new URL(client.url);
      if (url.origin === self.location.origin && !url.pathname.startsWith('/api')) urls.unshift(url.href);
    }
  }
  const tries = urls.map((url) => new Request(url, { cache: 'only-if-cached', mode: 'same-origin', integrity }));
  tries.push(new Request(path, { cache: 'reload', integrity }));
  let failure;
  for (const request of tries) {
    try {
      const response = await fetch(request);
      if (response.ok) return fresh(await response.arrayBuffer(), response.headers);
      failure = new Error(`precache ${path}: HTTP ${response.status}`);
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

// The headers a cached copy keeps: its type and the security policy the
// server sent (a deployment's narrower connect-src must hold offline too).
const KEPT = ['Content-Type', 'Content-Security-Policy', 'Permissions-Policy', 'Referrer-Policy', 'X-Content-Type-Options'];

/** A plain 200 response: no redirect flag, no stale encoding headers. */
function fresh(body, headers) {
  const kept = {};
  for (const name of KEPT) {
    const value = headers.get(name);
    if (value) kept[name] = value;
  }
  return new Response(body, { headers: kept });
}

async function sri(body) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  return 'sha256-' + btoa(String.fromCharCode(...digest));
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const older = (await caches.keys()).filter(isOlder);
    if (older.length) {
      const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      await (await caches.open(CACHE)).put(KEEP,
        new Response(JSON.stringify({ caches: older, clients: open.map((c) => c.id) })));
    }
    await self.clients.claim();
    await tidy();
  })());
});

/** Deletes the older caches once no page that was open at activation remains. */
async function tidy() {
  const kept = await caches.match(KEEP, { cacheName: CACHE });
  if (kept) {
    const { caches: names, clients: ids } = await kept.json();
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    if (open.some((c) => ids.includes(c.id))) return;
    await (await caches.open(CACHE)).delete(KEEP);
    await Promise.all(names.map((name) => caches.delete(name)));
  }
  tidied = true;
}

self.addEventListener('fetch', (event) => {
  if (!tidied) event.waitUntil(tidy());
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const path = url.pathname;
  if (url.origin !== self.location.origin || path === '/api' || path.startsWith('/api/')) return;
  if (INTEGRITY.has(path)) {
    event.respondWith(answer(event, path));
  } else if (request.mode === 'navigate') {
    if (INTEGRITY.has(SHELL) && !OTHER.includes(path)) {
      event.respondWith(answer(event, SHELL).then(light));
      // The page it replaces may be the last one of an older build.
      if (!tidied) event.waitUntil(self.clients.get(event.resultingClientId).then(tidy));
    }
  } else if (!tidied) {
    // A page of an older build, still open, asks for one of its files.
    event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
  }
});

// The shell as the worker serves it, for a start from the device's cache:
// - without its static home pages (one per language). They are there for a
//   first visit over a slow network, when the app arrives long after the
//   HTML; here the app comes at once, and drawing those pages only to
//   replace them delays it (parsing, style and layout). The header and the
//   loading line stay, and show until the app draws its page (main.css).
//   Cut as pages::first_paint writes them: each home section up to the
//   loading section after it.
// - with the wasm (packed in release builds, `_bg.bin`: scripts/pack-wasm.mjs) preloaded,
//   which the first visit leaves out (the page and
//   its style sheet get a slow line first): here it comes from the cache
//   while the page is parsed.
// Any other shape is served as it is.
const HOME = /<section class="page home"[^]*?(?=<section class="page loading")/g;
const WASM = PRECACHE.map(([path]) => path).find((path) => /_bg\.(bin|wasm)$/.test(path));

async function light(response) {
  if (response.status !== 200) return response;
  const html = await response.clone().text();
  const title = html.indexOf('<title>');
  // A page fetched from the network when the cache could not be filled may
  // be another build's, with another wasm: that one is served as it is.
  if (!WASM || !html.includes(WASM) || html.search(HOME) < 0 || title < 0) return response;
  const preload = `<link rel=preload href="${WASM}" as=fetch crossorigin>`;
  const cut = html.slice(0, title) + preload + html.slice(title).replace(HOME, '');
  const lit = fresh(cut, response.headers);
  // A string body would otherwise be typed text/plain.
  if (!response.headers.get('Content-Type')) lit.headers.set('Content-Type', 'text/html; charset=utf-8');
  return lit;
}

async function answer(event, path) {
  const cached = await caches.match(path, { cacheName: CACHE });
  if (cached) return cached;
  // This build's cache is gone or incomplete: fill it again. A page is only
  // started once all its files are back (they may come from the HTTP cache,
  // even offline), so it never starts half-way; a file asked by a page that
  // runs already comes first.
  const refill = precache();
  event.waitUntil(refill.catch(() => {}));
  try {
    await (event.request.mode === 'navigate' ? refill : fill(path));
    const filled = await caches.match(path, { cacheName: CACHE });
    if (filled) return filled;
  } catch {
    // offline, or the server has another build: try the request as it is
  }
  try {
    return await fetch(event.request);
  } catch (error) {
    if (event.request.mode !== 'navigate') throw error;
    return new Response(OFFLINE, {
      status: 503,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
}

const OFFLINE = '<!doctype html><html lang="fr"><meta charset="utf-8">'
  + '<meta name="viewport" content="width=device-width,initial-scale=1">'
  + '<title>Paix à la base — hors ligne</title>'
  + '<body style="font:18px/1.5 sans-serif;max-width:34em;margin:auto;padding:1em">'
  + '<h1>Paix à la base</h1>'
  + "<p id=\"fr\">Les fichiers de l'application manquent sur cet appareil. Connectez-vous une fois à Internet, "
  + "puis rechargez cette page : l'application se réinstalle et fonctionne de nouveau hors ligne.</p>"
  + '<p id="en" lang="en">The app\'s files are missing on this device. Connect to the internet once, '
  + 'then reload this page: the app reinstalls itself and works offline again.</p>'
  + '<p><a href="">Recharger / Reload</a></p>';

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'SKIP_WAITING') self.skipWaiting();
  if (type === 'GET_VERSION' && event.ports[0]) event.ports[0].postMessage(VERSION);
});

// Background Sync (where the browser has it): the engine lives in the
// page, so the event only wakes the open pages; with none open, the next
// start of the app sends what waits.
self.addEventListener('sync', (event) => {
  if (event.tag !== 'paix-sync') return;
  event.waitUntil(self.clients.matchAll({ type: 'window' })
    .then((pages) => pages.forEach((p) => p.postMessage('paix:sync'))));
});
