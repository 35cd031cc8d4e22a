// Test servers for the sync end-to-end tests, on node's standard library
// only: a reverse proxy in front of paix-server that injects faults into the
// app's sends, a naive REST collection (another origin, with or without the
// app behind it), and an endpoint that exists but refuses cross-origin use.
// Every server listens on 127.0.0.1 on an ephemeral port, reports
// `url` = `http://127.0.0.1:PORT`, and `stop()` also ends keep-alive sockets.
import http from 'node:http';
import { createHash } from 'node:crypto';

/** Headers that describe one connection, never forwarded either way. */
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade',
  'te', 'trailer', 'proxy-authenticate', 'proxy-authorization',
]);

/** The fault names a proxy plan or `every.kinds` may hold. */
const FAULTS = ['500', '429', '401', 'delay', 'drop'];

const noop = () => {};

/** Chromium sends a request again, on its own and at once, when a reused
 *  keep-alive connection closes before any answer header (it takes that for
 *  an idle connection the server had just closed), POST included; on a new
 *  connection it does not. So that a destroyed answer reaches the page as a
 *  failure, a server that cut a request on a reused connection cuts the
 *  next identical one (method, target, body) too, unprocessed, if it comes
 *  within `windowMs` — and again if that one came on a reused connection. */
function resendGuard() {
  let last = null;
  const key = (req, body) => `${req.method} ${req.url}\n${createHash('sha1').update(body).digest('hex')}`;
  return {
    /** Called when `req` is cut unanswered. */
    cut(req, body, windowMs = 1000) {
      last = req.reusedConnection ? { key: key(req, body), until: Date.now() + windowMs } : null;
    },
    /** True for the browser's resend of the request cut last. */
    isResend(req, body) {
      if (last === null || Date.now() > last.until || last.key !== key(req, body)) return false;
      if (!req.reusedConnection) last = null;
      return true;
    },
    clear() { last = null; },
  };
}

/** An HTTP server on 127.0.0.1:0 that tracks its sockets and timers;
 *  `handler(req, res)` may be async, a throw answers 500. */
function serve(handler) {
  const sockets = new Set();
  const timers = new Set();
  const served = new WeakMap();
  const server = http.createServer((req, res) => {
    const n = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, n);
    req.reusedConnection = n > 1;
    req.on('error', noop);
    res.on('error', noop);
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err) => { console.error('test server:', err); failed(res, 500, err); });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', noop);
    socket.once('close', () => sockets.delete(socket));
  });
  /** setTimeout, cleared by stop(). */
  const later = (fn, ms) => {
    const t = setTimeout(() => { timers.delete(t); fn(); }, ms);
    timers.add(t);
  };
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', fail);
      server.on('error', noop);
      const { port } = server.address();
      let stopped;
      const stop = () => (stopped ??= new Promise((done) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => done());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      }));
      ok({ server, port, url: `http://127.0.0.1:${port}`, stop, later });
    });
  });
}

/** The whole request body; rejects if the client went away first. */
function readBody(req, limit = 32 * 1024 * 1024) {
  return new Promise((ok, fail) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) { fail(new Error('request body too large')); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('close', () => { if (!req.complete) fail(new Error('client went away')); });
    req.on('error', fail);
  });
}

/** The path of a request target, without the query. */
function pathOf(url) {
  try { return new URL(url, 'http://x').pathname; } catch { return url.split('?')[0]; }
}

/** Lower-case names a Connection header lists, plus the usual hop-by-hop ones. */
function dropped(connection) {
  const names = new Set(HOP_BY_HOP);
  for (const n of String(connection ?? '').split(',')) if (n.trim()) names.add(n.trim().toLowerCase());
  return names;
}

