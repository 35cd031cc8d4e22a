// Self-test of the sync test servers (endpoints.mjs) with plain fetch and
// node:http from node, no browser and no paix-server: the fault proxy sits in
// front of a tiny node server that echoes requests and stores activities.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { startFaultProxy, startRestCollection, startNoCorsEndpoint } from './endpoints.mjs';

/** The upstream: /api/activities stores bodies, /stream sends a first chunk
 *  and ends when `releaseStream` is called, anything else echoes. */
const stored = [];
let releaseStream = () => {};
let upstreamRequests = 0;
const upstream = http.createServer((req, res) => {
  upstreamRequests++;
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url.split('?')[0];
    if (path.startsWith('/api/activities') && (req.method === 'POST' || req.method === 'PUT')) {
      stored.push(JSON.parse(body));
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Stored': String(stored.length) });
      res.end(JSON.stringify({ stored: stored.length }));
      return;
    }
    if (path === '/stream') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('first;');
      releaseStream = () => res.end('last');
      return;
    }
    if (path === '/teapot') {
      res.writeHead(418, 'Short And Stout', [
        'Content-Type', 'text/plain', 'X-Custom', 'kept', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2',
      ]);
      res.end('teapot');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
  });
});
const upstreamSockets = new Set();
upstream.on('connection', (s) => { upstreamSockets.add(s); s.on('close', () => upstreamSockets.delete(s)); });

let proxy;
before(async () => {
  await new Promise((ok) => upstream.listen(0, '127.0.0.1', ok));
  proxy = await startFaultProxy({ target: `http://127.0.0.1:${upstream.address().port}` });
});
after(async () => {
  await proxy?.stop();
  for (const s of upstreamSockets) s.destroy();
  await new Promise((ok) => upstream.close(ok));
});

/** A request by node:http, to choose the connection (`agent`: a keep-alive
 *  agent to reuse one, false for a new one); resolves with { status,
 *  headers, body }, rejects when the connection is cut. */
function call(url, { method = 'GET', body, agent } = {}) {
  return new Promise((ok, fail) => {
    const headers = body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** POST of one activity through the proxy; resolves with the Response. */
function send(id, { method = 'POST', path = '/api/activities', signal } = {}) {
  return fetch(proxy.url + path, {
    method, signal, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id }),
  });
}

test('the proxy forwards method, path, query, headers and body, and the answer unchanged', async () => {
  proxy.reset();
  proxy.faults.plan = ['500'];
  const r = await fetch(`${proxy.url}/echo/x?a=1&b=%C3%A9`, {
    method: 'POST', headers: { 'X-Test': 'yes', 'Content-Type': 'text/plain' }, body: 'payload',
  });
  assert.equal(r.status, 200);
  const echo = await r.json();
  assert.equal(echo.method, 'POST');
  assert.equal(echo.url, '/echo/x?a=1&b=%C3%A9');
  assert.equal(echo.headers['x-test'], 'yes');
  assert.equal(echo.headers.host, `127.0.0.1:${upstream.address().port}`);
  assert.equal(echo.body, 'payload');
  assert.deepEqual(proxy.faults.plan, ['500'], 'a request that is not a send leaves the plan alone');

  const t = await fetch(`${proxy.url}/teapot`);
  assert.equal(t.status, 418);
  assert.equal(t.statusText, 'Short And Stout');
  assert.equal(t.headers.get('x-custom'), 'kept');
  assert.deepEqual(t.headers.getSetCookie(), ['a=1', 'b=2']);
  assert.equal(await t.text(), 'teapot');

  const g = await fetch(`${proxy.url}/api/activities`);
  assert.equal(g.status, 200, 'a GET of the API is not a send');
  const h = await fetch(`${proxy.url}/anything`, { method: 'HEAD' });
  assert.equal(h.status, 200);
  assert.equal(await h.text(), '');
  assert.equal(proxy.stats.sends, 0);
});

test('the proxy streams the answer back as it comes', async () => {
  const r = await fetch(`${proxy.url}/stream`);
  const reader = r.body.getReader();
  const first = await reader.read();
  assert.equal(Buffer.from(first.value).toString(), 'first;');
  releaseStream();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += Buffer.from(value).toString();
  }
  assert.equal(rest, 'last');
});

