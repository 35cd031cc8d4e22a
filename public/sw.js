/* Paix à la base — service worker (scope "/").
 *
 * One cache per build: "paix-precache-<VERSION>" holds exactly the files of
 * that build, each checked against its SHA-256. The page only ever gets files
 * from the cache of the active worker, so old and new files never mix:
 *   - install:  fetch every file of PRECACHE (or reuse an identical copy from
 *               an older cache) into a new cache; any failure fails the whole
 *               install and the half-filled cache is deleted.
 *   - activate: delete the caches of older builds, take control of the pages.
 *   - fetch:    GET, same origin, not /api/. Routing follows what the build
 *               produced, not the shape of the path: a precached file comes
 *               from the cache; a navigation to any other path except the
 *               build's other files (OTHER: icons) gets the cached
 *               /index.html, so "/projects/prj.01" is an app route. /api/*,
 *               other methods and other origins are never answered nor cached.
 *   - message:  {type:'SKIP_WAITING'} activates a waiting worker (the page
 *               asks, after the user agreed to reload); {type:'GET_VERSION'}
 *               answers VERSION on the message port.
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
const PATHS = new Set(PRECACHE.map(([path]) => path));
const HASHED = /-[0-9a-f]{12,16}[._][^/]*$/; // Trunk's content-hashed names

self.addEventListener('install', (event) => {
  event.waitUntil(precache().catch(async (error) => {
    await caches.delete(CACHE);
    throw error;
  }));
});

async function precache() {
  const olderNames = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
  const cache = await caches.open(CACHE);
  await Promise.all(PRECACHE.map(async ([path, integrity]) => {
    const response = (await reuse(olderNames, path, integrity))
      || await fetchChecked(path, integrity);
    await cache.put(path, response);
  }));
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
  // A content-hashed name may come from the HTTP cache (the page just loaded
  // it); other files are fetched again. The browser rejects any bytes that
  // differ from the build's (integrity), so a wrong copy fails the install.
  const modes = HASHED.test(path) ? ['default', 'reload'] : ['reload'];
  let failure;
  for (const cache of modes) {
    try {
      const response = await fetch(new Request(path, { cache, integrity }));
      if (response.ok) return fresh(await response.arrayBuffer(), response.headers);
      failure = new Error(`precache ${path}: HTTP ${response.status}`);
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/** A plain 200 response: no redirect flag, no stale encoding headers. */
function fresh(body, headers) {
  const type = headers.get('Content-Type');
  return new Response(body, { headers: type ? { 'Content-Type': type } : {} });
}

async function sri(body) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  return 'sha256-' + btoa(String.fromCharCode(...digest));
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((n) => n.startsWith(PREFIX) && n !== CACHE)
      .map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;
  const shell = request.mode === 'navigate' && !PATHS.has(url.pathname) && !OTHER.includes(url.pathname);
  const path = shell ? '/index.html' : url.pathname;
  if (!PATHS.has(path)) return;
  event.respondWith((async () => {
    const cached = await caches.match(path, { cacheName: CACHE });
    return cached || fetch(request);
  })());
});

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'SKIP_WAITING') self.skipWaiting();
  if (type === 'GET_VERSION' && event.ports[0]) event.ports[0].postMessage(VERSION);
});
