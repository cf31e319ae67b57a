// Across qualifications as a person uses them: compare all eight, compare two and read their units
// in common, find a unit by its content and open it, carry a Level 2 plan to the Level 3 Diploma,
// and the compare page at 320 px, on paper and by keyboard alone.
import assert from 'node:assert/strict';
import { appTest, gotoApp, checkA11y, realClick, pressKeys, waitForApp } from './lib.mjs';

const hash = (page) => page.evaluate(() => decodeURIComponent(location.hash));

/** Follows an address inside the app already open, as a typed or pasted link would. */
async function go(page, address) {
  await page.evaluate((a) => {
    location.hash = a;
  }, address);
  await page.waitForFunction((a) => location.hash === a, address);
  await page.locator('#app h1').first().waitFor();
}
const verdict = (page) => page.locator('.verdict[role="status"]');

/** The cells of a row of the compare table, by its row header. */
async function row(page, label) {
  const tr = page.locator('.compare-table tbody tr', { has: page.locator('th[scope="row"]', { hasText: label }) });
  return tr.locator('td').allInnerTexts();
}

appTest('compare all eight: one column per qualification, figures as printed, routes that open valid plans', async ({ page }) => {
  await gotoApp(page);
  await realClick(page, page.getByRole('link', { name: 'Compare all eight' }));
  await page.locator('h1', { hasText: 'Compare qualifications' }).waitFor();
  assert.equal(await hash(page), '#/compare');
  // Each header is the number (with the title for screen readers, in the link's name).
  const heads = (await page.locator('.compare-table thead th[scope="col"]').allInnerTexts()).map((t) => t.split('\n')[0]);
  assert.deepEqual(heads.slice(1), ['600/1244/4', '600/1286/9', '600/1135/X', '600/1136/1', '600/1288/2', '601/3478/1', '601/3576/1', '601/4756/8']);
  assert.equal(await page.locator('.compare-table tbody th[scope="row"]').count(), 17);
  assert.deepEqual(await row(page, 'Total qualification time (TQT)'), [
    'not printed', 'not printed', 'not printed', 'not printed', 'not printed', '550 hours', '450 hours', '500 hours',
  ]);
  assert.deepEqual(await row(page, 'Size'), ['Award', 'Certificate', 'Certificate', 'Diploma', 'Diploma', 'Diploma', 'Diploma', 'Diploma']);
  const ages = await row(page, 'Ages');
  assert.match(ages[4], /Age group approved\s+18\+/);
  assert.equal(ages[6], 'not printed');
  const apprenticeship = await row(page, 'Apprenticeship use');
  assert.match(apprenticeship[5], /Advanced Apprenticeship in Customer Service/);
  assert.match(apprenticeship[3], /contact centre apprenticeship framework/);
  assert.equal(apprenticeship[7], 'The document names no apprenticeship');
  const hours = await row(page, 'Shortest route: fewest guided learning hours');
  assert.match(hours[6], /not printed/);
  assert.match(hours[5], /289 guided learning hours/);
  await checkA11y(page);
  // Every route opens its plan, which meets the rules.
  const credits = page.locator('.compare-table tbody tr', { has: page.locator('th', { hasText: 'Shortest route: fewest credits' }) });
  await realClick(page, credits.locator('td').nth(3).getByRole('link', { name: /Open this plan/ }));
  await page.locator('h1', { hasText: 'Level 3 NVQ Diploma' }).waitFor();
  await page.locator('.verdict[data-verdict="met"]').waitFor();
  assert.match(await verdict(page).innerText(), /42 of 42 credits/);
});

