// First paint without the wasm: the release build's index.html holds the home page pre-rendered
// by the app's own components, the app hydrates it (takes over the same elements), and a planner
// address shows its qualification's title and a loading line until the app draws the planner.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { appTest, checkA11y, realClick, REPO_ROOT, waitForApp, waitForDrawn } from './lib.mjs';

/** Every qualification as its spec file prints it: the truth the page is checked against. */
const QUALIFICATIONS = fs
  .readdirSync(path.join(REPO_ROOT, 'specs', 'qualifications'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'specs', 'qualifications', name), 'utf8')));

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Holds back the wasm until `release()` is called, so a test can see the page as it is before the
 * app starts.
 */
async function holdWasm(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  let requested;
  const seen = new Promise((resolve) => (requested = resolve));
  await page.route('**/*_bg.wasm', async (route) => {
    requested();
    await released;
    await route.continue();
  });
  return { release, requested: seen };
}

/** Sums the page's layout shifts (the CLS figure's parts), from the page's own start. */
const layoutShift = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        // The observer reports the buffered entries in its first callback, a task later.
        setTimeout(() => resolve(total), 100);
      }),
  );

appTest('index.html, fetched without running any script, names every qualification with its facts', async ({ url }) => {
  assert.equal(QUALIFICATIONS.length, 8, 'the specs hold eight qualifications');
  const response = await fetch(url);
  assert.equal(response.status, 200);
  const html = await response.text();
  const app = html.match(/<div id=app data-prerendered>([\s\S]*?)<\/div><template data-planner=/);
  assert.ok(app, 'index.html has the pre-rendered page inside #app, then the planner heads');
  const cards = [...app[1].matchAll(/<li class="qual-card">([\s\S]*?)<\/li>/g)].map((m) => m[1]);
  assert.equal(cards.length, 8, 'eight qualification cards');
  for (const q of QUALIFICATIONS) {
    const card = cards.find((c) => c.includes(`>${escapeHtml(q.title)}</a></h3>`));
    assert.ok(card, `a card is titled ${q.title}`);
    assert.ok(card.includes(`<dt>Number</dt><dd>${escapeHtml(q.number)}</dd>`), `${q.title}: its number`);
    assert.ok(card.includes(`<dt>Credits</dt><dd>${q.total_credits}</dd>`), `${q.title}: its credits`);
    assert.ok(card.includes(`<dt>Level</dt><dd>${q.level}</dd>`), `${q.title}: its level`);
  }
  assert.match(app[1], /<h1>Choose a qualification<\/h1>/);
  // The top of every planner, for the loading shell: its title, figures and shortest routes.
  const heads = new Map([...html.matchAll(/<template data-planner="([^"]+)">([\s\S]*?)<\/template>/g)].map((m) => [m[1], m[2]]));
  assert.equal(heads.size, 8, 'a planner head for each qualification');
  for (const q of QUALIFICATIONS) {
    const head = heads.get(q.number.replaceAll('/', '-'));
    assert.ok(head, `${q.title}: a planner head at its address`);
    assert.ok(head.includes(`<h1>${escapeHtml(q.title)}</h1>`), `${q.title}: the head's title`);
    assert.ok(head.includes(`${escapeHtml(q.number)} · Level ${q.level} · ${q.total_credits} credits`), `${q.title}: the head's figures`);
    assert.match(head, /<p class="route-line">The shortest valid route is \d+ credits/, `${q.title}: the head's shortest routes`);
  }
});

appTest(
  'with JavaScript off the home page is readable, says what needs JavaScript, hides what cannot work and passes axe',
  { contextOptions: { javaScriptEnabled: false, viewport: { width: 360, height: 740 } } },
  async ({ page, url }) => {
    await page.goto(url, { waitUntil: 'load' });
    assert.equal(await page.evaluate(() => window.wasmBindings), undefined, 'the app did not start');
    assert.equal(await page.locator('#app h1').innerText(), 'Choose a qualification');
    const titles = await page.locator('.qual-card h3').allInnerTexts();
    assert.deepEqual([...titles].sort(), QUALIFICATIONS.map((q) => q.title).sort());
    assert.match(await page.locator('.noscript').innerText(), /JavaScript is off.*Choosing units.*need JavaScript/s);
    // Controls that need the app are not offered; the skip link, a plain in-page link, works.
    for (const selector of ['.site-nav', '.across-home', '.open-section', '.home-tools']) {
      assert.equal(await page.locator(selector).isVisible(), false, `${selector} is hidden with JavaScript off`);
    }
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to main content');
    await page.keyboard.press('Enter');
    assert.match(page.url(), /#main$/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 360px wide`);
  },
);

appTest(
  'the page as a browser without JavaScript draws it passes axe',
  { contextOptions: { viewport: { width: 360, height: 740 } } },
  async ({ page, url }) => {
    // axe needs JavaScript, so the page is given as a browser without it would draw it: no
    // scripts, and what <noscript> holds shown.
    let served = false;
    await page.route(url, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/<script[\s\S]*?<\/script>/g, '').replace(/<\/?noscript>/g, '');
      served = !html.includes('<script') && html.includes('class=noscript');
      await route.fulfill({ response, body: html });
    });
    await page.goto(url, { waitUntil: 'load' });
    assert.ok(served, 'the page was served without scripts, its noscript content shown');
    assert.equal(await page.locator('.site-nav').isVisible(), false, 'noscript.css applies');
    assert.equal(await page.locator('.qual-card').count(), 8);
    await checkA11y(page);
  },
);

