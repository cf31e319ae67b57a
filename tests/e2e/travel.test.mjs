// Plans that leave the room: the copied link opens the same plan in a fresh browser, the CSV
// download is one unit a row, and the printed page is the learning plan without controls.
import assert from 'node:assert/strict';
import { appTest, gotoApp, checkA11y, realClick, openPage, waitForApp } from './lib.mjs';

const PLAN = '#/600-1136-1?do=302,303,304,305,306,311&done=312&registered=2017-09-04';

appTest('copy link puts the plan address on the clipboard, and it opens the same plan in a fresh browser', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await gotoApp(page, PLAN);
  await realClick(page, page.getByRole('button', { name: 'Copy link' }));
  await page.locator('.travel-status', { hasText: 'Link copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.endsWith(PLAN.replace(/,/g, ',')), `copied ${copied}`);
  assert.equal(await page.locator('#share-link').inputValue(), copied);

  const fresh = await openPage();
  try {
    await fresh.page.goto(copied);
    await fresh.page.locator('.verdict[data-verdict="met"]').waitFor();
    assert.equal(await fresh.page.locator('.unit[data-key="312"]').getAttribute('data-state'), 'achieved');
    assert.equal(await fresh.page.locator('#registered').inputValue(), '2017-09-04');
    fresh.assertClean();
  } finally {
    await fresh.close();
  }
  await checkA11y(page);
});

appTest('download CSV: the qualification, learner and verdict at the top, then one unit a row under a header', async ({ page }) => {
  await gotoApp(page, PLAN);
  await page.locator('#learner-name').fill('Sam Learner');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    realClick(page, page.getByRole('button', { name: 'Download CSV' })),
  ]);
  assert.equal(download.suggestedFilename(), 'pathway-plan-sam-learner-600-1136-1.csv');
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = text.trimEnd().split('\r\n');
  assert.deepEqual(lines.slice(0, 4), [
    'Qualification,Level 3 NVQ Diploma in Contact Centre Operations (600/1136/1)',
    'Learner,Sam Learner',
    'Verdict,Meets the rules',
    '',
  ]);
  assert.match(lines[4], /^Status,Group,Unit number,Reference,Title,Level,Credits,GLH$/);
  // 101 and 301 mandatory, 6 chosen, 312 achieved.
  assert.equal(lines.length, 5 + 9);
  assert.ok(lines.some((l) => l.startsWith('Achieved,C,312,D/601/1553,')), lines.join('\n'));
  await page.locator('.travel-status', { hasText: 'Downloaded pathway-plan-sam-learner-600-1136-1.csv' }).waitFor();
});

