import { startServer, launchBrowser } from './helpers.mjs';
const server = await startServer();
const browser = await launchBrowser();
for (let i = 0; i < 6; i++) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 412, height: 823 } }); const rate = [1,4,8][i%3];
  await context.addInitScript(() => { window.__f = []; const t = () => { __f.push(Math.round(performance.now()) + (document.getElementById('boot') ? 'b' : '-') + document.readyState[0]); if (__f.length < 60) requestAnimationFrame(t); }; requestAnimationFrame(t); });
  const page = await context.newPage(); await (await context.newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate });
  page.on('console', (m) => console.log('console', m.text()));
  const t0 = Date.now();
  await page.goto(server.url + '/');
  try { await page.waitForSelector('#boot', { state: 'detached', timeout: 10000 }); console.log(i, rate, "swapped after", Date.now() - t0); }
  catch { console.log(i, 'NOT swapped', await page.evaluate(() => [document.readyState, document.documentElement.className])); }
  console.log((await page.evaluate(() => __f)).slice(0, 12).join(' '));
  await context.close();
}
await browser.close(); await server.stop();
