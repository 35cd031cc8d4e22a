// IndexedDB calls of storage::idb (Rust); see idb.rs for the schema.
const VERSION = 2;
// Object stores by the first segment of a key; everything else is in 'kv'.
const STORES = ['kv', 'records', 'drafts', 'outbox'];
const storeOf = (key) => {
  const s = key.split('/', 1)[0];
  return key.includes('/') && STORES.includes(s) ? s : 'kv';
};

const req = (r) => new Promise((ok, fail) => {
  r.onsuccess = () => ok(r.result);
  r.onerror = () => fail(r.error);
});
const error = (name) => Object.assign(new Error(name), { name });

// Each version's changes, applied in order from the stored version.
function upgrade(db, from) {
  if (from < 1) db.createObjectStore('kv');
  if (from < 2) for (const s of ['records', 'drafts', 'outbox']) db.createObjectStore(s);
}

// One connection per database, kept open. A newer tab asking to upgrade
// gets it at once (onversionchange closes it) and this tab is told, through
// a 'paix-db-versionchange' event on window; the next call here opens again
// and meets the newer version (VersionError).
const conns = new Map();
// The open connections themselves: a call starts its transaction at once,
// not a microtask later (a save's write then starts before the redraw the
// same click queued).
const dbs = new Map();
function open(name) {
  let p = conns.get(name);
  if (p) return p;
  let db = null;
  // Forgets this opening and its connection, unless a newer one took
  // their place.
  const forget = () => {
    if (conns.get(name) === p) conns.delete(name);
    if (db && dbs.get(name) === db) dbs.delete(name);
  };
  p = new Promise((ok, fail) => {
    const r = indexedDB.open(name, VERSION);
    let settled = false;
    r.onupgradeneeded = (e) => upgrade(r.result, e.oldVersion);
    r.onsuccess = () => {
      if (settled) return r.result.close();
      settled = true;
      db = r.result;
      db.onversionchange = (e) => {
        db.close();
        forget();
        // A newer version asks (a deletion has no newVersion).
        if (e.newVersion !== null) dispatchEvent(new Event('paix-db-versionchange'));
      };
      db.onclose = forget;
      dbs.set(name, db);
      ok(db);
    };
    r.onerror = () => { settled = true; fail(r.error); };
    // An older tab holds the database open and does not close it: say so
    // now rather than wait (the request may still succeed later; then the
    // connection is closed unused and the next call opens again).
    r.onblocked = () => { settled = true; fail(error('Blocked')); };
  });
  conns.set(name, p);
  // A failed opening (an error, blocked, or indexedDB.open throwing) is not
  // kept: the next call opens again.
  p.catch(forget);
  return p;
}

// The app's own database (storage::idb::IdbStore::APP) is opened as this
// module loads, while the wasm compiles, rather than at the app's first
// read once it runs. That first call takes this opening's outcome, whatever
// it is: the connection, or the error (Blocked, VersionError…) it would have
// met itself. (Opening again behind a blocked request, it would wait in the
// database's queue and never be told it is blocked.) Where reading
// `indexedDB` itself throws (storage turned off in some browsers), nothing is
// started here, and the first call meets that error as before.
const APP = 'paix';
let early = null;
try {
  if (globalThis.document && globalThis.indexedDB) early = open(APP);
} catch {
  // Only the read of `indexedDB` can throw here (open() turns its own
  // errors into a rejection): early stays null.
}

/** Runs `f(tx)` in one transaction on `stores`; resolves `f`'s value once committed. */
async function run(name, stores, write, f) {
  if (name === APP && early) {
    const first = early;
    early = null;
    await first;
  }
  const db = dbs.get(name) || await open(name);
  const tx = write ? db.transaction(stores, 'readwrite', { durability: 'strict' }) : db.transaction(stores);
  const done = new Promise((ok, fail) => {
    tx.oncomplete = ok;
    tx.onabort = () => fail(tx.error || error('AbortError'));
  });
  const [value] = await Promise.all([f(tx), done]);
  return value;
}

/** The values of `keys` (undefined where absent), read in one transaction. */
export const idbGetMany = (n, keys) => keys.length
  ? run(n, [...new Set(keys.map(storeOf))], false, (tx) => Promise.all(keys.map((k) => req(tx.objectStore(storeOf(k)).get(k)))))
  : Promise.resolve([]);

/**
 * [keys, values] of the keys from `p` to `p + U+FFFF`, in key order. A value
 * that is not a string (written by something else) comes as its JSON text,
 * so the caller sets it aside instead of failing the whole listing.
 */
export const idbList = (n, p) => run(n, [storeOf(p)], false, async (tx) => {
  const s = tx.objectStore(storeOf(p));
  const range = IDBKeyRange.bound(p, p + '\uffff');
  const [keys, values] = await Promise.all([req(s.getAllKeys(range)), req(s.getAll(range))]);
  return [keys, values.map((v) => (typeof v === 'string' ? v : String(JSON.stringify(v))))];
});

/**
 * Applies `ops` ([key, value] puts, [key, value, true] inserts that fail on
 * a present key, [key, null] deletes, [key, value or null, 'swap',
 * expected or null] compare-and-swaps that fail with 'Changed' unless the
 * key holds `expected`) in one strict
 * transaction: all or nothing. `globalThis.paixIdbFault`, when a test sets
 * it to an error name, aborts the next batch after its changes were made
 * (so that the rollback is real) and rejects with that name.
 */
export const idbWrite = (n, ops) => {
  const stores = [...new Set(ops.map(([k]) => storeOf(k)))];
  if (!stores.length) return Promise.resolve();
  return run(n, stores, true, async (tx) => {
    await Promise.all(ops.map(async ([k, v, kind, expected]) => {
      const s = tx.objectStore(storeOf(k));
      if (kind === 'swap' && ((await req(s.get(k))) ?? null) !== expected) {
        tx.abort();
        throw error('Changed');
      }
      return req(v === null ? s.delete(k) : kind === true ? s.add(v, k) : s.put(v, k));
    }));
    const fault = globalThis.paixIdbFault;
    if (fault) {
      delete globalThis.paixIdbFault;
      tx.abort();
      throw error(fault);
    }
  });
};