appTest('printed page: the individual learning plan and nothing else', async ({ page }) => {
  await gotoApp(page, PLAN + '&registered=2017-09-04');
  await page.locator('#learner-name').fill('Sam Learner');
  await page.locator('#adviser-name').fill('Alex Adviser');
  await page.locator('#plan-date').fill('2017-09-04');
  // Filters hide units on screen, never on paper.
  await page.locator('#filter-text').fill('bespoke');
  await page.emulateMedia({ media: 'print' });
  const sheet = page.locator('.printed-plan');
  assert.ok(await sheet.isVisible());
  const text = await sheet.innerText();
  assert.match(text, /Learner\s+Sam Learner/);
  assert.match(text, /Adviser\s+Alex Adviser/);
  assert.match(text, /Date\s+4 September 2017/, 'dates are written out');
  assert.match(text, /Registered\s+4 September 2017/);
  assert.doesNotMatch(text, /2017-09-04|04\/09\/2017/);
  assert.match(text, /Level 3 NVQ Diploma in Contact Centre Operations \(600\/1136\/1\)/);
  const rows = await sheet.locator('.ilp-units tbody tr').allInnerTexts();
  assert.equal(rows.length, 9, '101 and 301 mandatory, 6 chosen, 312 achieved');
  assert.ok(rows.some((r) => /^312\t.*\tAchieved\t?$/.test(r)), rows.join('\n'));
  assert.ok(rows.some((r) => /^101\t.*\tTo do \(mandatory\)/.test(r)), rows.join('\n'));
  assert.match(text, /Target date/);
  assert.match(text, /Review date/);
  assert.match(text, /Learner's signature/);
  assert.match(text, /Adviser's signature/);
  assert.match(text, /This plan meets the rules/);
  assert.doesNotMatch(text, /or_above|rule level-|max_units/, 'no internal wording');
  // Nothing else of the page is on paper: no form fields, buttons, tags or disclosures.
  for (const sel of ['.masthead', '.filters', '.complete', '.summary', '.travel', '.unit', 'button', 'input', 'summary', '.tag']) {
    const shown = await page.locator(sel).evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
    assert.equal(shown, 0, `${sel} does not print`);
  }
  // The errata come last, with their full text.
  const order = await sheet.locator('h3').allInnerTexts();
  assert.equal(order.at(-1), 'Errors and ambiguities in the source documents that affect this plan');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await sheet.isVisible(), false, 'on screen the page is the planner');
});

appTest('printed page: a real A4 PDF from Chromium starts with the names, the qualification and the units', async ({ page }) => {
  await gotoApp(page, PLAN);
  await page.locator('#learner-name').fill('Sam Learner');
  await page.locator('#adviser-name').fill('Alex Adviser');
  await page.locator('#plan-date').fill('2026-12-02');
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const first = await doc.getPage(1);
  const [width, height] = [first.view[2], first.view[3]];
  assert.ok(Math.abs(width - 595) < 2 && Math.abs(height - 842) < 2, `A4 portrait: ${width} x ${height} pt`);
  const words = (await first.getTextContent()).items.map((i) => i.str).join(' ').replace(/\s+/g, ' ');
  const at = (s) => words.indexOf(s);
  for (const s of ['Individual learning plan', 'Sam Learner', 'Alex Adviser', '2 December 2026', 'Level 3 NVQ Diploma in Contact Centre Operations', 'Target date', 'Comply with health and safety procedures in a contact centre', 'To do (mandatory)']) {
    assert.ok(at(s) >= 0, `page 1 has "${s}": ${words.slice(0, 600)}`);
  }
  assert.ok(at('Individual learning plan') < at('Sam Learner') && at('Sam Learner') < at('Target date'), 'names before the units');
  assert.doesNotMatch(words, /Pathway Planner runs entirely|Complete my pathway|Copy link/, 'no screen furniture on paper');
  console.log(`printed plan: ${doc.numPages} A4 page(s)`);
});

appTest('paste a unit list: recognised units are added, unknown ones listed, an ambiguous reference asks which', async ({ page }) => {
  await gotoApp(page, '#/600-1135-X');
  await page.locator('#paste-units').fill('202, 205\n999\tL/503/0394\nX/123/4567');
  await realClick(page, page.getByRole('button', { name: 'Add these units' }));
  await page.waitForFunction(() => document.getElementById('unit-202')?.checked && document.getElementById('unit-205')?.checked);
  const messages = await page.locator('#paste-messages').innerText();
  assert.match(messages, /2 units recognised/);
  assert.match(messages, /999/);
  assert.match(messages, /X\/123\/4567/);
  const question = page.locator('fieldset.ambiguity');
  assert.match(await question.locator('legend').innerText(), /L\/503\/0394 is printed for more than one unit/);
  assert.ok(!(await page.locator('#unit-203').isChecked()) && !(await page.locator('#unit-204').isChecked()), 'nothing guessed');
  await realClick(page, question.getByRole('button', { name: /^Unit 204/ }));
  await page.waitForFunction(() => document.getElementById('unit-204')?.checked);
  assert.equal(await page.locator('fieldset.ambiguity').count(), 0);
  assert.ok(!(await page.locator('#unit-203').isChecked()));
  await checkA11y(page);
});

appTest('save a plan by name, reload, reopen it from the list, rename and delete it', async ({ page }) => {
  await gotoApp(page, PLAN);
  await page.locator('#save-name').fill('Sam – contact centre L3');
  await realClick(page, page.getByRole('button', { name: 'Save', exact: true }));
  await page.locator('.travel-status', { hasText: 'Saved as' }).waitFor();
  // A second plan under the same name is refused with a message, not silently overwritten.
  await page.locator('#save-name').fill('sam – CONTACT centre l3');
  await realClick(page, page.getByRole('button', { name: 'Save', exact: true }));
  await page.locator('.travel-status', { hasText: 'already called' }).waitFor();

  await page.evaluate(() => {
    location.hash = '#/601-3576-1';
  });
  await page.locator('h1', { hasText: 'ProQual Level 2' }).waitFor();
  await page.reload();
  const row = page.locator('.saved-table tbody tr', { hasText: 'Sam – contact centre L3' });
  await row.waitFor();
  assert.match(await row.innerText(), /Level 3 NVQ Diploma in Contact Centre Operations \(600\/1136\/1\)/);
  assert.match(await row.innerText(), /Meets the rules/);
  await realClick(page, row.getByRole('link', { name: /Open/ }));
  await page.locator('.verdict[data-verdict="met"]').waitFor();
  assert.equal(await page.locator('.unit[data-key="312"]').getAttribute('data-state'), 'achieved');

  // Rename in place: the name cell becomes a small form with the focus in it.
  const renameButton = page.locator('.saved-table').getByRole('button', { name: /Rename/ });
  await realClick(page, renameButton);
  const field = page.getByLabel(/New name for/);
  await field.waitFor();
  assert.ok(await field.evaluate((el) => el === document.activeElement), 'focus moves into the rename field');
  await checkA11y(page);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('rename-field'));
  assert.ok(await renameButton.evaluate((el) => el === document.activeElement), 'Escape gives up and returns to Rename');
  assert.ok(await page.locator('.saved-table th', { hasText: 'Sam – contact centre L3' }).isVisible(), 'the name is unchanged');
  await realClick(page, renameButton);
  await field.fill('Sam (final)');
  await page.keyboard.press('Enter');
  await page.locator('.saved-table th', { hasText: 'Sam (final)' }).waitFor();
  await page.locator('.travel-status', { hasText: 'Renamed to' }).waitFor();
  assert.ok(await renameButton.evaluate((el) => el === document.activeElement), 'focus returns to the Rename button');
  await realClick(page, page.locator('.saved-table').getByRole('button', { name: /Delete/ }));
  await page.locator('.travel-status', { hasText: 'Deleted' }).waitFor();
  assert.equal(await page.locator('.saved-table').count(), 0);
  await checkA11y(page);
});

