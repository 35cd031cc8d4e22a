// WebCrypto calls of ui::lock (Rust); see lock.rs. Bytes only: the text
// format of sealed values and every decision are in Rust (crate::lock).
const enc = new TextEncoder();
const dec = new TextDecoder();

const b64 = (bytes) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** WebCrypto exists only in a secure context (HTTPS or localhost). */
export const available = () => !!(globalThis.isSecureContext && globalThis.crypto && crypto.subtle);

/** `n` random bytes, base64. */
export const random = (n) => b64(crypto.getRandomValues(new Uint8Array(n)));

/** The AES-GCM key derived from a PIN or passphrase (PBKDF2-SHA-256). */
export async function derive(secret, salt, iterations) {
  const base = await crypto.subtle.importKey('raw', enc.encode(secret), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: unb64(salt), iterations },
    base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** An AES-GCM key from its raw bytes (base64); not extractable again. */
export const importKey = (raw) => crypto.subtle.importKey('raw', unb64(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);

/** [iv, data] (base64) of `text` sealed with `key`, with a fresh IV. */
export async function seal(key, text) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, enc.encode(text));
  return [b64(iv), b64(new Uint8Array(data))];
}

/** The text sealed as [iv, data], or null when it does not open (altered, or another key). */
export async function open(key, iv, data) {
  try {
    return dec.decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv) }, key, unb64(data)));
  } catch {
    return null;
  }
}
