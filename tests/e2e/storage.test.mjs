// Saved plans in the browser's storage: the previous release's entries migrate, a full storage
// never costs a plan, two tabs never overwrite each other, and the list shows what is stored.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { appTest, gotoApp, realClick, REPO_ROOT, waitForApp } from './lib.mjs';

const KEY = 'pathway-planner.saved';
const PLAN = '#/600-1136-1?do=204,207,302,303,304,305&done=312';
// Exactly what the previous release wrote (its line format, version 2).
const V2 = fs.readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'saved-plans-v2.txt'), 'utf8');

const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);
const savedNames = (page) => page.locator('.saved-table tbody th[scope="row"]').allInnerTexts();

/** Makes every later localStorage write fail as a full storage does (QuotaExceededError). */
const fillStorage = (page) =>
  page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });

async function save(page, name) {
  await page.locator('#save-name').fill(name);
  await realClick(page, page.getByRole('button', { name: 'Save', exact: true }));
}

appTest('plans saved by the previous release open after the upgrade, migrated once, nothing left aside', async ({ page }) => {
  await gotoApp(page);
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, V2]);
  await page.evaluate(() => {
    location.hash = '#/600-1136-1';
  });
  await page.locator('.saved-table').waitFor();
  assert.deepEqual(await savedNames(page), [
    'Amira – year 1',
    'Ben O\'Neil, café ☕ "B" \\ 2',
    'Old plan (qualification withdrawn)',
    '小林 — Pearson, registered 2018',
  ]);
  const now = JSON.parse(await stored(page));
  assert.equal(now.format, 'pathway-planner-saved');
  assert.equal(now.version, 3);
  assert.equal(now.plans.length, 4);
  assert.equal(now.plans[0].address, '#/600-1136-1?do=204,207,302,303,304&done=101&registered=2017-09-04');
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.deepEqual(keys.filter((k) => k.startsWith(KEY)), [KEY], 'no backup or recovery copy is left behind');
  // The migrated list opens a plan as the old one did.
  await realClick(page, page.locator('.saved-table tbody tr', { hasText: 'Amira' }).getByRole('link', { name: /Open/ }));
  await page.locator('.unit[data-key="302"][data-state="chosen"]').waitFor();
});

appTest('storage full with an unreadable entry: nothing is saved over it, and the page says so', async ({ page }) => {
  await gotoApp(page);
  const damaged = '{"format":"pathway-planner-saved","version":99,"plans":[]}';
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, damaged]);
  await fillStorage(page);
  await page.evaluate(() => {
    location.hash = '#/600-1136-1';
  });
  const alert = page.locator('.saved [role="alert"]');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /could not be copied aside/);
  assert.doesNotMatch(text, /was kept/, 'it never claims a copy it could not make');
  await save(page, 'Sam');
  await page.locator('.travel-status', { hasText: 'Nothing was saved' }).waitFor();
  assert.equal(await stored(page), damaged, 'the unreadable entry is untouched');
  assert.equal(await page.locator('.saved-table').count(), 0, 'the list shows what is stored: nothing');
});

appTest('a save that fails for lack of space is not shown as saved', async ({ page }) => {
  await gotoApp(page, PLAN);
  await save(page, 'First');
  await page.locator('.saved-table tbody tr', { hasText: 'First' }).waitFor();
  await fillStorage(page);
  await save(page, 'Second');
  await page.locator('.travel-status', { hasText: 'storage is full' }).waitFor();
  assert.deepEqual(await savedNames(page), ['First']);
  assert.equal(JSON.parse(await stored(page)).plans.length, 1);
});

appTest('two tabs saving at once keep both plans, and each tab shows the other\'s', async ({ page, context, url }) => {
  await gotoApp(page, PLAN);
  const other = await context.newPage();
  await other.goto(new URL('#/600-1135-X?do=202', url).href);
  await waitForApp(other);
  await save(page, 'From the first tab');
  await page.locator('.saved-table tbody tr', { hasText: 'From the first tab' }).waitFor();
  // The second tab saves as well; whichever list it holds, the write is applied to what is stored.
  await save(other, 'From the second tab');
  await other.locator('.saved-table tbody tr', { hasText: 'From the second tab' }).waitFor();
  assert.deepEqual(JSON.parse(await stored(page)).plans.map((p) => p.name), ['From the first tab', 'From the second tab']);
  assert.deepEqual(await savedNames(other), ['From the first tab', 'From the second tab']);
  // The first tab follows the second's change without a reload.
  await page.locator('.saved-table tbody tr', { hasText: 'From the second tab' }).waitFor();
  await other.close();
});

