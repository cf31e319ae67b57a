// The release build runs only its own scripts and only its own, untouched files: the policy has no
// 'unsafe-inline', and a wasm that does not match its integrity hash is refused with a message.

import assert from 'node:assert/strict';
import { appTest, gotoApp, waitForApp } from './lib.mjs';

/** Takes the problems a test provoked on purpose out of the fixture's list, checking they are there. */
function expectProblems(problems, pattern) {
  const expected = problems.filter((p) => pattern.test(p));
  assert.ok(expected.length > 0, `expected a reported problem matching ${pattern}; got:\n${problems.join('\n')}`);
  const rest = problems.filter((p) => !pattern.test(p));
  problems.splice(0, problems.length, ...rest);
}

appTest('the page policy allows no inline script but its own bootstrap', async ({ page }) => {
  await gotoApp(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const scriptSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  assert.doesNotMatch(scriptSrc, /unsafe-inline/);
  assert.match(scriptSrc, /'sha256-[A-Za-z0-9+/]+=*' 'sha256-/, 'the bootstrap and import map are allowed by hash');
});

appTest('an injected inline script and event handler do not run', async ({ page, url, problems }) => {
  let injected = false;
  await page.route(new URL('./', url).href, async (route) => {
    const response = await route.fetch();
    const original = await response.text();
    const html = original.replace(
      /<div id=app[ >]/,
      (div) => `<script>window.__injected = "script"</script><img alt="" src="data:," onerror="window.__injected = 'handler'">${div}`,
    );
    injected = html !== original;
    await route.fulfill({ response, body: html });
  });
  await page.goto(url, { waitUntil: 'load' });
  await waitForApp(page);
  assert.ok(injected, 'the injection found its place in index.html');
  assert.equal(await page.evaluate(() => window.__injected), undefined);
  expectProblems(problems, /Content Security Policy/);
});

appTest('a wasm file changed on the way gives a clear message, not a blank page', async ({ page, url, problems }) => {
  await page.route('**/*_bg.wasm', async (route) => {
    const response = await route.fetch();
    const bytes = Buffer.from(await response.body());
    bytes[bytes.length >> 1] ^= 0xff;
    await route.fulfill({ response, body: bytes, headers: { ...response.headers(), 'content-encoding': 'identity' } });
  });
  await page.goto(url, { waitUntil: 'load' });
  const alert = page.locator('#app [role="alert"]');
  await alert.waitFor();
  assert.match(await page.locator('h1').innerText(), /could not start/);
  assert.match(await alert.innerText(), /did not arrive intact/);
  expectProblems(problems, /integrity|digest/i);
});

appTest('a real panic shows the crash banner, focused, through the hook Yew keeps', async ({ page, problems }) => {
  await gotoApp(page, '#/600-1136-1?do=302');
  const error = await page.evaluate(() => {
    try {
      window.wasmBindings.crash_for_test();
      return null;
    } catch (e) {
      return String(e);
    }
  });
  assert.ok(error, 'the wasm stopped');
  const banner = page.locator('#crash[role="alert"]');
  await banner.waitFor();
  assert.match(await banner.innerText(), /internal error and stopped\. Your saved plans are safe; reload the page.*a test asked for a crash/s);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'crash');
  expectProblems(problems, /crashed|unreachable|RuntimeError/);
});