/** Answers a JSON body (unless the socket is gone). */
function json(res, status, body, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** An error answer if nothing was sent yet, else the connection is cut. */
function failed(res, status, err) {
  if (res.headersSent) res.destroy();
  else json(res, status, { error: status === 502 ? 'bad gateway' : 'test server error', detail: String(err?.message ?? err) });
}

/** Forwarding to `target` (an origin such as http://127.0.0.1:4321) over a
 *  keep-alive agent: method, path and query, headers (Host set to the
 *  target) and body go up unchanged, minus hop-by-hop headers. */
function forwarder(target) {
  const base = new URL(target);
  if (base.protocol !== 'http:') throw new Error(`forwarding needs an http: target, not ${target}`);
  const agent = new http.Agent({ keepAlive: true });

  /** The upstream answer (headers received, body unread) to `req`, whose
   *  body was read already; a reused idle socket the server had closed is
   *  retried once. */
  function upstream(req, body, retried = false) {
    return new Promise((ok, fail) => {
      const drop = dropped(req.headers.connection);
      drop.add('host').add('content-length').add('expect');
      const headers = {};
      const raw = req.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) {
        if (drop.has(raw[i].toLowerCase())) continue;
        const name = Object.keys(headers).find((k) => k.toLowerCase() === raw[i].toLowerCase()) ?? raw[i];
        headers[name] = name in headers ? [].concat(headers[name], raw[i + 1]) : raw[i + 1];
      }
      headers.Host = base.host;
      if (body.length || 'content-length' in req.headers || 'transfer-encoding' in req.headers) {
        headers['Content-Length'] = body.length;
      }
      let answered = false;
      const up = http.request({
        hostname: base.hostname, port: base.port || 80, method: req.method, path: req.url, headers, agent,
      });
      up.on('response', (upRes) => { answered = true; upRes.on('error', noop); ok(upRes); });
      up.on('error', (err) => {
        if (answered) return;
        if (!retried && up.reusedSocket && err.code === 'ECONNRESET') upstream(req, body, true).then(ok, fail);
        else fail(err);
      });
      up.end(body.length ? body : undefined);
    });
  }

  /** The answer's headers as a flat [name, value, …] list, minus hop-by-hop. */
  function answerHeaders(upRes) {
    const drop = dropped(upRes.headers.connection);
    const out = [];
    const raw = upRes.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) if (!drop.has(raw[i].toLowerCase())) out.push(raw[i], raw[i + 1]);
    return out;
  }

  /** Forwards `req` and streams the answer back; 502 if the target fails. */
  async function stream(req, res, body) {
    const upRes = await upstream(req, body);
    if (res.destroyed || res.writableEnded) { upRes.resume(); return; }
    res.writeHead(upRes.statusCode, upRes.statusMessage, answerHeaders(upRes));
    upRes.pipe(res);
    upRes.on('close', () => { if (!upRes.complete) res.destroy(); });
    res.on('close', () => { if (!upRes.complete) upRes.destroy(); });
  }

  /** Forwards `req` and reads the whole answer: { status, message, headers, body }. */
  async function buffered(req, body) {
    const upRes = await upstream(req, body);
    const answer = await readBody(upRes);
    return { status: upRes.statusCode, message: upRes.statusMessage, headers: answerHeaders(upRes), body: answer };
  }

  /** Sends an answer read by buffered(). */
  function replay(res, a) {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(a.status, a.message, a.headers);
    res.end(a.body);
  }

  return {
    /** Forwards a request not read yet, streaming the answer back. */
    async forward(req, res) {
      let body;
      try { body = await readBody(req); } catch { return; }
      try { await stream(req, res, body); } catch (err) { failed(res, 502, err); }
    },
    stream, buffered, replay,
    close: () => agent.destroy(),
  };
}

/** Empty fault settings and counters of a fault proxy. */
function freshStats() {
  return { requests: 0, refused: 0, resends: 0, sends: 0, forwarded: 0, inFlight: 0, maxInFlight: 0, injected: Object.fromEntries(FAULTS.map((f) => [f, 0])) };
}

