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

/** Moves the pointer onto a region (where its label sits), as a mouse would. */
async function hoverRegion(page, id) {
  const box = await page.locator(`svg.map text[data-region="${id}"]`).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
}

test('with a mouse the summary keeps the region, so its link can be clicked; its button clears it', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1024, height: 768 } });
  const errors = watchErrors(page);
  await page.goto(env.server.url + '/');
  await appReady(page);
  await page.locator('svg.map').scrollIntoViewIfNeeded();
  await hoverRegion(page, 'ML05');
  await page.waitForFunction(() => document.querySelector('.summary h3')?.textContent === 'Mopti');
  // From the map to the summary: the pointer leaves the map on the way.
  await page.mouse.move(1010, 100, { steps: 10 });
  await page.waitForTimeout(400);
  assert.equal(await page.textContent('.summary h3'), 'Mopti', 'the choice stays');
  await page.click('.summary button', { timeout: 5000 });
  await page.waitForFunction(() => document.querySelector('.summary h3')?.textContent === 'Tout le programme');
  await hoverRegion(page, 'ML05');
  await page.waitForFunction(() => document.querySelector('.summary h3')?.textContent === 'Mopti');
  await page.click('.summary a[href="/regions/ML05"]', { timeout: 5000 });
  await page.waitForURL(`${env.server.url}/regions/ML05`);
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [w, h, opened] of [[360, 640, false], [1024, 768, true]]) {
  test(`at ${w}×${h} the region list stays as the user left it over a language switch`, async () => {
    const context = await env.browser.newContext({ viewport: { width: w, height: h } });
    const page = await context.newPage();
    await page.goto(env.server.url + '/');
    await appReady(page);
    // The home page is drawn once the data is read, a moment after the shell.
    await page.waitForSelector('details.region-list-alt');
    const open = () => page.$eval('details.region-list-alt', (d) => d.open);
    assert.equal(await open(), opened, opened ? 'open beside the map on a wide screen' : 'closed on a phone');
    await page.click('details.region-list-alt summary');
    assert.equal(await open(), !opened);
    await page.click('.lang-switch');
    await page.waitForFunction(() => document.querySelector('details.region-list-alt summary').textContent === 'The regions as a list');
    assert.equal(await open(), !opened, 'kept over the language switch');
    await page.click('.lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    assert.equal(await open(), !opened);
    await context.close();
  });
}

test('landscape tablet: the map takes most of the width and the column beside it is used', async () => {
  for (const [w, h] of [[1024, 768], [360, 640]]) {
    const page = await env.browser.newPage({ viewport: { width: w, height: h } });
    await page.goto(env.server.url + '/');
    await appReady(page);
    await page.waitForSelector('svg.map');
    await page.locator('.map-layout').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/home-${w}x${h}.png` });
    await page.screenshot({ path: `${ARTIFACTS}/home-${w}x${h}-full.png`, fullPage: true });
    const box = (s) => page.locator(s).first().boundingBox();
    const [map, figure, side] = [await box('svg.map'), await box('.mali-map'), await box('.map-layout > :last-child')];
    if (w === 1024) {
      assert.ok(map.width >= 0.55 * w, `map ${map.width} px wide of ${w}`);
      assert.ok(side.x >= map.x + map.width, 'summary beside the map');
      // No empty band: the column beside the map is filled most of its height.
      assert.ok(side.height >= 0.6 * figure.height, `side column ${side.height} px for a map of ${figure.height} px`);
    } else {
      assert.ok(side.y >= figure.y + figure.height, 'stacked on a phone');
    }
    await page.close();
  }
});
