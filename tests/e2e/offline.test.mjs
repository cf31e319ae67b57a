// Offline and installable: after one visit the whole app works with the network off, it meets
// Chromium's install criteria, and a new build replaces the old one only when the user reloads.
// Each test serves its own copy of dist/ from a folder deeper than the site's root, as a host
// might, so every path the worker and the manifest use must be relative.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

import { appTest, checkA11y, DIST_DIR, REPO_ROOT, realClick, startServer, waitForApp } from './lib.mjs';
import { brotli, gzip } from '../../scripts/precompress.mjs';

const FOLDER = '/centre/induction/pathways/';
const ALLOW = { serviceWorkers: 'allow' };
const copies = [];

/** A copy of the built site, served from FOLDER by its own server, which lets the browser keep
 * the files named with their hash for a year, as the README asks of a host: a new build must
 * still replace the old one cleanly. (Whether the worker's saving reuses the page's downloads
 * cannot be counted here: Playwright's request routing turns the HTTP cache off.) */
async function servedCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-offline-'));
  fs.cpSync(DIST_DIR, dir, { recursive: true });
  const server = await startServer(dir, { folder: FOLDER, immutable: true });
  copies.push({ dir, server });
  return Object.assign(server, { dir });
}

after(async () => {
  for (const { dir, server } of copies) {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

before(() => {
  assert.ok(fs.existsSync(path.join(DIST_DIR, 'sw.js')), 'dist/sw.js is missing: the release build writes it');
});

async function waitOfflineReady(page) {
  await page.locator('[data-offline="ready"]').waitFor({ state: 'attached' });
  // The worker that says so controls the page, and has every built file cached.
  return page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys[0]);
    return { keys, cached: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
}

appTest('after one visit, the app opens and plans with the network off, from a deep folder', { contextOptions: ALLOW, server: servedCopy }, async ({ page, context, url }) => {
  await page.goto(url);
  await waitForApp(page);
  const { keys, cached } = await waitOfflineReady(page);
  assert.equal(keys.length, 1, `one cache: ${keys}`);
  const built = fs.readdirSync(DIST_DIR).filter((f) => !/\.(gz|br)$/.test(f) && f !== 'sw.js');
  for (const file of built.filter((f) => fs.statSync(path.join(DIST_DIR, f)).isFile())) {
    assert.ok(cached.includes(FOLDER + file), `${file} is precached (cached: ${cached.join(', ')})`);
  }
  assert.match(await page.locator('footer').innerText(), /Works offline/);
  await context.setOffline(true);
  await page.reload();
  await waitForApp(page);
  assert.match(await page.locator('main').innerText(), /600\/1135\/X/, 'the home page lists the qualifications offline');

  // A planner by its address, typed into the bar.
  await page.goto(`${url}#/601-4756-8`);
  await waitForApp(page);
  const unit = page.locator('input[id^="unit-"]:not(:checked):not(:disabled)').first();
  const id = await unit.getAttribute('id');
  const verdict = page.locator('.verdict');
  const before = await verdict.innerText();
  await realClick(page, unit);
  await page.waitForFunction((sel) => document.getElementById(sel)?.checked, id);
  await page.waitForFunction((old) => document.querySelector('.verdict')?.innerText !== old, before);
  await page.waitForFunction(() => location.hash.includes('?'));

  // A new tab on the home page.
  const tab = await context.newPage();
  await tab.goto(url);
  await waitForApp(tab);
  assert.match(await tab.locator('main').innerText(), /601\/4756\/8/);
  await checkA11y(tab);
  await tab.close();
  await context.setOffline(false);
});

appTest('meets the install criteria: manifest, icons, worker; no installability errors', { contextOptions: ALLOW, server: servedCopy }, async ({ page, url }) => {
  await page.goto(url);
  await waitForApp(page);
  await waitOfflineReady(page);
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // The one error a test browser always reports: Playwright's contexts are incognito profiles,
  // where Chromium never installs anything. Any other error is the site's.
  const errors = installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito');
  assert.deepEqual(errors, [], `installability errors: ${JSON.stringify(installabilityErrors)}`);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.equal(manifest.url, `${url}manifest.webmanifest`);
  assert.deepEqual(manifest.errors, []);
  const parsed = JSON.parse(manifest.data);
  assert.equal(parsed.start_url, './');
  assert.equal(parsed.scope, './');
  assert.equal(parsed.display, 'standalone');
  const sizes = parsed.icons.map((i) => `${i.sizes} ${i.purpose}`);
  assert.deepEqual(sizes.sort(), ['192x192 any', '512x512 any', '512x512 maskable']);
  // Each icon is a PNG of the size it claims.
  for (const icon of parsed.icons) {
    const png = fs.readFileSync(path.join(DIST_DIR, icon.src));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(`${w}x${h}`, icon.sizes, icon.src);
  }
});

/** Makes the copy a new build: a changed file, and the worker rewritten by the build's own script. */
function newBuild(dir) {
  const manifestPath = path.join(dir, 'manifest.webmanifest');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  manifest.description += ' (new build)';
  const bytes = Buffer.from(JSON.stringify(manifest));
  fs.writeFileSync(manifestPath, bytes);
  fs.writeFileSync(`${manifestPath}.gz`, gzip(bytes));
  fs.writeFileSync(`${manifestPath}.br`, brotli(bytes));
  const out = execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'service-worker.mjs'), dir], { encoding: 'utf8' });
  return out.match(/version (\w+)/)[1];
}

const servedDescription = (page) => page.evaluate(async () => (await (await fetch('./manifest.webmanifest')).json()).description);

appTest('a new build waits until the user reloads, then replaces the old one and its cache', { contextOptions: ALLOW, server: servedCopy }, async ({ page, url }) => {
  // The test's server is the last one made.
  const { dir } = copies.at(-1);
  await page.goto(url);
  await waitForApp(page);
  const [oldCache] = (await waitOfflineReady(page)).keys;
  const oldDescription = await servedDescription(page);

  const version = newBuild(dir);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  const offer = page.getByRole('button', { name: 'Reload to update' });
  await offer.waitFor();
  assert.match(await page.locator('.update-offer').innerText(), /new version/i);
  // Until then the page, and what it fetches, are the old version's.
  assert.equal(await servedDescription(page), oldDescription);
  assert.deepEqual((await page.evaluate(() => caches.keys())).sort(), [oldCache, `pathway-planner-${version}`].sort());
  await checkA11y(page);

  await Promise.all([page.waitForEvent('load'), realClick(page, offer)]);
  await waitForApp(page);
  await page.locator('[data-offline="ready"]').waitFor({ state: 'attached' });
  assert.match(await servedDescription(page), /\(new build\)$/);
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`pathway-planner-${version}`]);
  assert.equal(await offer.count(), 0);
});