appTest('compare two from the home page and find the units they share, each entry as printed', async ({ page }) => {
  await gotoApp(page);
  const choose = page.locator('form.choose');
  // One is not a comparison: the form says so and keeps focus in the list.
  await realClick(page, choose.getByLabel(/Level 3 NVQ Diploma in Contact Centre Operations/));
  await realClick(page, choose.getByRole('button', { name: 'Compare' }));
  await choose.locator('[role="alert"]', { hasText: 'Choose at least two' }).waitFor();
  await realClick(page, choose.getByLabel(/Pearson BTEC Level 3 Diploma/));
  await realClick(page, choose.getByRole('button', { name: 'Compare' }));
  await page.locator('h1', { hasText: 'Compare qualifications' }).waitFor();
  assert.equal(await hash(page), '#/compare?q=600-1136-1,601-3478-1');
  assert.equal(await page.locator('.compare-table thead th[scope="col"]').count(), 3);
  const common = page.locator('.common-table');
  assert.match(await page.locator('#common-count').innerText(), /shared by two or more of these qualifications/);
  const k = common.locator('tr[data-ref="K/503/0418"]');
  assert.match(await k.locator('th[scope="row"]').innerText(), /K\/503\/0418\s+Manage incidents referred to a contact centre/i);
  const cells = await k.locator('td').allInnerTexts();
  assert.match(cells[0], /Unit 310, Group B, Level 3, 6 credits/);
  assert.match(cells[1], /Unit 37, Group C, Level 3, 6 credits/);
  await checkA11y(page);
  // The reference printed for two units: all its entries, marked, with the erratum.
  await go(page, '#/compare?q=600-1135-X,600-1136-1,601-3576-1');
  await page.locator('.compare-table thead th[scope="col"]').nth(3).waitFor();
  const l = page.locator('.common-table tr[data-ref="L/503/0394"]');
  assert.match(await l.locator('th').innerText(), /One reference, two units: not merged/);
  assert.match(await l.locator('th').innerText(), /CG-06/);
  const lCells = await l.locator('td').allInnerTexts();
  assert.match(lCells[0], /Unit 203.*Deliver customer service through a contact centre[\s\S]*Unit 204.*Carry out direct sales/);
  assert.match(lCells[2], /Group D, Level 2, 5 credits/);
  await checkA11y(page);
});

appTest('find a unit: "complaints" across awarding bodies, then open a result in its planner', async ({ page }) => {
  await gotoApp(page);
  await page.locator('#home-unit-query').fill('complaints');
  await page.locator('#home-unit-query').press('Enter');
  await page.locator('h1', { hasText: 'Find a unit' }).waitFor();
  assert.equal(await hash(page), '#/units?q=complaints');
  await page.locator('.search-status', { hasText: /units found for “complaints”/ }).waitFor();
  const text = await page.locator('.results').innerText();
  for (const body of ['Level 3 NVQ Diploma in Contact Centre Operations', 'Pearson BTEC', 'ProQual Level 2']) assert.ok(text.includes(body), body);
  const resolve = page.locator('.result[data-ref="R/506/2151"]');
  assert.equal(await resolve.locator('.placements > li').count(), 3);
  await checkA11y(page);
  // Content matches say where the words were found.
  await page.locator('#unit-query').fill('handling complaints');
  await page.locator('#unit-query').press('Enter');
  await page.locator('.search-status', { hasText: /found for “handling complaints”/ }).waitFor();
  const incidents = page.locator('.result[data-ref="K/503/0418"]');
  assert.match(await incidents.locator('.passage').innerText(), /complaints about incident handling/);
  await realClick(page, incidents.getByRole('link', { name: /Open the planner with unit 37 chosen/ }));
  await page.locator('h1', { hasText: 'Pearson BTEC Level 3 Diploma in Customer Service' }).waitFor();
  assert.equal(await hash(page), '#/601-3478-1?do=37');
  assert.ok(await page.locator('#unit-37').isChecked());
  // The planner's own filter matches the same way.
  await page.locator('#filter-text').fill('handling complaints');
  await page.waitForFunction(() => !document.querySelector('.unit[data-key="1"]')?.checkVisibility());
  assert.ok(await page.locator('.unit[data-key="37"]').isVisible());
  await checkA11y(page);
});

