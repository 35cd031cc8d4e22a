// Endpoint throughput for `make bench`: records per second that paix-server
// stores, one per request (16 clients at once) and in batches of 100, on
// SQLite and on PostgreSQL, and two instances on one PostgreSQL beside one
// (the clients split between them). PostgreSQL comes from pg_virtualenv
// (bench.sh runs this script inside it: PGHOST, PGPORT, PGUSER, PGPASSWORD);
// without it only SQLite is measured. No write-rate limit (--write-rate 0).
// Usage: node scripts/bench-endpoint.mjs [records=2000]
import { execFileSync } from 'node:child_process';
import { startServer, newRecord } from '../tests/e2e/helpers.mjs';
import { figure, SMOKE } from './bench-lib.mjs';

const N = Number(process.argv[2] || (SMOKE ? 100 : 2000));
const CLIENTS = 16;
const BATCH = 100;

const post = async (url, body) => {
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await fetch(url + '/api/activities', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      await r.arrayBuffer();
      if (r.status !== 201 && r.status !== 200) throw new Error(`status ${r.status}`);
      return;
    } catch (e) {
      // node's fetch may reuse a keep-alive socket the server just closed.
      if (attempt > 2) throw e;
    }
  }
};

/** Records/s storing N records through `urls` (round robin), one per
 *  request from CLIENTS clients, or in batches. */
async function measure(urls, batch) {
  const records = Array.from({ length: N }, (_, i) => newRecord(i));
  const bodies = batch
    ? Array.from({ length: Math.ceil(N / batch) }, (_, i) => JSON.stringify(records.slice(i * batch, (i + 1) * batch)))
    : records.map((r) => JSON.stringify(r));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: batch ? Math.min(4, bodies.length) : CLIENTS }, async (_, c) => {
    for (let i; (i = next++) < bodies.length;) await post(urls[(c + i) % urls.length], bodies[i]);
  }));
  return Math.round(N / ((performance.now() - t0) / 1000));
}

async function run(label, database, instances) {
  const servers = [];
  for (let i = 0; i < instances; i++) servers.push(await startServer({ database, extra: ['--write-rate', '0'] }));
  try {
    const urls = servers.map((s) => s.url);
    figure('endpoint', `${label}, one per request (${CLIENTS} clients)`, await measure(urls, null), '/s');
    figure('endpoint', `${label}, batches of ${BATCH}`, await measure(urls, BATCH), '/s');
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

await run('SQLite', undefined, 1);
const { PGPORT, PGUSER, PGPASSWORD, PGHOST } = process.env;
if (PGPORT && PGUSER) {
  const name = `paix_bench_${process.pid}`;
  execFileSync('psql', ['-q', '-d', 'postgres', '-c', `CREATE DATABASE ${name}`], { stdio: 'inherit' });
  const host = !PGHOST || PGHOST.startsWith('/') ? `localhost:${PGPORT}` : `${PGHOST}:${PGPORT}`;
  const socket = PGHOST?.startsWith('/') ? `?host=${encodeURIComponent(PGHOST)}` : '';
  const url = `postgres://${encodeURIComponent(PGUSER)}:${encodeURIComponent(PGPASSWORD || '')}@${host}/${name}${socket}`;
  await run('PostgreSQL, one instance', url, 1);
  await run('PostgreSQL, two instances', url, 2);
} else {
  console.log('  (no PostgreSQL: run inside pg_virtualenv, as make bench does)');
}