test('the plan injects 500, 429 and 401 without forwarding, then lets sends through', async () => {
  proxy.reset();
  stored.length = 0;
  proxy.faults.plan = ['500', '429', '401', null];
  proxy.faults.retryAfterS = 7;
  const a = await send('a');
  assert.equal(a.status, 500);
  assert.deepEqual(await a.json(), { error: 'injected' });
  const b = await send('b');
  assert.equal(b.status, 429);
  assert.equal(b.headers.get('retry-after'), '7');
  await b.text();
  const c = await send('c', { method: 'PUT', path: '/api/activities/c' });
  assert.equal(c.status, 401);
  await c.text();
  assert.equal(stored.length, 0, 'nothing reached the server');
  const d = await send('d');
  assert.equal(d.status, 201);
  assert.equal(d.headers.get('x-stored'), '1');
  const e = await send('e');
  assert.equal(e.status, 201);
  await Promise.all([d.text(), e.text()]);
  assert.deepEqual(stored.map((s) => s.id), ['d', 'e']);
  assert.equal(proxy.stats.sends, 5);
  assert.equal(proxy.stats.forwarded, 2);
  assert.deepEqual(proxy.stats.injected, { 500: 1, 429: 1, 401: 1, delay: 0, drop: 0 });
});

test('delay: the server stores the record, a client with a shorter timeout gives up', async () => {
  proxy.reset();
  stored.length = 0;
  proxy.faults.plan = ['delay', 'delay'];
  proxy.faults.delayMs = 300;
  await assert.rejects(send('slow', { signal: AbortSignal.timeout(100) }));
  assert.deepEqual(stored.map((s) => s.id), ['slow']);
  const t0 = Date.now();
  const r = await send('patient');
  assert.equal(r.status, 201);
  assert.deepEqual(await r.json(), { stored: 2 });
  assert.ok(Date.now() - t0 >= 290, 'the answer was held');
  assert.equal(proxy.stats.injected.delay, 2);
  assert.equal(proxy.stats.forwarded, 2);
});

test('drop: the record is stored, the answer lost, and the next requests work', async () => {
  proxy.reset();
  stored.length = 0;
  proxy.faults.plan = ['drop'];
  await assert.rejects(send('lost'));
  assert.deepEqual(stored.map((s) => s.id), ['lost']);
  const r = await send('next');
  assert.equal(r.status, 201);
  await r.text();
  const g = await fetch(`${proxy.url}/after-drop`);
  assert.equal(g.status, 200);
  await g.text();
  assert.equal(proxy.stats.injected.drop, 1);
});

test("drop on a reused connection: the browser's resend is cut too, unforwarded", async () => {
  proxy.reset();
  stored.length = 0;
  proxy.faults.plan = ['drop', '500', 'drop'];
  const url = `${proxy.url}/api/activities`;
  const twice = '{"id":"twice"}';
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    assert.equal((await call(`${proxy.url}/warm`, { agent })).status, 200);
    await assert.rejects(call(url, { method: 'POST', body: twice, agent }), 'dropped on the reused connection');
    await assert.rejects(call(url, { method: 'POST', body: twice, agent: false }), "Chromium's resend, on a new connection, is cut");
    assert.deepEqual(stored.map((s) => s.id), ['twice'], 'the target got the send once');
    assert.equal(proxy.stats.resends, 1);
    assert.equal(proxy.stats.sends, 1);
    const retry = await call(url, { method: 'POST', body: twice, agent: false });
    assert.equal(retry.status, 500, "the page's own retry is a new send and takes the next fault");

    const fresh = '{"id":"fresh"}';
    await assert.rejects(call(url, { method: 'POST', body: fresh, agent: false }), 'dropped on a new connection');
    const again = await call(url, { method: 'POST', body: fresh, agent: false });
    assert.equal(again.status, 201, 'no resend to expect after a drop on a new connection');
    assert.equal(proxy.stats.resends, 1);
    assert.equal(proxy.stats.sends, 4);
  } finally {
    agent.destroy();
  }
});

test('every: every n-th send gets the next kind in turn; the plan wins', async () => {
  proxy.reset();
  proxy.faults.every = { n: 2, kinds: ['500', '429'] };
  const statuses = [];
  for (let i = 0; i < 6; i++) {
    if (i === 5) proxy.faults.plan = ['401'];
    const r = await send(`every-${i}`);
    statuses.push(r.status);
    await r.text();
  }
  assert.deepEqual(statuses, [201, 500, 201, 429, 201, 401]);
  const r = await send('every-6');
  assert.equal(r.status, 201);
  await r.text();
  const r8 = await send('every-7');
  assert.equal(r8.status, 500, 'the turn resumes where it was');
  await r8.text();
});