/** Starts a reverse proxy to `target` (e.g. paix-server's url) that forwards
 *  every request unchanged (Host aside) and streams the answer back, so the
 *  app and its API share the proxy's origin. Faults apply only to "sends":
 *  POST or PUT to a path starting with /api/activities. Resolves with
 *  { url, port, stop(), faults, stats, reset() }.
 *
 *  `faults` is a plain object the test changes at any time:
 *  - `down`: while true every request (any path) has its socket destroyed;
 *  - `unauthorizedUntil`: a Date.now() time; until then every send gets 401;
 *  - `plan`: fault names consumed one per send (null or 'pass' lets that
 *    send through): '500' ({"error":"injected"}), '429' (Retry-After
 *    `retryAfterS` ?? 1), '401' — all three answered without forwarding;
 *    'delay' — forwarded, the full answer held `delayMs` ?? 3000 ms;
 *    'drop' — forwarded, full answer read (the record is stored), then the
 *    client socket destroyed without an answer; Chromium's own immediate
 *    resend of that request (see resendGuard) is cut too without
 *    forwarding, within `resendWindowMs` ?? 1000 ms, so the page sees the
 *    failure and the target gets the send once;
 *  - `every`: { n, kinds } — every n-th send (stats.sends) takes the next
 *    of `kinds` in turn when the plan gives nothing.
 *  Precedence: down, unauthorizedUntil, plan, every.
 *  `stats`: { requests (all), refused (while down; Chromium resends on
 *  reused connections, so one fetch may count more than once), resends
 *  (browser resends of a dropped send, cut, not counted as sends), sends,
 *  forwarded (sends that reached the target, delay and drop included),
 *  injected: { '500', '429', '401', delay, drop } }. Upstream failures
 *  answer 502. `reset()` clears faults and stats in place. */
export async function startFaultProxy({ target }) {
  const fwd = forwarder(target);
  const resend = resendGuard();
  let lastEvery = null;
  let turn = 0;

  const proxy = {
    faults: { plan: [] },
    stats: freshStats(),
    reset() {
      for (const k of Object.keys(proxy.faults)) delete proxy.faults[k];
      proxy.faults.plan = [];
      Object.assign(proxy.stats, freshStats());
      lastEvery = null;
      turn = 0;
      resend.clear();
    },
  };

  /** The fault for the send numbered `n`, or null to let it through. */
  function pick(f, n) {
    if (f.unauthorizedUntil && Date.now() < f.unauthorizedUntil) return '401';
    if (Array.isArray(f.plan) && f.plan.length) return f.plan.shift() ?? null;
    const e = f.every;
    if (e && e.n > 0 && Array.isArray(e.kinds) && e.kinds.length && n % e.n === 0) {
      if (e !== lastEvery) { lastEvery = e; turn = 0; }
      return e.kinds[turn++ % e.kinds.length];
    }
    return null;
  }

  const srv = await serve(async (req, res) => {
    const stats = proxy.stats;
    const f = proxy.faults ?? {};
    stats.requests++;
    if (f.down) { stats.refused++; req.socket.destroy(); return; }
    const send = pathOf(req.url).startsWith('/api/activities') && (req.method === 'POST' || req.method === 'PUT');
    if (!send) return fwd.forward(req, res);

    let body;
    try { body = await readBody(req); } catch { return; }
    if (resend.isResend(req, body)) { stats.resends++; req.socket.destroy(); return; }
    stats.sends++;
    // Sends the client is waiting on at once (until the answer ends or the
    // client gives up): one engine across tabs keeps this at 1.
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.once('close', () => { stats.inFlight--; });
    let fault = pick(f, stats.sends);
    if (fault === 'pass') fault = null;
    if (fault !== null) fault = String(fault);
    if (fault !== null && !FAULTS.includes(fault)) {
      json(res, 500, { error: `unknown fault name in the test: ${fault}` });
      return;
    }
    if (fault) stats.injected[fault] = (stats.injected[fault] ?? 0) + 1;

    if (fault === '500') return json(res, 500, { error: 'injected' });
    if (fault === '429') return json(res, 429, { error: 'injected' }, { 'Retry-After': String(f.retryAfterS ?? 1) });
    if (fault === '401') return json(res, 401, { error: 'injected' });

    stats.forwarded++;
    if (!fault) {
      try { await fwd.stream(req, res, body); } catch (err) { failed(res, 502, err); }
      return;
    }
    let answer;
    try { answer = await fwd.buffered(req, body); } catch (err) { failed(res, 502, err); return; }
    if (fault === 'drop') {
      resend.cut(req, body, f.resendWindowMs);
      req.socket.destroy();
      return;
    }
    srv.later(() => fwd.replay(res, answer), f.delayMs ?? 3000);
  });

  proxy.url = srv.url;
  proxy.port = srv.port;
  proxy.stop = async () => { fwd.close(); await srv.stop(); };
  return proxy;
}