appTest('corrupt saved data: a clear message, the text kept aside, the good plans kept', async ({ page }) => {
  await gotoApp(page);
  const good = 'pathway-planner-saved 2\nplan\tp1\tKept plan\t2026-11-01T10:00:00Z\t#/600-1244-4?do=102,103\nplan\tp2\n';
  await page.evaluate((text) => localStorage.setItem('pathway-planner.saved', text), good);
  await page.evaluate(() => {
    location.hash = '#/600-1244-4';
  });
  const alert = page.locator('.saved [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /could not be read/);
  assert.ok((await page.locator('.saved-table tbody tr').count()) === 1, 'the readable plan is kept');
  const kept = await page.evaluate(() => localStorage.getItem('pathway-planner.saved.recovered'));
  assert.equal(kept, good, 'the unreadable text is kept for recovery');
  // Visiting again reads the same damaged entry: it is not copied a second time.
  await page.reload();
  await page.locator('.saved [role="alert"]').waitFor();
  const copies = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pathway-planner.saved.recovered')).length);
  assert.equal(copies, 1, 'one recovery copy, however often the page is opened');

  await page.evaluate(() => localStorage.setItem('pathway-planner.saved', '{"format":"pathway-planner-saved","version":1,"plans":[{'));
  await page.reload();
  await page.locator('.saved [role="alert"]', { hasText: 'older version' }).waitFor();
});

appTest('the downloaded CSV goes back in: its unit number column, pasted into a new plan, selects the same units', async ({ page }) => {
  await gotoApp(page, PLAN);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    realClick(page, page.getByRole('button', { name: 'Download CSV' })),
  ]);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  // The whole unit number column, as a spreadsheet copies it: one cell a line, the lines at the
  // top included (their third cells are empty).
  const rows = text.trimEnd().split('\r\n').map((line) => line.split(','));
  const column = rows.map((cells) => cells[2]).join('\n');
  await page.evaluate(() => {
    location.hash = '#/600-1136-1';
  });
  await page.locator('.verdict[data-verdict="unmet"]').waitFor();
  await page.locator('#paste-units').fill(column);
  await realClick(page, page.getByRole('button', { name: 'Add these units' }));
  for (const key of ['302', '303', '304', '305', '306', '311', '312']) {
    await page.waitForFunction((k) => document.getElementById(`unit-${k}`)?.checked, key);
  }
  assert.match(await page.locator('#paste-messages').innerText(), /recognised/);
  await page.locator('.verdict[data-verdict="met"]').waitFor();
});

appTest('the plan last open in this browser is offered on the home page, with its verdict', async ({ page, context }) => {
  await gotoApp(page);
  assert.equal(await page.locator('.continue').count(), 0, 'nothing to continue on a first visit');
  await page.evaluate((hash) => {
    location.hash = hash;
  }, PLAN.slice(1));
  await page.locator('.verdict[data-verdict="met"]').waitFor();

  // Another tab of the same browser, opened at the front page.
  const later = await context.newPage();
  await later.goto(page.url().split('#')[0]);
  await waitForApp(later);
  const link = later.locator('.continue a');
  await link.waitFor();
  assert.match(await later.locator('.continue').innerText(), /Level 3 NVQ Diploma in Contact Centre Operations \(600\/1136\/1\).*Meets the rules/);
  await realClick(later, link);
  await later.locator('.verdict[data-verdict="met"]').waitFor();
  assert.ok(later.url().endsWith(PLAN), later.url());
  await checkA11y(later);
  await later.close();
});
