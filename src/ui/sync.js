// Browser calls of ui::sync (Rust); see sync.rs. No decisions here.
import { blockedByPolicy, readCapped } from './data.js';

// The most of an endpoint's answer that is read (a batch of 1,000 receipts
// is about 200 KB); a longer one is judged by its status alone.
const MAX_ANSWER = 1024 * 1024;

const headersOf = (flat) => {
  const h = new Headers();
  for (let i = 0; i + 1 < flat.length; i += 2) h.set(flat[i], flat[i + 1]);
  return h;
};

// Redirects are not followed: a 301 or 303 would turn a POST into a GET
// whose 200 is no receipt. The engine pauses on one (« vérifiez l'adresse »).
// (A `no-cors` probe must follow: the fetch standard refuses it otherwise.)
const quiet = { cache: 'no-store', credentials: 'omit', redirect: 'manual' };
const opaque = { mode: 'no-cors', redirect: 'follow' };

/**
 * One request: [kind, status, retryAfter, location, date, body] (a redirect,
 * whose status the browser hides, is status 300), kind 'http', 'timeout'
 * (no full answer within `timeoutMs`: the server may have the record),
 * 'csp' (this page's policy forbids the address) or 'network' (no answer;
 * the body then holds the error).
 * `headers` is flat: [name, value, name, value…]; at most `cap` bytes of
 * the answer are read.
 */
export async function request(method, url, body, headers, timeoutMs, cap) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await fetch(url, { ...quiet, method, body: body || undefined, headers: headersOf(headers), signal: ctl.signal });
    if (res.type === 'opaqueredirect') return ['http', 300, '', '', '', ''];
    const bytes = res.body ? await readCapped(res.body, cap || MAX_ANSWER) : new Uint8Array();
    const text = bytes ? new TextDecoder().decode(bytes) : '';
    const g = (n) => res.headers.get(n) || '';
    return ['http', res.status, g('Retry-After'), g('Location'), g('Date'), text];
  } catch (e) {
    const kind = ctl.signal.aborted ? 'timeout' : (await blockedByPolicy(url)) ? 'csp' : 'network';
    return [kind, 0, '', '', '', String((e && e.message) || e)];
  } finally {
    clearTimeout(timer);
  }
}

const answers = async (url, init, ms) => {
  try {
    const res = await fetch(url, { ...quiet, ...init, signal: AbortSignal.timeout(ms) });
    return res.type === 'opaqueredirect' ? 300 : res.type === 'opaque' ? 0 : res.status;
  } catch {
    return -1;
  }
};

/**
 * Why a request got no answer: 'offline', 'answered' (a HEAD with the same
 * headers is answered: the network or, for a PUT, a CORS refusal of the
 * method; the caller tells them apart), 'cors' (the server answers
 * opaquely but refuses this origin or these headers) or 'network'.
 */
export async function diagnose(url, headers, timeoutMs) {
  if (!navigator.onLine) return 'offline';
  if ((await answers(url, { method: 'HEAD', headers: headersOf(headers) }, timeoutMs)) >= 0) return 'answered';
  return (await answers(url, opaque, timeoutMs)) >= 0 ? 'cors' : 'network';
}

/**
 * « Tester la connexion »: [status of HEAD with every header (-1: no
 * readable answer; -2: offline; -3: this page's policy forbids the
 * address), simple HEAD answered, names of the
 * headers refused alone, no-cors answered].
 */
export async function probe(url, headers, timeoutMs) {
  if (!navigator.onLine) return [-2, false, [], false];
  const full = await answers(url, { method: 'HEAD', headers: headersOf(headers) }, timeoutMs);
  if (full >= 0) return [full, true, [], true];
  if (await blockedByPolicy(url)) return [-3, false, [], false];
  const simple = (await answers(url, { method: 'HEAD' }, timeoutMs)) >= 0;
  const refused = [];
  if (simple) {
    for (let i = 0; i + 1 < headers.length; i += 2) {
      const one = [headers[i], headers[i + 1]];
      if ((await answers(url, { method: 'HEAD', headers: headersOf(one) }, timeoutMs)) < 0) refused.push(headers[i]);
    }
  }
  const there = simple || (await answers(url, opaque, timeoutMs)) >= 0;
  return [-1, simple, refused, there];
}

/**
 * Runs `run` (returns a Promise) holding the Web Lock `name`, unless
 * another tab holds it: resolves true when it ran. Without Web Locks (old
 * browsers) it runs: one tab is the usual case there.
 */
export function withLock(name, run) {
  if (!navigator.locks) return run().then(() => true);
  return navigator.locks.request(name, { ifAvailable: true }, (lock) => (lock ? run().then(() => true) : false));
}

/** Calls `cb` when the browser comes online or the page is shown again. */
export function onWake(cb) {
  addEventListener('online', () => cb());
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && cb());
  // The service worker's Background Sync event, relayed to open pages.
  navigator.serviceWorker?.addEventListener('message', (e) => e.data === 'paix:sync' && cb());
}

/** Asks for a Background Sync (an extra, where the browser has it). */
export function askBackgroundSync() {
  navigator.serviceWorker?.ready.then((r) => r.sync && r.sync.register('paix-sync')).catch(() => {});
}

export const online = () => navigator.onLine;

export function copyText(text) {
  return navigator.clipboard ? navigator.clipboard.writeText(text).then(() => true, () => false) : Promise.resolve(false);
}

export function shareUrl(url) {
  return navigator.share ? navigator.share({ url }).then(() => true, () => false) : copyText(url);
}
