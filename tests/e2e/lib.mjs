// Shared fixtures of the end-to-end suite: a static server for dist/ (scripts/serve-dist.mjs),
// Debian's Chromium driven by playwright-core, a page fixture that fails a test on any console
// error, uncaught page error or request to another origin, an axe-core accessibility check, and
// helpers to wait for the app and to click like a person.
//
// A test file (tests/e2e/<name>.test.mjs) looks like:
//
//   import { appTest, gotoApp, checkA11y, realClick } from './lib.mjs';
//   import assert from 'node:assert/strict';
//
//   appTest('the home page renders', async ({ page }) => {
//     await gotoApp(page);
//     assert.equal(await page.title(), 'Pathway Planner');
//     await checkA11y(page);
//   });
//
// Each test file runs in its own node process (node --test), with one server and one browser for
// the whole file and a fresh browser context (fresh storage) for every test.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer as startDistServer } from '../../scripts/serve-dist.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const DIST_DIR = path.resolve(process.env.DIST_DIR ?? path.join(REPO_ROOT, 'dist'));
export const RESULTS_DIR = path.join(HERE, 'results');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Default timeout (ms) of waits and actions; the machine has 2 cores and may be busy. */
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 15_000);

// ---------------------------------------------------------------------------------------------
// Static file server for dist/ (loopback only, random free port): scripts/serve-dist.mjs, which
// also serves the precompressed .br/.gz copies the release build writes, as a static host would,
// so the suite loads what visitors' browsers get.

/**
 * Serves `root` on 127.0.0.1 at a random free port. Returns { origin, url, close, requests }.
 * `requests` records every request served (path, status, Content-Encoding), for tests that need it.
 */
export function startServer(root = DIST_DIR, options = {}) {
  return startDistServer({ root, ...options });
}

