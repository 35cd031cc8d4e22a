// Browser calls of ui::data (Rust); see data.rs.
const utf8 = (bytes) => {
  try { return new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { return null; }
};

// Origins this page's Content Security Policy refused to connect to
// (connect-src): a fetch that fails there failed by the deployment's policy,
// not the network, and the user is told so.
const refused = new Set();
document.addEventListener('securitypolicyviolation', (e) => {
  if (e.effectiveDirective !== 'connect-src') return;
  try { refused.add(new URL(e.blockedURI, location.href).origin); } catch { /* not a URL */ }
});

/** Whether the policy refused connections to `url`'s origin (the event comes as a task, after the failure). */
export async function blockedByPolicy(url) {
  await new Promise((r) => setTimeout(r, 30));
  try { return refused.has(new URL(url, location.href).origin); } catch { return false; }
}

/**
 * The bytes of a response `body` as they arrive, or null as soon as they
 * pass `maxBytes` (the rest is never read: a hostile server cannot fill the
 * phone's memory). `each(received)` runs after every chunk.
 */
export async function readCapped(body, maxBytes, each = () => {}) {
  const reader = body.getReader();
  const chunks = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.length;
    if (received > maxBytes) { reader.cancel().catch(() => {}); return null; }
    chunks.push(value);
    each(received);
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.length; }
  return bytes;
}

// The running download's controller: one at a time (the app's job guard).
let running = null;
export const cancelDownload = () => running && running.abort('cancel');

/**
 * GET `url`: [status, etag, text, stop]. `stop` is '' or why the download
 * was given up: 'timeout' (no byte for `idleMs`), 'cancel', 'large' (over
 * `maxBytes`, by Content-Length or as bytes arrive; never read further).
 */
export async function download(url, etag, idleMs, maxBytes, progress) {
  const ctl = new AbortController();
  running = ctl;
  let timer = 0;
  const wait = () => { clearTimeout(timer); timer = setTimeout(() => ctl.abort('timeout'), idleMs); };
  const out = [0, null, null, ''];
  try {
    wait();
    const res = await fetch(url, etag
      ? { headers: { 'If-None-Match': etag }, cache: 'no-store', signal: ctl.signal }
      : { cache: 'no-cache', signal: ctl.signal });
    out[0] = res.status;
    out[1] = res.headers.get('ETag');
    if (!res.ok || !res.body) return out;
    const total = Number(res.headers.get('Content-Length')) || 0;
    const large = () => { ctl.abort('large'); out[3] = 'large'; return out; };
    if (total > maxBytes) return large();
    progress(0, total);
    wait();
    const bytes = await readCapped(res.body, maxBytes, (received) => { wait(); progress(received, total); });
    if (!bytes) return large();
    out[2] = utf8(bytes);
    return out;
  } catch (e) {
    if (ctl.signal.aborted) { out[0] = 0; out[3] = String(ctl.signal.reason); return out; }
    if (await blockedByPolicy(url)) throw Object.assign(new Error('csp'), { name: 'csp' });
    throw e;
  } finally {
    clearTimeout(timer);
    if (running === ctl) running = null;
  }
}

/** [name, text, stop] of the chosen file: text null if not UTF-8; stop 'large' over `maxBytes` (not read). */
export async function readFile(input, maxBytes) {
  const file = input.files && input.files[0];
  if (!file) return null;
  if (file.size > maxBytes) return [file.name, null, 'large'];
  return [file.name, utf8(await file.arrayBuffer().catch(() => new Uint8Array([255]))), ''];
}

/** Offers `text` as a file download named `name`. */
export function saveFile(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function storageInfo() {
  const s = navigator.storage;
  if (!s) return [];
  const e = await s.estimate().catch(() => ({}));
  return [e.usage, e.quota, await s.persisted().catch(() => null)];
}

export async function persist() {
  const s = navigator.storage;
  if (s && s.persist && !(await s.persisted().catch(() => false))) await s.persist().catch(() => false);
}

/** [lat, lon, accuracy] from the Geolocation API; rejects when refused or unavailable. */
export const locate = () => new Promise((ok, fail) => {
  if (!navigator.geolocation) return fail(new Error('unavailable'));
  navigator.geolocation.getCurrentPosition(
    (p) => ok([p.coords.latitude, p.coords.longitude, p.coords.accuracy]),
    (e) => fail(new Error(e.message || 'denied')),
    { enableHighAccuracy: true, timeout: 30000, maximumAge: 60000 });
});

/**
 * Hands a file to the phone's share sheet (WhatsApp, e-mail, Bluetooth)
 * when `share` and the browser can share files; otherwise downloads it.
 */
export async function shareFile(name, text, type, share) {
  const file = new File([text], name, { type });
  if (share && navigator.canShare && navigator.canShare({ files: [file] })) {
    try { await navigator.share({ files: [file], title: name }); return; } catch (e) {
      if (e && e.name === 'AbortError') return; // the user closed the sheet
    }
  }
  saveFile(name, text, type);
}

// Tabs of the app tell each other when the journal's storage changed, so
// that a form open elsewhere stops saving over a record saved here.
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('paix-journal') : null;
export const journalChanged = () => { if (channel) channel.postMessage(1); };
export const onJournalChange = (cb) => { if (channel) channel.onmessage = () => cb(); };
