// Smoke test: the built site loads from dist/, the app renders, and the home page is accessible.
import assert from 'node:assert/strict';
import { appTest, gotoApp, checkA11y } from './lib.mjs';

appTest('home page renders its heading, has the right title and passes axe', async ({ page }) => {
  await gotoApp(page);
  const h1 = page.locator('#app h1');
  assert.equal(await h1.count(), 1, 'exactly one h1');
  assert.ok((await h1.innerText()).trim().length > 0, 'the h1 has text');
  assert.equal(await page.title(), 'Pathway Planner');
  assert.equal(await page.getAttribute('html', 'lang'), 'en-GB');
  await checkA11y(page);
});

appTest('home page works at a phone-sized viewport', { contextOptions: { viewport: { width: 360, height: 740 } } }, async ({ page }) => {
  await gotoApp(page);
  // Nothing wider than the screen: no horizontal scrolling (WCAG 1.4.10 reflow).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 360px wide`);
  await checkA11y(page);
});

appTest('the release build loads from its precompressed copies, the wasm as application/wasm', async ({ page }) => {
  const responses = [];
  page.on('response', (r) => responses.push(r));
  await gotoApp(page);
  const find = (suffix) => {
    const r = responses.find((x) => new URL(x.url()).pathname.endsWith(suffix));
    assert.ok(r, `no response for a ${suffix} file: ${responses.map((x) => x.url()).join(', ')}`);
    return r;
  };
  // The server (scripts/serve-dist.mjs) sends <file>.br or <file>.gz as the browser accepts: the
  // post-build hook wrote them, and they decode to the files their integrity hashes describe.
  for (const suffix of ['/', '.js', '_bg.wasm', '.css']) {
    const headers = await find(suffix).allHeaders();
    assert.match(headers['content-encoding'] ?? 'none', /^(br|gzip)$/, `${suffix} is served from a precompressed copy`);
  }
  assert.equal((await find('_bg.wasm').allHeaders())['content-type'], 'application/wasm');
});
