// Checking a cohort: a spreadsheet's CSV (tests/fixtures/cohort/sample.csv: semicolons, a
// byte-order mark, CRLF, quoted cells, columns out of order) with met, unmet and bad rows; the
// results table, its filter and sorting, the results download read back as a spreadsheet would,
// a learner's plan opened and Back, pasting, a file that is not a cohort file, and phones.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { appTest, checkA11y, gotoApp, realClick, REPO_ROOT } from './lib.mjs';

const SAMPLE = path.join(REPO_ROOT, 'tests', 'fixtures', 'cohort', 'sample.csv');
const EXPECTED = [
  ['Amira Khan', 'met'],
  ['Khan; Bilal', 'met'],
  ['Chloé Dupont', 'met'],
  ['Dev Patel', 'unmet'],
  ["Erin O'Neill", 'unmet'],
  ['Femi Adeyemi', 'error'],
  ['Grace Liu', 'error'],
  ['Hamid Rahimi', 'error'],
  ['Isla Brown', 'error'],
  ['', 'error'],
];

const rows = (page) =>
  page.locator('.cohort-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.learner, tr.dataset.verdict]));

async function openSample(page) {
  await page.locator('#cohort-file').setInputFiles(SAMPLE);
  await page.locator('.cohort-summary').waitFor();
}

appTest('a cohort file with met, unmet and bad rows: every row checked, each error says why', async ({ page }) => {
  await gotoApp(page);
  await realClick(page, page.locator('main').getByRole('link', { name: 'Check a cohort' }));
  await page.getByRole('heading', { level: 1, name: 'Check a cohort' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Nothing is uploaded/);
  await openSample(page);

  assert.equal(await page.locator('.cohort-summary').innerText(), '10 learners: 3 met, 2 unmet, 5 errors.');
  // The live region that was there before the check says what came of it.
  assert.equal(await page.locator('.cohort-status[role="status"]').textContent(), 'Checked \u201csample.csv\u201d. 10 learners: 3 met, 2 unmet, 5 errors.');
  assert.deepEqual(await rows(page), EXPECTED);
  const text = await page.locator('.cohort-results').innerText();
  assert.match(text, /Not used: the column .Notes./);
  assert.match(text, /Row 9: In the units column, 999 is not a unit of 600\/1135\/X\./);
  assert.match(text, /Row 10: In the units column, L\/503\/0394 is printed for two units of 600\/1135\/X, 203 and 204/);
  assert.match(text, /Row 11: The registered date .31\/02\/2024. is not a date/);
  assert.match(text, /Row 12: The learner's name is empty\./);
  assert.match(text, /Row 8: Qualification .600\/9999\/9. is not one this app covers\./);
  const dev = page.locator('tr[data-learner="Dev Patel"]');
  assert.match(await dev.innerText(), /15 of 28/);
  assert.match(await dev.innerText(), /Add at least 13 more credits/);
  await checkA11y(page);

  // Filter to errors, then to unmet.
  await realClick(page, page.getByLabel(/^Errors/));
  assert.deepEqual((await rows(page)).map(([, v]) => v), Array(5).fill('error'));
  await realClick(page, page.getByLabel(/^Not yet met/));
  assert.deepEqual(await rows(page), [['Dev Patel', 'unmet'], ["Erin O'Neill", 'unmet']]);
  await realClick(page, page.getByLabel(/^Everyone/));

  // Sort by learner, then the other way; the heading says which way it is sorted.
  const learnerHeading = page.locator('th', { has: page.getByRole('button', { name: /^Learner/ }) });
  await realClick(page, page.getByRole('button', { name: /^Learner/ }));
  assert.equal(await learnerHeading.getAttribute('aria-sort'), 'ascending');
  const names = (await rows(page)).map(([n]) => n);
  assert.deepEqual(names, [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en')));
  await realClick(page, page.getByRole('button', { name: /^Learner/ }));
  assert.equal(await learnerHeading.getAttribute('aria-sort'), 'descending');
  assert.equal((await rows(page))[0][0], 'Khan; Bilal');
  await realClick(page, page.getByRole('button', { name: /^Credits/ }));
  assert.deepEqual((await rows(page)).slice(0, 2).map(([n]) => n), ['Dev Patel', 'Amira Khan']);
});

appTest('the results download reads back as a spreadsheet would, with links that open each plan', async ({ page, url }) => {
  await gotoApp(page, '#/cohort');
  await openSample(page);
  const [download] = await Promise.all([page.waitForEvent('download'), realClick(page, page.getByRole('button', { name: 'Download results (CSV)' }))]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(text.startsWith('\ufeffrow,learner,qualification,units,achieved,registered,verdict,credits,missing,link\r\n'), text.slice(0, 100));
  // One line a learner, as a spreadsheet reads it: quoted where a cell holds a comma or a quote.
  const lines = text.slice(1).split('\r\n');
  assert.equal(lines.length, 12, 'header, ten learners and the closing line end');
  assert.equal(lines[11], '');
  assert.equal(lines[2], `3,Khan; Bilal,600/1136/1,303 309 404 316,207,02/09/2024,met,42 of 42,,"${url}#/600-1136-1?do=303,309,316,404&done=207&registered=2024-09-02"`);
  assert.equal(lines[4], '6,Dev Patel,600/1135/X,203 205,,,unmet,15 of 28,"Add at least 13 more credits: 15 of the 28 credits needed so far; at least 15 credits at level 2 or above: 13 so far, 2 more needed; and 2 more rules not met.",' + `"${url}#/600-1135-X?do=203,205"`);
  assert.equal(lines[7], '9,Grace Liu,600/1135/X,203 204 999,,,error,,"Row 9: In the units column, 999 is not a unit of 600/1135/X.",');

  // The results file opens again in the check, to the same verdicts: an adviser can correct the
  // error rows in a spreadsheet and check the file again.
  await page.locator('#cohort-file').setInputFiles({ name: 'results.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.getByRole('heading', { name: 'Results: \u201cresults.csv\u201d' }).waitFor();
  assert.deepEqual(await rows(page), EXPECTED);
  assert.match(await page.locator('.cohort-notes').innerText(), /Not used: the columns .row., .verdict., .credits., .missing. and .link./);

  // The link in the table opens the plan, which meets its rules; Back finds the results again.
  await realClick(page, page.locator('tr[data-learner="Khan; Bilal"]').getByRole('link', { name: /Open plan/ }));
  await page.locator('.verdict[data-verdict="met"]').waitFor();
  await page.goBack();
  await page.locator('.cohort-summary').waitFor();
  assert.deepEqual(await rows(page), EXPECTED);
});

appTest('rows pasted from a spreadsheet (tabs) are checked; text that is not a cohort file gets a message', async ({ page }) => {
  await gotoApp(page, '#/cohort');
  await page.locator('#cohort-paste').fill('Learner\tQualification\tUnits\nAmira Khan\t600/1135/X\t203 204 205 308 323\n');
  await realClick(page, page.getByRole('button', { name: 'Check pasted rows' }));
  await page.locator('.cohort-summary').waitFor();
  assert.deepEqual(await rows(page), [['Amira Khan', 'met']]);

  await page.locator('#cohort-paste').fill('just some words\nand more words');
  await realClick(page, page.getByRole('button', { name: 'Check pasted rows' }));
  const alert = page.locator('[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /was not checked/);
  // What was there before is kept.
  assert.deepEqual(await rows(page), [['Amira Khan', 'met']]);
  await checkA11y(page);
});

appTest('on a phone the results are one card a learner and nothing scrolls sideways', { contextOptions: { viewport: { width: 360, height: 740 } } }, async ({ page }) => {
  await gotoApp(page, '#/cohort');
  await openSample(page);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(wide, false, 'the page scrolls sideways at 360 px');
  const display = await page.locator('.cohort-table tbody tr').first().evaluate((tr) => getComputedStyle(tr).display);
  assert.equal(display, 'block');
  await checkA11y(page);
});