test('unauthorizedUntil answers 401 to every send until then, before the plan', async () => {
  proxy.reset();
  proxy.faults.plan = ['500'];
  proxy.faults.unauthorizedUntil = Date.now() + 200;
  const r = await send('u1');
  assert.equal(r.status, 401);
  await r.text();
  const g = await fetch(`${proxy.url}/not-a-send`);
  assert.equal(g.status, 200);
  await g.text();
  await new Promise((ok) => setTimeout(ok, 220));
  const r2 = await send('u2');
  assert.equal(r2.status, 500, 'the plan was kept for later');
  await r2.text();
  const r3 = await send('u3');
  assert.equal(r3.status, 201);
  await r3.text();
});

test('down destroys every socket; back up, all works again', async () => {
  proxy.reset();
  proxy.faults.down = true;
  await assert.rejects(fetch(`${proxy.url}/app`));
  await assert.rejects(send('down'));
  assert.equal(proxy.stats.refused, 2);
  assert.equal(proxy.stats.sends, 0);
  proxy.faults.down = false;
  const g = await fetch(`${proxy.url}/app`);
  assert.equal(g.status, 200);
  await g.text();
});

test('reset clears faults and stats in place', async () => {
  const { faults, stats } = proxy;
  faults.plan = ['500'];
  faults.down = true;
  proxy.reset();
  assert.equal(proxy.faults, faults);
  assert.equal(proxy.stats, stats);
  assert.deepEqual(faults, { plan: [] });
  assert.equal(stats.sends, 0);
  assert.deepEqual(stats.injected, { 500: 0, 429: 0, 401: 0, delay: 0, drop: 0 });
});

test('a client that leaves mid-request does not crash the proxy', async () => {
  proxy.reset();
  await new Promise((ok) => {
    const s = net.connect(proxy.port, '127.0.0.1', () => {
      s.write('POST /api/activities HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"id":');
      setTimeout(() => { s.destroy(); ok(); }, 30);
    });
    s.on('error', () => {});
  });
  const garbage = net.connect(proxy.port, '127.0.0.1', () => garbage.end('NOT HTTP\r\n\r\n'));
  let answer = '';
  garbage.on('data', (d) => { answer += d; });
  garbage.on('error', () => {});
  await new Promise((ok) => garbage.on('close', ok));
  assert.match(answer, /^HTTP\/1.1 400/);
  const r = await send('after-leave');
  assert.equal(r.status, 201);
  await r.text();
});

test('an unreachable target answers 502', async () => {
  const closed = http.createServer();
  await new Promise((ok) => closed.listen(0, '127.0.0.1', ok));
  const port = closed.address().port;
  await new Promise((ok) => closed.close(ok));
  const p = await startFaultProxy({ target: `http://127.0.0.1:${port}` });
  try {
    const r = await fetch(`${p.url}/x`);
    assert.equal(r.status, 502);
    await r.text();
    const s = await fetch(`${p.url}/api/activities`, { method: 'POST', body: '{}' });
    assert.equal(s.status, 502);
    await s.text();
  } finally {
    await p.stop();
  }
});

test('stop closes keep-alive sockets and resolves', async () => {
  const p = await startFaultProxy({ target: `http://127.0.0.1:${upstream.address().port}` });
  const agent = new http.Agent({ keepAlive: true });
  await new Promise((ok, fail) => {
    http.get(`${p.url}/keep`, { agent }, (res) => { res.resume(); res.on('end', ok); }).on('error', fail);
  });
  const t0 = Date.now();
  await p.stop();
  assert.ok(Date.now() - t0 < 1000);
  agent.destroy();
});