/** Starts a naive JSON store at `path` (default /collection): POST {path}
 *  stores a body with an `id` (400 without one) and answers 201 with the
 *  stored record — plus `createdAt` (ISO time) and `_rev` ("1-" and 8 hex
 *  digits), which a client must ignore — and `Location: {path}/{id}`; a
 *  second POST of an id answers 500 {"error":"duplicate id"} (no
 *  idempotency). PUT {path}/{id} stores or replaces (201 / 200). GET
 *  {path}/{id} answers the record or 404, GET {path} an array of all,
 *  HEAD {path} 200 without a body. Faults: while `faults.failNext` > 0 a
 *  POST answers 503 unstored; while `faults.dropNext` > 0 a POST is stored
 *  and its socket destroyed unanswered (each counts down; Chromium's own
 *  resend of it within `faults.resendWindowMs` ?? 1000 ms is cut as well,
 *  unprocessed, and counted in `stats.resends`, see resendGuard). With
 *  `origin`, preflights get 204 (allowing `allowHeaders`) and every answer
 *  allows that origin. With
 *  `appTarget`, any other path is forwarded there (the app on the same
 *  origin). Resolves with { url, port, stop(), records (Map id → stored
 *  record), stats: { posts, puts, gets, heads, duplicates, resends }, faults }. */