appTest('carry a valid City & Guilds Level 2 plan to the Level 3 Diploma: address, notice, totals', async ({ page }) => {
  await gotoApp(page, '#/600-1135-X?done=101,201,203,204,205,308,323');
  await page.locator('.verdict[data-verdict="met"]').waitFor();
  await page.locator('#carry-target').selectOption('600/1136/1');
  const panel = page.locator('section.carry');
  await panel.locator('.carry-status').waitFor();
  assert.match(await panel.innerText(), /Whether City & Guilds accepts units achieved in another qualification is for City & Guilds to confirm/);
  assert.match(await panel.innerText(), /“Reference to credit transfer within the QCF removed” \(Section 8\)/);
  // L/503/0394 is printed for unit 203 and unit 204: 204 is the same unit in both tables, 203 is asked.
  const question = panel.locator('fieldset.carry-question');
  assert.equal(await question.count(), 1);
  assert.match(await question.locator('legend').innerText(), /L\/503\/0394 is printed for more than one unit\. Which unit of 600\/1136\/1 is Unit 203/);
  assert.match(await panel.locator('.carry-status').innerText(), /4 units \(15 credits\) will open as already achieved in 600\/1136\/1\. 1 question above is not answered/);
  await realClick(page, question.getByLabel('None of these: do not carry it'));
  await panel.locator('.carry-status', { hasText: /^4 units \(15 credits\) will open as already achieved in 600\/1136\/1\.$/ }).waitFor();
  await checkA11y(page);
  await realClick(page, panel.getByRole('button', { name: 'Open 600/1136/1 with 4 units already achieved' }));
  await page.locator('h1', { hasText: 'Level 3 NVQ Diploma in Contact Centre Operations' }).waitFor();
  assert.equal(await hash(page), '#/600-1136-1?done=101,204,308,323&from=600-1135-X&carried=101,204,308,323');
  const notice = page.locator('.notice[role="status"]');
  assert.match(await notice.locator('h2').innerText(), /4 units carried from Level 2 NVQ Certificate in Contact Centre Operations \(600\/1135\/X\)/);
  const lines = await notice.innerText();
  assert.match(lines, /Carried as already achieved: unit 101 \(D\/503\/0352\), unit 204 \(L\/503\/0394\), unit 308 \(J\/503\/0426\) and unit 323 \(H\/600\/9660\)\./);
  assert.match(lines, /600\/1136\/1 does not include unit 201 \(T\/503\/0342\) and unit 205 \(H\/503\/0403\)/);
  assert.match(lines, /you chose not to carry unit 203 of 600\/1135\/X/);
  assert.match(await page.locator('.carried').innerText(), /City & Guilds to confirm/);
  // Totals: 15 credits achieved, and the mandatory unit 301 still to do.
  for (const key of ['101', '204', '308', '323']) {
    assert.equal(await page.locator(`.unit[data-key="${key}"]`).getAttribute('data-state'), 'achieved', key);
  }
  assert.match(await page.locator('.unit[data-key="101"]').textContent(), /Carried from 600\/1135\/X/);
  assert.match(await verdict(page).innerText(), /19 of 42 credits/);
  assert.match(await page.locator('.totals').innerText(), /Already achieved\s+15/i);
  assert.match(await page.locator('.from-here').innerText(), /Shortest route from here, counting the 4 units already achieved: add \d+ units \(23 credits\)/);
  await checkA11y(page);
  // "Complete my pathway" completes from here: the carried units stay achieved.
  await realClick(page, page.getByRole('radio', { name: 'fewest credits' }));
  await realClick(page, page.getByRole('button', { name: 'Complete my pathway' }));
  await page.locator('.verdict[data-verdict="met"]').waitFor();
  assert.match(await verdict(page).innerText(), /42 of 42 credits/);
  assert.equal(await page.locator('.unit[data-key="204"]').getAttribute('data-state'), 'achieved');
  // After a reload the notice is gone, but where the units came from stays, on screen and on paper.
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.locator('.notice[role="status"]').count(), 0);
  assert.match(await page.locator('.carried').innerText(), /Carried from Level 2 NVQ Certificate in Contact Centre Operations \(600\/1135\/X\) and marked already achieved: unit 101, unit 204, unit 308 and unit 323\./);
  await page.emulateMedia({ media: 'print' });
  const printed = page.locator('.printed-plan .ilp-carried');
  assert.ok(await printed.isVisible(), 'the printed plan says where units came from');
  assert.match(await printed.innerText(), /Carried from Level 2 NVQ Certificate in Contact Centre Operations \(600\/1135\/X\)/);
  assert.match(await page.locator('.printed-plan .ilp-units').innerText(), /Carried from 600\/1135\/X/);
  assert.equal(await page.locator('section.carry').isVisible(), false);
});

appTest('units still to do carry only when ticked complete; mandatory units and pasted units can be achieved', async ({ page }) => {
  await gotoApp(page, '#/600-1135-X?do=308&done=323');
  await page.locator('#carry-target').selectOption('600/1136/1');
  const panel = page.locator('section.carry');
  await panel.locator('.carry-status', { hasText: /^1 unit \(\d+ credits?\) will open/ }).waitFor();
  await realClick(page, panel.getByLabel(/Completed: Unit 308/));
  await panel.locator('.carry-status', { hasText: /^2 units \(\d+ credits\) will open/ }).waitFor();
  await realClick(page, panel.getByRole('button', { name: /Open 600\/1136\/1 with 2 units/ }));
  await page.locator('h1', { hasText: 'Level 3 NVQ Diploma' }).waitFor();
  assert.equal(await hash(page), '#/600-1136-1?done=308,323&from=600-1135-X&carried=308,323');
  assert.match(await page.locator('.notice').innerText(), /because you marked them complete: unit 308/);
  assert.match(await page.locator('.notice').innerText(), /Still to do in the 600\/1135\/X plan, so not carried: unit 101/);
  // A mandatory unit has its own "already achieved" box.
  await realClick(page, page.locator('#achieved-301'));
  await page.waitForFunction(() => document.querySelector('.unit[data-key="301"]')?.dataset.state === 'achieved');
  // Pasted units can go straight in as already achieved.
  await page.locator('#paste-units').fill('302');
  await realClick(page, page.getByLabel('as already achieved'));
  await realClick(page, page.getByRole('button', { name: 'Add these units' }));
  await page.waitForFunction(() => document.querySelector('.unit[data-key="302"]')?.dataset.state === 'achieved');
  assert.match(await hash(page), /done=301,302,308,323&from=600-1135-X&carried=308,323/);
  await checkA11y(page);
});