appTest('a save is applied to the list as stored, not to the copy the page read earlier', async ({ page }) => {
  await gotoApp(page, PLAN);
  await save(page, 'Mine');
  await page.locator('.saved-table tbody tr', { hasText: 'Mine' }).waitFor();
  // Another program (or a tab whose event never arrived) writes a plan behind this page's back:
  // a write in the same tab fires no storage event, so the page's own list does not know of it.
  await page.evaluate((key) => {
    const entry = JSON.parse(localStorage.getItem(key));
    entry.plans.push({ id: 'p9', name: 'Written elsewhere', saved: '2026-12-01T09:00:00Z', address: '#/600-1135-X?do=202' });
    localStorage.setItem(key, JSON.stringify(entry));
  }, KEY);
  assert.deepEqual(await savedNames(page), ['Mine']);
  await save(page, 'Mine too');
  await page.locator('.saved-table tbody tr', { hasText: 'Mine too' }).waitFor();
  assert.deepEqual(JSON.parse(await stored(page)).plans.map((p) => p.name), ['Mine', 'Written elsewhere', 'Mine too']);
  assert.deepEqual(await savedNames(page), ['Mine', 'Written elsewhere', 'Mine too'], 'the list shows what is stored');
});

appTest('saving under a name already used offers to update that plan; a deletion can be undone for a few seconds', async ({ page }) => {
  await gotoApp(page, PLAN);
  await save(page, 'Amira');
  await page.locator('.saved-table tbody tr', { hasText: 'Amira' }).waitFor();
  await save(page, 'Ben');
  await page.locator('.saved-table tbody tr', { hasText: 'Ben' }).waitFor();
  // Change the plan, then save it under a name in use.
  await page.locator('#unit-306').click();
  await page.waitForFunction(() => location.hash.includes('306'));
  await save(page, ' amira ');
  await page.locator('.travel-status', { hasText: 'already called “Amira”' }).waitFor();
  assert.equal(JSON.parse(await stored(page)).plans.length, 2, 'nothing was written yet');
  await realClick(page, page.getByRole('button', { name: 'Update “Amira” with this plan' }));
  await page.locator('.travel-status', { hasText: 'Updated “Amira”' }).waitFor();
  const plans = JSON.parse(await stored(page)).plans;
  assert.deepEqual(plans.map((p) => p.name), ['Amira', 'Ben']);
  assert.match(plans[0].address, /306/);

  await realClick(page, page.locator('.saved-table tbody tr', { hasText: 'Amira' }).getByRole('button', { name: /Delete/ }));
  await page.locator('.travel-status', { hasText: 'Deleted “Amira”' }).waitFor();
  assert.deepEqual(await savedNames(page), ['Ben']);
  await realClick(page, page.getByRole('button', { name: /^Undo/ }));
  await page.locator('.travel-status', { hasText: '“Amira” is back' }).waitFor();
  assert.deepEqual(await savedNames(page), ['Amira', 'Ben'], 'back in its place');
  assert.deepEqual(JSON.parse(await stored(page)).plans, plans, 'exactly as it was stored');

  // The offer to undo is withdrawn after a few seconds.
  await realClick(page, page.locator('.saved-table tbody tr', { hasText: 'Ben' }).getByRole('button', { name: /Delete/ }));
  await page.getByRole('button', { name: /^Undo/ }).waitFor();
  await page.getByRole('button', { name: /^Undo/ }).waitFor({ state: 'detached', timeout: 15_000 });
  assert.deepEqual(await savedNames(page), ['Amira']);
});

appTest('the "continue" link is rebuilt from the plan it names, never taken from storage as it is', async ({ page }) => {
  await gotoApp(page);
  for (const stored of ['//evil.example/#/600-1136-1?do=302', 'javascript:alert(1)', '#/600-1136-1?do=302&x=<b>']) {
    await page.evaluate((s) => localStorage.setItem('pathway-planner.last', s), stored);
    await page.reload();
    await page.locator('h1', { hasText: 'Choose a qualification' }).waitFor();
    const hrefs = await page.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.every((h) => h === null || h.startsWith('#') || h.startsWith('./')), `${stored}: ${hrefs.join(' ')}`);
  }
  const link = page.locator('.continue a');
  assert.equal(await link.getAttribute('href'), '#/600-1136-1?do=302', 'the readable plan, re-encoded');
});