export async function startRestCollection({ origin, path = '/collection', appTarget, allowHeaders = 'Content-Type, Idempotency-Key, Authorization, X-API-Key', allowMethods = 'GET, HEAD, POST, PUT, OPTIONS' } = {}) {
  const base = path.replace(/\/+$/, '');
  const fwd = appTarget ? forwarder(appTarget) : null;
  const resend = resendGuard();
  const cors = origin
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Location, Date, Retry-After' }
    : {};
  const store = {
    records: new Map(),
    stats: { posts: 0, puts: 0, gets: 0, heads: 0, duplicates: 0, resends: 0 },
    faults: { dropNext: 0, failNext: 0 },
  };

  /** The record as stored: the body plus the fields a client must ignore. */
  const stamp = (body, rev) => ({
    ...body,
    createdAt: new Date().toISOString(),
    _rev: `${rev}-${createHash('md5').update(JSON.stringify(body)).digest('hex').slice(0, 8)}`,
  });

  /** The JSON object of a request body, or undefined (answered 400). */
  function objectBody(raw, res) {
    let value;
    try { value = JSON.parse(raw.toString('utf8')); } catch (err) {
      json(res, 400, { error: `invalid JSON: ${err.message}` }, cors);
      return undefined;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      json(res, 400, { error: 'the body must be a JSON object' }, cors);
      return undefined;
    }
    return value;
  }

  const srv = await serve(async (req, res) => {
    const p = pathOf(req.url);
    if (!(p === base || p.startsWith(`${base}/`))) {
      if (fwd) return fwd.forward(req, res);
      return json(res, 404, { error: 'not found' }, cors);
    }
    const rest = p.slice(base.length).replace(/^\//, '');
    let id = null;
    if (rest) {
      try { id = decodeURIComponent(rest); } catch { return json(res, 400, { error: 'bad id' }, cors); }
    }
    const { stats, records } = store;
    const faults = store.faults ?? {};

    if (req.method === 'OPTIONS') {
      req.resume();
      res.writeHead(204, origin ? {
        ...cors,
        'Access-Control-Allow-Methods': allowMethods,
        'Access-Control-Allow-Headers': allowHeaders,
        'Access-Control-Max-Age': '600',
      } : { Allow: 'GET, HEAD, POST, PUT, OPTIONS' });
      return res.end();
    }
    if (req.method === 'POST' && id === null) {
      let raw;
      try { raw = await readBody(req); } catch { return; }
      if (resend.isResend(req, raw)) { stats.resends++; req.socket.destroy(); return; }
      stats.posts++;
      const body = objectBody(raw, res);
      if (body === undefined) return;
      if (faults.failNext > 0) {
        faults.failNext--;
        return json(res, 503, { error: 'unavailable' }, { ...cors, 'Retry-After': '1' });
      }
      if (body.id === undefined || body.id === null || body.id === '') {
        return json(res, 400, { error: 'missing id' }, cors);
      }
      const key = String(body.id);
      if (records.has(key)) {
        stats.duplicates++;
        return json(res, 500, { error: 'duplicate id' }, cors);
      }
      const stored = stamp(body, 1);
      records.set(key, stored);
      if (faults.dropNext > 0) {
        faults.dropNext--;
        resend.cut(req, raw, faults.resendWindowMs);
        req.socket.destroy();
        return;
      }
      return json(res, 201, stored, { ...cors, Location: `${base}/${encodeURIComponent(key)}` });
    }
    if (req.method === 'PUT' && id !== null) {
      let raw;
      try { raw = await readBody(req); } catch { return; }
      stats.puts++;
      const body = objectBody(raw, res);
      if (body === undefined) return;
      if (body.id !== undefined && String(body.id) !== id) {
        return json(res, 400, { error: 'the id of the body is not the id of the path' }, cors);
      }
      const old = records.get(id);
      const rev = old ? Number.parseInt(old._rev, 10) + 1 : 1;
      const stored = stamp({ ...body, id: body.id ?? id }, rev);
      records.set(id, stored);
      return json(res, old ? 200 : 201, stored, { ...cors, Location: `${base}/${encodeURIComponent(id)}` });
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      req.resume();
      if (req.method === 'GET') stats.gets++; else stats.heads++;
      if (id === null) return json(res, 200, [...records.values()], cors);
      if (!records.has(id)) return json(res, 404, { error: 'not found' }, cors);
      return json(res, 200, records.get(id), cors);
    }
    req.resume();
    return json(res, 405, { error: 'method not allowed' }, { ...cors, Allow: 'GET, HEAD, POST, PUT, OPTIONS' });
  });

  store.url = srv.url;
  store.port = srv.port;
  store.stop = async () => { fwd?.close(); await srv.stop(); };
  return store;
}

/** Starts a server that answers every request, OPTIONS included, 200
 *  {"ok":true} with no Access-Control-* header at all: it exists but refuses
 *  cross-origin use. Resolves with { url, port, stop(), stats: { requests } }. */
export async function startNoCorsEndpoint() {
  const endpoint = { stats: { requests: 0 } };
  const srv = await serve((req, res) => {
    endpoint.stats.requests++;
    req.resume();
    json(res, 200, { ok: true });
  });
  endpoint.url = srv.url;
  endpoint.port = srv.port;
  endpoint.stop = srv.stop;
  return endpoint;
}

/** Starts an endpoint that takes any record (CORS open to `origin`) and
 *  answers 201 with `megabytes` MB of JSON-looking bytes: an endpoint that
 *  would fill the phone's memory. Resolves with { url, stop(), stats:
 *  { posts, bytesSent } } (bytes written before the client hung up). */
export async function startFloodEndpoint({ origin, megabytes = 64 }) {
  const endpoint = { stats: { posts: 0, bytesSent: 0 } };
  const cors = { 'Access-Control-Allow-Origin': origin };
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  const srv = await serve(async (req, res) => {
    if (req.method === 'OPTIONS') {
      req.resume();
      res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key' });
      return res.end();
    }
    try { await readBody(req); } catch { return; }
    endpoint.stats.posts++;
    res.writeHead(201, { ...cors, 'Content-Type': 'application/json' });
    res.write('{"padding":"');
    for (let i = 0; i < megabytes && !res.destroyed; i++) {
      if (!res.write(chunk)) await new Promise((ok) => { res.once('drain', ok); res.once('close', ok); });
      if (!res.destroyed) endpoint.stats.bytesSent += chunk.length;
    }
    res.end('"}');
  });
  endpoint.url = srv.url;
  endpoint.stop = srv.stop;
  return endpoint;
}
