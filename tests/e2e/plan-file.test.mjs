// Plan files: the plan downloaded as JSON opens again (in another browser, from the home page or
// the planner); a file with units the qualification lacks opens with what could be kept; bad
// files give a message and change nothing; and the printed plan lists the errata behind it.
import assert from 'node:assert/strict';
import { appTest, gotoApp, checkA11y, realClick, openPage } from './lib.mjs';

const PLAN = '#/600-1136-1?do=302,303,304,305,306,311&done=312&registered=2017-09-04';
const FILE = 'pathway-plan-600-1136-1.json';

async function downloadPlanFile(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    realClick(page, page.getByRole('button', { name: 'Download plan file' })),
  ]);
  const chunks = await (await download.createReadStream()).toArray();
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

function openFile(page, name, text) {
  return page.locator('#open-plan').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

appTest('download plan file: the plan, totals, verdict and catalogue version as JSON, which opens again in a fresh browser', async ({ page }) => {
  await gotoApp(page, PLAN);
  const { name, text } = await downloadPlanFile(page);
  assert.equal(name, FILE);
  const file = JSON.parse(text);
  assert.equal(file.format, 'pathway-planner-plan');
  assert.equal(file.version, 1);
  assert.match(file.catalogue, /\S/);
  assert.equal(file.qualification.number, '600/1136/1');
  assert.deepEqual(file.plan.chosen, ['302', '303', '304', '305', '306', '311']);
  assert.deepEqual(file.plan.achieved, ['312']);
  assert.equal(file.plan.registered, '2017-09-04');
  assert.equal(file.verdict.met, true);
  assert.deepEqual(file.verdict.unmet, []);
  const summary = await page.locator('.summary').innerText();
  assert.ok(summary.includes(`${file.totals.credits} of ${file.totals.credits_needed}`), `totals ${JSON.stringify(file.totals)} vs summary ${summary}`);
  await page.locator('.travel-status', { hasText: `Downloaded ${FILE}` }).waitFor();

  // A fresh browser with nothing saved: open the file from the home page.
  const fresh = await openPage();
  try {
    await gotoApp(fresh.page);
    await openFile(fresh.page, FILE, text);
    await fresh.page.locator('.verdict[data-verdict="met"]').waitFor();
    assert.match(await fresh.page.locator('h1').innerText(), /Contact Centre Operations/);
    assert.equal(await fresh.page.locator('.unit[data-key="312"]').getAttribute('data-state'), 'achieved');
    assert.equal(await fresh.page.locator('#registered').inputValue(), '2017-09-04');
    for (const key of file.plan.chosen) {
      assert.ok(await fresh.page.locator(`#unit-${key}`).isChecked(), `unit ${key} chosen`);
    }
    const notice = fresh.page.locator('.notice', { hasText: `Opened \u201c${FILE}\u201d` });
    await notice.waitFor();
    assert.match(await notice.innerText(), /Every unit in it was found/);
    assert.ok(fresh.page.url().endsWith(PLAN), `the address carries the plan: ${fresh.page.url()}`);
    await checkA11y(fresh.page);
    fresh.assertClean();
  } finally {
    await fresh.close();
  }
});

appTest('a plan file with a unit the qualification lacks and an impossible date opens with the rest, and says what it left out', async ({ page }) => {
  await gotoApp(page, '#/600-1244-4');
  const file = {
    format: 'pathway-planner-plan',
    version: 1,
    catalogue: 'made-elsewhere',
    qualification: { number: '600/1136/1' },
    plan: { chosen: ['302', '999'], achieved: ['312'], registered: '2017-02-30' },
  };
  await openFile(page, 'edited.json', JSON.stringify(file));
  const notice = page.locator('.notice[role="alert"]', { hasText: 'Opened \u201cedited.json\u201d' });
  await notice.waitFor();
  const text = await notice.innerText();
  assert.match(text, /999/);
  assert.match(text, /2017-02-30/);
  assert.match(text, /different qualification data/);
  assert.ok(await page.locator('#unit-302').isChecked());
  assert.equal(await page.locator('.unit[data-key="312"]').getAttribute('data-state'), 'achieved');
  assert.equal(await page.locator('#registered').inputValue(), '');
  // The notice belongs to the opened plan: it goes once the learner moves to another page.
  await page.evaluate(() => {
    location.hash = '#/';
  });
  await page.locator('h1', { hasText: 'Choose a qualification' }).waitFor();
  await page.evaluate(() => history.back());
  await page.locator('#unit-302').waitFor();
  assert.equal(await page.locator('.notice', { hasText: 'edited.json' }).count(), 0);
  await checkA11y(page);
});

appTest('bad plan files: a clear message each time, and neither the plan on screen nor the saved plans change', async ({ page }) => {
  const saved = '{"format":"pathway-planner-saved","version":3,"plans":[{"id":"p1","name":"Kept plan","saved":"2026-11-01T10:00:00Z","address":"#/600-1244-4?do=102,103"}]}';
  await gotoApp(page);
  await page.evaluate((text) => localStorage.setItem('pathway-planner.saved', text), saved);
  await page.evaluate((hash) => {
    location.hash = hash;
  }, PLAN.slice(1));
  await page.locator('.verdict[data-verdict="met"]').waitFor();
  const before = page.url();
  const good = await downloadPlanFile(page);
  const edited = (change) => {
    const file = JSON.parse(good.text);
    change(file);
    return JSON.stringify(file);
  };

  const cases = [
    ['cut-off.json', good.text.slice(0, good.text.length / 2), /ends too soon/],
    ['notes.json', 'Sam: units 302, 303', /not a plan file this app can read/],
    ['other.json', '{"format":"something-else","version":1}', /not a Pathway Planner plan file/],
    ['newer.json', edited((f) => { f.version = 7; }), /newer version of Pathway Planner/],
    ['gone.json', edited((f) => { f.qualification.number = '999/9999/9'; }), /999\/9999\/9, which this app does not have/],
    ['no-plan.json', edited((f) => { delete f.plan; }), /incomplete/],
    ['empty.json', '', /ends too soon/],
    ['huge.json', ' '.repeat(300 * 1024) + good.text, /too large to be a plan file/],
  ];
  for (const [name, text, message] of cases) {
    await openFile(page, name, text);
    const alert = page.locator('.open-file [role="alert"]', { hasText: name });
    await alert.waitFor();
    const said = await alert.innerText();
    assert.match(said, message, `${name}: ${said}`);
    assert.match(said, /Nothing has been changed/);
    assert.equal(page.url(), before, `${name} left the plan alone`);
  }
  assert.equal(await page.evaluate(() => localStorage.getItem('pathway-planner.saved')), saved, 'saved plans untouched');
  assert.equal(await page.locator('.verdict').getAttribute('data-verdict'), 'met');
  await checkA11y(page);

  // After all that, a good file still opens.
  await openFile(page, good.name, edited((f) => { f.plan.achieved = []; }));
  await page.locator('.notice', { hasText: `Opened \u201c${good.name}\u201d` }).waitFor();
  assert.equal(await page.locator('.open-file [role="alert"]').count(), 0, 'the old message is gone');
  await page.waitForFunction(() => document.querySelector('.unit[data-key="312"]')?.dataset.state !== 'achieved');
});

appTest('the printed plan lists every unit in the plan whatever the filters show, and the errata that bear on it', async ({ page }) => {
  await gotoApp(page, PLAN);
  // Filtered down to one unit on screen: the paper still lists the whole plan.
  await page.locator('#filter-text').fill('302');
  await page.waitForFunction(() => !document.querySelector('.unit[data-key="303"]')?.checkVisibility());
  const sheet = page.locator('.printed-plan');
  assert.equal(await sheet.isVisible(), false, 'on screen each erratum sits by its unit or rule');
  await page.emulateMedia({ media: 'print' });
  assert.ok(await sheet.isVisible());
  const units = await sheet.locator('.ilp-units tbody tr td:first-child').allInnerTexts();
  for (const key of ['101', '301', '302', '303', '311', '312']) {
    assert.ok(units.includes(key), `unit ${key} prints: ${units.join(' ')}`);
  }
  assert.ok(!units.includes('204'), 'units not in the plan do not print');
  const errata = await sheet.locator('.ilp-errata').innerText();
  assert.match(errata, /Erratum CG-01/, 'the rule erratum');
  assert.match(errata, /Erratum CG-11/, 'unit 306 is in the plan');
  assert.doesNotMatch(errata, /CG-06/, 'unit 204 is not in the plan');
  assert.match(errata, /What this app does:/);
  const top = async (sel) => (await page.locator(sel).first().boundingBox()).y;
  assert.ok((await top('.ilp-units')) < (await top('.ilp-errata')), 'the errata follow the units');
  await page.emulateMedia({ media: 'screen' });
});
