// Device lock figures for `make bench` (prints, asserts nothing): the time
// to derive the key from a PIN (PBKDF2-SHA-256, 600,000 iterations, as
// unlocking does) in Chromium, as is and with the CPU slowed 4× (the
// low-end phone case), and the time to seal and open one record. DevTools'
// throttling slows the page's own JavaScript, not WebCrypto, which runs
// natively: the 4× line shows that the derivation does not block the page.
// Usage: node scripts/bench-lock.mjs [runs=3]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, appReady, FIXTURE, ROOT } from '../tests/e2e/helpers.mjs';
import { figure, median } from './bench-lib.mjs';

// The work factor as the app has it (src/lock/params.rs).
const params = readFileSync(join(ROOT, 'src', 'lock', 'params.rs'), 'utf8');
const MIN_ITERATIONS = Number(params.match(/MIN_ITERATIONS: u32 = ([\d_]+);/)[1].replaceAll('_', ''));

const RUNS = Number(process.argv[2] || 3);
// The app's lock module as written: the build folds it into the loader
// (scripts/bundle-snippets.mjs), where its functions are not exported. It
// is served to the page under its own address, the worker kept out of it.
const lockJs = '/bench-lock/lock.js';
const lockSource = readFileSync(join(ROOT, 'src', 'ui', 'lock.js'), 'utf8');

const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ serviceWorkers: 'block' });
  await page.route(`**${lockJs}`, (route) => route.fulfill({ body: lockSource, contentType: 'text/javascript' }));
  await page.goto(server.url + '/');
  await appReady(page);
  const cdp = await page.context().newCDPSession(page);
  const measure = () => page.evaluate(async ([path, iterations, record]) => {
    const m = await import(path);
    const t0 = performance.now();
    const key = await m.derive('246810', m.random(16), iterations);
    const derive = performance.now() - t0;
    const text = JSON.stringify({ record, state: { queued: { attempts: 0 } } });
    const t1 = performance.now();
    const [iv, data] = await m.seal(key, text);
    await m.open(key, iv, data);
    return [derive, performance.now() - t1];
  }, [lockJs, MIN_ITERATIONS, FIXTURE]);
  console.log(`Device lock (PBKDF2-SHA-256, ${MIN_ITERATIONS.toLocaleString('en-US')} iterations; median of ${RUNS}):`);
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure());
    const label = rate === 1 ? 'this machine' : `CPU ${rate}× slower`;
    figure('lock', `key derivation, ${label}`, Math.round(median(runs.map((r) => r[0]))), 'ms');
    figure('lock', `seal + open one record, ${label}`, Math.round(median(runs.map((r) => r[1])) * 10) / 10, 'ms');
  }
} finally {
  await browser.close();
  await server.stop();
}