test('REST collection: 201 with extra fields and Location, duplicates 500, GET, HEAD, CORS', async () => {
  const origin = 'http://127.0.0.1:9';
  const c = await startRestCollection({ origin });
  try {
    const pre = await fetch(`${c.url}/collection`, { method: 'OPTIONS', headers: { Origin: origin } });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), origin);
    assert.equal(pre.headers.get('access-control-allow-methods'), 'GET, HEAD, POST, PUT, OPTIONS');
    assert.equal(pre.headers.get('access-control-allow-headers'), 'Content-Type, Idempotency-Key, Authorization, X-API-Key');
    assert.equal(pre.headers.get('access-control-max-age'), '600');

    const post = (body) => fetch(`${c.url}/collection`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const r = await post({ id: 'a 1', n: 1 });
    assert.equal(r.status, 201);
    assert.equal(r.headers.get('location'), '/collection/a%201');
    assert.equal(r.headers.get('access-control-allow-origin'), origin);
    assert.equal(r.headers.get('access-control-expose-headers'), 'Location, Date, Retry-After');
    const rec = await r.json();
    assert.equal(rec.id, 'a 1');
    assert.equal(rec.n, 1);
    assert.ok(!Number.isNaN(Date.parse(rec.createdAt)));
    assert.match(rec._rev, /^1-[0-9a-f]{8}$/);
    assert.deepEqual(c.records.get('a 1'), rec);

    const dup = await post({ id: 'a 1', n: 2 });
    assert.equal(dup.status, 500);
    assert.deepEqual(await dup.json(), { error: 'duplicate id' });
    assert.equal(dup.headers.get('access-control-allow-origin'), origin);
    assert.equal(c.stats.duplicates, 1);

    const noId = await post({ n: 3 });
    assert.equal(noId.status, 400);
    await noId.text();

    const one = await fetch(`${c.url}/collection/a%201`);
    assert.equal(one.status, 200);
    assert.deepEqual(await one.json(), rec);
    const missing = await fetch(`${c.url}/collection/nope`);
    assert.equal(missing.status, 404);
    await missing.text();
    const all = await fetch(`${c.url}/collection`);
    assert.deepEqual(await all.json(), [rec]);
    const head = await fetch(`${c.url}/collection`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');

    c.faults.failNext = 1;
    const busy = await post({ id: 'b' });
    assert.equal(busy.status, 503);
    await busy.text();
    assert.equal(c.records.has('b'), false);

    c.faults.dropNext = 1;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await call(`${c.url}/collection`, { agent });
    await assert.rejects(call(`${c.url}/collection`, { method: 'POST', body: '{"id":"c"}', agent }));
    agent.destroy();
    assert.equal(c.records.has('c'), true);
    assert.equal(c.faults.dropNext, 0);
    await assert.rejects(call(`${c.url}/collection`, { method: 'POST', body: '{"id":"c"}', agent: false }),
      "Chromium's resend after a cut on a reused connection is cut too");
    assert.equal(c.stats.resends, 1);

    const again = await post({ id: 'c' });
    assert.equal(again.status, 500, 'a later retry after a lost answer meets the duplicate');
    await again.text();
    assert.deepEqual(c.stats, { posts: 6, puts: 0, gets: 4, heads: 1, duplicates: 2, resends: 1 });

    const put = await fetch(`${c.url}/collection/c`, { method: 'PUT', body: JSON.stringify({ id: 'c', v: 2 }) });
    assert.equal(put.status, 200);
    assert.match((await put.json())._rev, /^2-/);

    const other = await fetch(`${c.url}/elsewhere`);
    assert.equal(other.status, 404, 'without appTarget, other paths are 404');
    await other.text();
  } finally {
    await c.stop();
  }
});

test('REST collection with appTarget forwards other paths; without origin, no CORS', async () => {
  const c = await startRestCollection({ path: '/store', appTarget: `http://127.0.0.1:${upstream.address().port}` });
  try {
    const app = await fetch(`${c.url}/index.html?x=1`);
    assert.equal(app.status, 200);
    assert.equal((await app.json()).url, '/index.html?x=1');
    const r = await fetch(`${c.url}/store`, { method: 'POST', body: JSON.stringify({ id: 1 }) });
    assert.equal(r.status, 201);
    assert.equal(r.headers.get('access-control-allow-origin'), null);
    assert.equal(r.headers.get('location'), '/store/1');
    await r.text();
    assert.equal(c.records.get('1').id, 1);
  } finally {
    await c.stop();
  }
});

test('the no-CORS endpoint answers 200 {"ok":true} without Access-Control headers', async () => {
  const e = await startNoCorsEndpoint();
  try {
    for (const method of ['OPTIONS', 'GET', 'POST']) {
      const r = await fetch(`${e.url}/api/activities`, {
        method, headers: { Origin: 'http://127.0.0.1:9' }, body: method === 'POST' ? '{}' : undefined,
      });
      assert.equal(r.status, 200);
      assert.deepEqual(await r.json(), { ok: true });
      assert.deepEqual([...r.headers.keys()].filter((k) => k.startsWith('access-control-')), []);
    }
    assert.deepEqual(e.stats, { requests: 3 });
  } finally {
    await e.stop();
  }
});
