// Browser calls of ui::data (Rust); see data.rs.
const utf8 = (bytes) => {
  try { return new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { return null; }
};

export async function download(url, etag, progress) {
  const res = await fetch(url, etag
    ? { headers: { 'If-None-Match': etag }, cache: 'no-store' }
    : { cache: 'no-cache' });
  const out = [res.status, res.headers.get('ETag'), null];
  if (!res.ok || !res.body) return out;
  const total = Number(res.headers.get('Content-Length')) || 0;
  const reader = res.body.getReader();
  const chunks = [];
  let received = 0;
  progress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    progress(received, total);
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.length; }
  out[2] = utf8(bytes);
  return out;
}

export async function readFile(input) {
  const file = input.files && input.files[0];
  return file ? [file.name, utf8(await file.arrayBuffer().catch(() => new Uint8Array([255])))] : null;
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
