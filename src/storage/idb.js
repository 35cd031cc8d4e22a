// IndexedDB calls of storage::idb (Rust); see idb.rs.
const req = (r) => new Promise((ok, fail) => {
  r.onsuccess = () => ok(r.result);
  r.onerror = () => fail(r.error);
});

function open() {
  const r = indexedDB.open('paix', 1);
  r.onupgradeneeded = () => {
    if (!r.result.objectStoreNames.contains('kv')) r.result.createObjectStore('kv');
  };
  return req(r);
}

async function run(write, f) {
  const db = await open();
  try {
    const tx = write ? db.transaction('kv', 'readwrite', { durability: 'strict' }) : db.transaction('kv');
    const done = new Promise((ok, fail) => {
      tx.oncomplete = ok;
      tx.onabort = () => fail(tx.error);
    });
    const [value] = await Promise.all([f(tx.objectStore('kv')), write && done]);
    return value;
  } finally {
    db.close();
  }
}

export const idbGet = (k) => run(false, (s) => req(s.get(k)));
export const idbPut = (k, v) => run(true, (s) => req(s.put(v, k)));
export const idbDelete = (k) => run(true, (s) => req(s.delete(k)));
/** [keys, values] of the keys from `p` to `p + U+FFFF`, in key order. */
export const idbList = (p) => run(false, (s) => {
  const range = IDBKeyRange.bound(p, p + '\uffff');
  return Promise.all([req(s.getAllKeys(range)), req(s.getAll(range))]);
});