// ---------------------------------------------------------------------------------------------
// Browser: Debian's Chromium, never a downloaded one. Playwright's launch() gives it a fresh,
// temporary user data dir that it deletes on close.

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (bash scripts/setup.sh).`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

// Base URL of the server each page was opened on (for gotoApp).
const BASE_URL = new WeakMap();

// One server and one browser per test file, started on first use and closed after the file.
let shared = null;
async function sharedFixtures() {
  shared ??= (async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    return { server, browser };
  })();
  return shared;
}
after(async () => {
  if (!shared) return;
  const { server, browser } = await shared;
  await browser.close();
  await server.close();
});

// ---------------------------------------------------------------------------------------------
// Page fixture with the checks every test gets.

/**
 * Opens a fresh context and page on the shared server, watching for:
 *  - console messages of type error,
 *  - uncaught exceptions in the page (pageerror),
 *  - any request whose origin is not the server's (recorded and aborted, so nothing leaves),
 *  - own-origin responses with status >= 400.
 * Returns { page, context, origin, url, problems, assertClean, close }.
 * Service workers are blocked unless contextOptions says { serviceWorkers: 'allow' } (the offline
 * tests), so every other test sees the network as it is.
 */
export async function openPage({ contextOptions = {}, server: own } = {}) {
  const fixtures = await sharedFixtures();
  const { browser } = fixtures;
  // A test may serve its own copy of the site (say, from a deeper folder): `own`, from startServer.
  const server = own ?? fixtures.server;
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    serviceWorkers: 'block',
    ...contextOptions,
  });
  context.setDefaultTimeout(TIMEOUT);
  const problems = [];
  const origin = server.origin;

  const isOwn = (raw) => {
    let u;
    try {
      u = new URL(raw);
    } catch {
      return false;
    }
    if (u.protocol === 'data:' || u.protocol === 'about:') return true;
    // blob:http://127.0.0.1:1234/uuid has the origin of the page that made it.
    return u.origin === origin;
  };

  // Abort anything that would leave the page's own origin, and record it (context-wide, so
  // requests from every page, frame and worker of the context are caught).
  await context.route('**/*', (route) => (isOwn(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  context.on('request', (req) => {
    if (!isOwn(req.url())) problems.push(`request to another origin (aborted): ${req.method()} ${req.url()}`);
  });
  context.on('websocket', (ws) => {
    if (!isOwn(ws.url().replace(/^ws/, 'http'))) problems.push(`websocket to another origin: ${ws.url()}`);
  });

  const page = await context.newPage();
  BASE_URL.set(page, server.url);
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      const where = loc?.url ? ` (${loc.url}:${loc.lineNumber})` : '';
      problems.push(`console error: ${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`uncaught page error: ${err.stack ?? err.message ?? err}`));
  page.on('response', (res) => {
    if (isOwn(res.url()) && res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  page.on('crash', () => problems.push('the page crashed'));

  return {
    page,
    context,
    origin,
    url: server.url,
    problems,
    assertClean() {
      if (problems.length > 0) assert.fail(`the page reported ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    },
    close: () => context.close(),
  };
}

/**
 * Declares a test that gets a fresh page ({ page, context, origin, url, problems }) and fails on
 * any console error, page error or foreign request, even if the test body passed. On failure a
 * screenshot is saved to tests/e2e/results/<test name>.png.
 * Use like node:test's `test`: appTest(name, [options], async (fixture, t) => { ... }); options are
 * node:test's (skip, only, timeout, ...) plus `contextOptions` for browser.newContext (e.g.
 * { viewport: { width: 375, height: 700 } } or { reducedMotion: 'reduce' }).
 */
export function appTest(name, optionsOrFn, maybeFn) {
  const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
  const options = typeof optionsOrFn === 'function' ? {} : optionsOrFn;
  const { contextOptions, server, ...testOptions } = options;
  return test(name, { timeout: 4 * TIMEOUT, ...testOptions }, async (t) => {
    const fx = await openPage({ contextOptions, server: typeof server === 'function' ? await server() : server });
    try {
      await fn(fx, t);
      // Let late errors (e.g. from a render after the last action) surface.
      await fx.page.waitForTimeout(100);
      fx.assertClean();
    } catch (err) {
      const shot = await screenshot(fx.page, name).catch(() => null);
      // A failed wait is often caused by what the page reported (a panic, a blocked request...).
      const extra = [
        ...(fx.problems.length && !String(err?.message).includes('problem(s):')
          ? [`the page also reported:\n  - ${fx.problems.join('\n  - ')}`]
          : []),
        ...(shot ? [`screenshot: ${path.relative(REPO_ROOT, shot)}`] : []),
      ];
      if (extra.length && err instanceof Error) {
        const before = err.message;
        err.message += `\n${extra.join('\n')}`;
        // Reporters print the stack, which holds the message as it was when the error was made.
        if (typeof err.stack === 'string') {
          err.stack = err.stack.includes(before) ? err.stack.replace(before, err.message) : `${err.message}\n${err.stack}`;
        }
      }
      throw err;
    } finally {
      await fx.close();
    }
  });
}

/** Saves a full-page screenshot to tests/e2e/results/<name>.png and returns its path. */
export async function screenshot(page, name) {
  await fsp.mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '_').slice(0, 100)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// ---------------------------------------------------------------------------------------------
// Waiting for the app.

/**
 * Waits until the app has drawn its first page: it marks #app with data-app="started" then
 * (src/web/mod.rs). The release build's page has an h1 before that (the pre-rendered home page,
 * or the loading shell at other addresses), so an h1 alone says nothing about the app.
 */
export async function waitForApp(page) {
  await page.locator('#app[data-app="started"] h1').first().waitFor({ state: 'visible' });
  await waitForDrawn(page);
}

/** Waits until no part of the page is still being drawn (a planner draws its units a few at a time). */
export async function waitForDrawn(page) {
  await page.locator('#app [aria-busy="true"]').first().waitFor({ state: 'detached' });
}

/**
 * Loads the app at `relPath` (relative to the server root, e.g. '', '?plan=…' or '#units') and
 * waits for it to render. Returns the Response of the navigation.
 */
export async function gotoApp(page, relPath = '') {
  const base = BASE_URL.get(page);
  assert.ok(base, 'gotoApp: the page was not made by openPage/appTest');
  const response = await page.goto(new URL(relPath, base).href, { waitUntil: 'load' });
  assert.ok(response?.ok(), `loading the app gave HTTP ${response?.status()}`);
  await waitForApp(page);
  return response;
}

// ---------------------------------------------------------------------------------------------
// Interacting like a person.

/**
 * Clicks `target` (a selector or a Locator) with the real mouse: waits until it is visible and
 * enabled, scrolls it into view, checks that it (not an overlay) is what sits under its centre,
 * then moves the mouse there and presses and releases the button, which the page sees as a trusted
 * click (isTrusted = true), with the pointer, mouse and focus events a person's click makes.
 */
export async function realClick(page, target, { button = 'left', clickCount = 1 } = {}) {
  const locator = typeof target === 'string' ? page.locator(target) : target;
  await locator.waitFor({ state: 'visible' });
  assert.ok(await locator.isEnabled(), `realClick: ${locator} is disabled`);
  await locator.scrollIntoViewIfNeeded();
  // Unit rows off screen are not rendered (content-visibility: auto) until the frame after they
  // come into view, as a person would see them: hit-test that frame, not the one before.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const box = await locator.boundingBox();
  assert.ok(box && box.width > 0 && box.height > 0, `realClick: ${locator} has no box on screen`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const hit = await locator.evaluate(
    (el, [px, py]) => {
      const top = document.elementFromPoint(px, py);
      return { ok: !!top && (top === el || el.contains(top)), top: top ? top.outerHTML.slice(0, 120) : 'nothing' };
    },
    [x, y],
  );
  assert.ok(hit.ok, `realClick: ${locator} is covered at its centre by ${hit.top}`);
  await page.mouse.move(x, y);
  await page.mouse.click(x, y, { button, clickCount });
}

/** Presses keys like a person at the keyboard, e.g. await pressKeys(page, 'Tab', 'Tab', 'Enter'). */
export async function pressKeys(page, ...keys) {
  for (const key of keys) await page.keyboard.press(key);
}

// ---------------------------------------------------------------------------------------------
// Accessibility: axe-core, WCAG 2.2 AA.

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/**
 * Runs axe-core on the page (or on `include`, a CSS selector) with the WCAG 2.0/2.1/2.2 A and AA
 * rules, and fails with a readable list of every violation. `disableRules` turns off rules by id
 * (say why in the test when you use it).
 */
export async function checkA11y(page, { include, exclude, disableRules = [] } = {}) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    // Evaluated through the driver, not added as a <script>: the page's policy rightly refuses
    // inline scripts it does not know.
    await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'));
  }
  const results = await page.evaluate(
    async ({ tags, include, exclude, disableRules }) => {
      const context = include || exclude ? { include: include ? [include] : undefined, exclude: exclude ? [exclude] : undefined } : document;
      const rules = Object.fromEntries(disableRules.map((id) => [id, { enabled: false }]));
      const r = await window.axe.run(context, {
        runOnly: { type: 'tag', values: tags },
        rules,
        resultTypes: ['violations'],
      });
      return {
        violations: r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary, html: n.html })),
        })),
        passes: r.passes.length,
      };
    },
    { tags: AXE_TAGS, include, exclude, disableRules },
  );
  if (results.violations.length > 0) {
    const lines = results.violations.flatMap((v) => [
      `${v.id} [${v.impact}]: ${v.help} (${v.helpUrl})`,
      ...v.nodes.flatMap((n) => [`    at ${n.target}: ${n.html.slice(0, 160)}`, ...(n.summary ?? '').split('\n').map((s) => `      ${s}`)]),
    ]);
    assert.fail(`axe found ${results.violations.length} accessibility violation(s) (${AXE_TAGS.join(', ')}):\n${lines.join('\n')}`);
  }
  return results;
}