appTest('320 px: the compare page never scrolls sideways; its tables scroll in their own labelled regions', { contextOptions: { viewport: { width: 320, height: 700 } } }, async ({ page }) => {
  await gotoApp(page, '#/compare');
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(widths[0] <= widths[1], `page is ${widths[0]} px wide in a ${widths[1]} px window`);
  for (const sel of ['.table-scroll:has(.compare-table)', '.table-scroll:has(.common-table)']) {
    const region = page.locator(sel);
    assert.equal(await region.getAttribute('role'), 'region');
    assert.equal(await region.getAttribute('tabindex'), '0');
    assert.ok(await region.evaluate((el) => el.scrollWidth > el.clientWidth), `${sel} scrolls inside itself`);
  }
  await checkA11y(page);
  await go(page, '#/units?q=complaints');
  await page.locator('.results').waitFor();
  const w = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(w[0] <= w[1], `find a unit is ${w[0]} px wide`);
});

appTest('compare prints on A4 landscape without the controls', async ({ page }) => {
  await gotoApp(page, '#/compare?q=600-1136-1,601-3478-1');
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const box = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  assert.ok(box, 'the PDF has a page size');
  const [w, h] = [Number(box[1]), Number(box[2])];
  assert.ok(Math.abs(w - 841.9) < 2 && Math.abs(h - 595.3) < 2, `A4 landscape is 842 x 595 points, got ${w} x ${h}`);
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['.masthead', '.choose-again', '.compare-table td a']) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} does not print`);
  }
  assert.ok(await page.locator('.compare-table').isVisible());
});

appTest('keyboard only: choose two qualifications and compare, search, and carry', async ({ page }) => {
  await gotoApp(page);
  await page.locator('#home-choose-2').focus();
  await pressKeys(page, 'Space', 'Tab', 'Space', 'Enter');
  await page.locator('h1', { hasText: 'Compare qualifications' }).waitFor();
  assert.equal(await hash(page), '#/compare?q=600-1135-X,600-1136-1');
  // The table region takes focus so it can be scrolled with the arrow keys.
  await page.locator('.table-scroll').first().focus();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'region');
  await page.locator('.site-nav').getByRole('link', { name: 'Find a unit' }).focus();
  await pressKeys(page, 'Enter');
  await page.locator('h1', { hasText: 'Find a unit' }).waitFor();
  await page.locator('#unit-query').focus();
  await page.keyboard.type('310');
  await pressKeys(page, 'Enter');
  await page.locator('.result[data-ref="K/503/0418"]').waitFor();
  await page.locator('.result').first().getByRole('link').first().focus();
  await pressKeys(page, 'Enter');
  await page.locator('h1', { hasText: 'Level 3 NVQ Diploma' }).waitFor();
  assert.equal(await hash(page), '#/600-1136-1?do=310');
  await page.locator('#carry-target').focus();
  await page.keyboard.press('ArrowDown');
  await page.locator('.carry-status').waitFor();
  await page.locator('section.carry button').focus();
  await pressKeys(page, 'Enter');
  await page.locator('.notice[role="status"]').waitFor();
  assert.match(await hash(page), /^#\/600-1244-4/);
});

appTest('dark colour scheme: compare, find a unit and the carry form pass the accessibility audit', { contextOptions: { colorScheme: 'dark' } }, async ({ page }) => {
  await gotoApp(page, '#/compare?q=600-1135-X,600-1136-1,601-3576-1');
  await page.locator('.common-table').waitFor();
  await checkA11y(page);
  await go(page, '#/units?q=L/503/0394');
  await page.locator('.result .ambiguous-tag').first().waitFor();
  await checkA11y(page);
  await go(page, '#/600-1135-X?done=101,201,203,204,205,308,323');
  await page.locator('#carry-target').selectOption('600/1136/1');
  await page.locator('fieldset.carry-question').waitFor();
  await checkA11y(page);
});
