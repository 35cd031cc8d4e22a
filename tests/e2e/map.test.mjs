// The map of Mali: each in-scope region opens its page with the right
// counts, Bamako and Kidal are inert, keyboard works; screenshots saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, watchErrors, appReady, ARTIFACTS } from './helpers.mjs';
import { inScope, projectsOfRegion, csosOfRegion } from './data.mjs';

const env = serverAndBrowser();

/** Clicks the map where a region's label sits (a point inside the region). */
async function clickRegion(page, id) {
  const label = page.locator(`svg.map text[data-region="${id}"]`);
  const box = await label.boundingBox();
  assert.ok(box, `label of ${id} is drawn`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

for (const [w, h] of [[360, 640], [1024, 768]]) {
  test(`at ${w}×${h} each in-scope region opens its page with the right counts`, async () => {
    const context = await env.browser.newContext({ viewport: { width: w, height: h } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url + '/');
    await appReady(page);
    await page.locator('svg.map').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/map-${w}x${h}.png`, fullPage: true });
    for (const region of inScope) {
      const projects = projectsOfRegion(region.id).length;
      const csos = csosOfRegion(region.id).size;
      const name = await page.getAttribute(`path[data-region="${region.id}"]`, 'aria-label');
      assert.equal(name, `${region.name} — ${projects} projet${projects > 1 ? 's' : ''}, ${csos} OSC`);
      await clickRegion(page, region.id);
      await page.waitForURL(`${env.server.url}/regions/${region.id}`);
      assert.equal(await page.textContent('main h1'), region.name);
      const lists = page.locator('main ul.cards');
      assert.equal(await lists.nth(0).locator('> li').count(), projects, `${region.name} projects`);
      assert.equal(await lists.nth(1).locator('> li').count(), csos, `${region.name} CSOs`);
      await page.goBack();
      await page.waitForURL(env.server.url + '/');
      await page.waitForSelector('svg.map');
    }
    await page.goto(`${env.server.url}/regions/ML10`);
    await appReady(page);
    await page.screenshot({ path: `${ARTIFACTS}/region-menaka-${w}x${h}.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('Bamako and Kidal are greyed and do nothing', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(env.server.url + '/');
  await appReady(page);
  await clickRegion(page, 'ML08');
  const bamako = await page.locator('svg.map path.region.out').nth(1).boundingBox();
  await page.mouse.click(bamako.x + bamako.width / 2, bamako.y + bamako.height / 2);
  await page.waitForTimeout(300);
  assert.equal(page.url(), env.server.url + '/');
  assert.equal(await page.locator('svg.map path.region.out').count(), 2);
  assert.equal(await page.locator('svg.map path.region.out[tabindex]').count(), 0);
  await page.close();
});

test('Tab reaches the regions and Enter opens one', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(env.server.url + '/');
  await appReady(page);
  let focused = null;
  for (let i = 0; i < 40 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.getAttribute('data-region'));
  }
  assert.equal(focused, inScope[0].id, 'the first focusable region is the first in-scope one');
  assert.match(await page.textContent('.summary'), new RegExp(inScope[0].name));
  await page.keyboard.press('Tab');
  const second = await page.evaluate(() => document.activeElement?.getAttribute('data-region'));
  assert.equal(second, inScope[1].id);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${env.server.url}/regions/${inScope[1].id}`);
  await page.close();
});

test('the region list offers the same counts without the map', async () => {
  const page = await env.browser.newPage();
  await page.goto(env.server.url + '/regions');
  await appReady(page);
  for (const region of inScope) {
    const row = page.locator('.region-row', { has: page.locator(`a[href="/regions/${region.id}"]`) });
    const projects = projectsOfRegion(region.id).length;
    assert.match(await row.textContent(), new RegExp(`${projects} projet`));
  }
  assert.equal(await page.locator('.region-row.out').count(), 2);
  await page.close();
});