appTest('the app hydrates the pre-rendered home page: same elements, no console warning, then it works', async ({ page, url }) => {
  const messages = [];
  page.on('console', (m) => {
    // Playwright's own note that it blocks service workers in this suite (lib.mjs).
    if (/^Service Worker registration blocked by Playwright/.test(m.text())) return;
    if (m.type() === 'warning' || m.type() === 'error') messages.push(`${m.type()}: ${m.text()}`);
  });
  const wasm = await holdWasm(page);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await wasm.requested;
  // Readable and accessible before the app runs.
  assert.equal(await page.locator('#app h1').innerText(), 'Choose a qualification');
  assert.equal(await page.locator('.qual-card').count(), 8);
  await checkA11y(page);
  const before = await page.evaluateHandle(() => ({ main: document.querySelector('#main'), card: document.querySelector('.qual-card a') }));
  wasm.release();
  await waitForApp(page);
  const kept = await before.evaluate(({ main, card }) => main.isConnected && card.isConnected && document.querySelector('#main') === main);
  assert.ok(kept, 'the elements drawn before the app started are the ones it now runs (hydrated, not redrawn)');
  assert.equal(await page.locator('#crash').count(), 0);
  assert.deepEqual(messages, [], 'no warning or error in the console');
  assert.equal(await layoutShift(page), 0, 'nothing moved');
  await checkA11y(page);
  // The hydrated page answers: a card opens its planner, and the saved-plans panel read storage.
  const first = QUALIFICATIONS.find((q) => q.number === '600/1136/1');
  await realClick(page, page.getByRole('link', { name: first.title }));
  await page.locator('#app h1', { hasText: first.title }).waitFor();
  await waitForDrawn(page);
  assert.match(page.url(), /#\/600-1136-1$/);
  assert.ok((await page.locator('.unit-check').count()) > 0, 'the planner lists units');
});

appTest(
  'a planner address shows its title and a loading line until the app draws the planner, with no layout shift',
  { contextOptions: { viewport: { width: 360, height: 740 } } },
  async ({ page, url }) => {
    const q = QUALIFICATIONS.find((x) => x.number === '600/1136/1');
    const wasm = await holdWasm(page);
    await page.goto(`${url}#/600-1136-1?do=302`, { waitUntil: 'domcontentloaded' });
    await wasm.requested;
    assert.equal(await page.locator('#app h1:visible').innerText(), q.title);
    assert.equal(await page.locator('#app .loading[role="status"]').innerText(), 'Loading the planner\u2026');
    assert.equal(await page.locator('#app main:visible').count(), 1, 'the home page is hidden, not shown under the shell');
    assert.equal(await page.locator('.site-nav [aria-current]').count(), 0, 'no menu entry is the page shown');
    // The top of the planner, pre-rendered by the app's component: its figures and shortest routes.
    const top = () =>
      page.evaluate(() =>
        ['h1', '.qual-meta', '.terms', '.route-line'].map((selector) => {
          const el = [...document.querySelectorAll(`#app ${selector}`)].find((e) => e.offsetParent !== null);
          return el && { selector, text: el.textContent, y: Math.round(el.getBoundingClientRect().top), height: Math.round(el.getBoundingClientRect().height) };
        }),
      );
    const shellTop = await top();
    assert.ok(shellTop.every(Boolean), `the shell shows the planner's title, figures, terms and routes: ${JSON.stringify(shellTop)}`);
    assert.match(shellTop[1].text, /600\/1136\/1 · Level 3 · 42 credits/);
    assert.match(shellTop[3].text, /^The shortest valid route is 42 credits/);
    await checkA11y(page);
    wasm.release();
    await waitForApp(page);
    await page.locator('#app .planner').waitFor();
    assert.equal(await page.locator('#app h1').innerText(), q.title);
    assert.equal(await page.locator('.loading-shell').count(), 0, 'the shell is gone');
    assert.deepEqual(await top(), shellTop, 'the planner draws its top where, and as, the shell showed it');
    // The plan in the address is the plan on screen.
    assert.equal(await page.locator('#unit-302').isChecked(), true, 'unit 302 is chosen');
    assert.equal(await layoutShift(page), 0, 'no layout shift from the shell to the planner');
  },
);

appTest('a card followed before the app starts shows that qualification loading, then its planner', async ({ page, url }) => {
  const q = QUALIFICATIONS.find((x) => x.number === '600/1244/4');
  const wasm = await holdWasm(page);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await wasm.requested;
  await page.getByRole('link', { name: q.title }).click();
  await page.locator('#app .loading-shell h1', { hasText: q.title }).waitFor();
  // Back to the home page: the pre-rendered page again, which the app then hydrates.
  await page.goBack();
  await page.locator('#app h1:visible', { hasText: 'Choose a qualification' }).waitFor();
  assert.equal(await page.locator('.loading-shell').count(), 0);
  await page.goForward();
  await page.locator('#app .loading-shell h1', { hasText: q.title }).waitFor();
  wasm.release();
  await waitForApp(page);
  await page.locator('#app .planner').waitFor();
  assert.equal(await page.locator('#app h1').innerText(), q.title);
});

appTest('an address that is not a plan shows a plain loading line, then its page', async ({ page, url }) => {
  const wasm = await holdWasm(page);
  await page.goto(`${url}#/compare`, { waitUntil: 'domcontentloaded' });
  await wasm.requested;
  assert.equal(await page.locator('#app .loading[role="status"]').innerText(), 'Loading\u2026');
  assert.equal(await page.locator('.site-nav [aria-current="page"]').innerText(), 'Compare', 'the menu marks the page shown');
  wasm.release();
  await waitForApp(page);
  assert.equal(await page.locator('.loading-shell').count(), 0);
  assert.match(await page.locator('#app h1').innerText(), /Compare/);
});
