// The Savings and Capital pages: published figures at the defaults, levers that change them,
// exact moves of a scheme's spend between years (and a refused one), Undo, keeping the scenario
// across pages, 320px wide, axe after interaction, and no console errors.
//
// DOM hooks (from src/ui/pages/savings.rs and capital.rs):
//   [data-headline="overspend-before" | "overspend-after" | "undelivered" | "draw" | "runs-out"] .big   (Savings)
//   [data-headline="revised" | "reprofiled" | "cost" | "cost-change"] .big                              (Capital)
//   figure[data-chart="sv-waterfall" | "sv-status" | "sv-runway" | "cap-bridge" | "cap-spend" | "cap-cost"]
//   #lever-<key with dots as hyphens> (range), #lever-…-n (number box)
//   #scheme-table tr[data-scheme=<id>] td[data-year=<2025-26>] / td[data-col="total"]; #year-totals td[data-year]
//   form.move-form[data-scheme=<id>, or "any" with #move-any-scheme past 40 schemes] select[name=from|to] input[name=amount] button[type=submit]; #move-<id>-err
//   #moves-list li[data-applied=yes|no] button (Undo), #moves-none, #moves-status, #scheme-check[data-reconciles]
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, ready, axe, pageUrl, openTables } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const text = async (page, selector) => (await page.locator(selector).first().innerText()).trim();
const pounds = (s) => Number(s.trim().replace('−', '-').replace(/[£,]/g, ''));
const waitText = (page, selector, expected) =>
  page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent.trim() === want, [selector, expected], { timeout: 10000 });

test('Savings: the published forecast at the defaults, and the at-risk lever changes the overspend', async () => {
  const { context, page, problems } = await open(browser, pageUrl('savings'));
  await ready(page);
  const before = '[data-headline="overspend-before"] .big';
  const after = '[data-headline="overspend-after"] .big';
  assert.equal(await text(page, before), '£10.2m');
  assert.equal(await text(page, after), '£2m');
  const main = await page.locator('main').innerText();
  for (const figure of ['£10.2m', '£2m', '£5m', '£19.5m']) assert.ok(main.includes(figure), `shows ${figure}`);
  assert.equal(await page.locator('[data-reproduces="yes"]').count(), 1, 'says the defaults reproduce the published figures');
  assert.match(await text(page, '[data-headline="runs-out"] .big'), /\d{4}\/\d{2}|not within \d+ years/);

  for (const id of ['sv-waterfall', 'sv-status', 'sv-runway']) {
    const fig = page.locator(`figure[data-chart="${id}"]`);
    await openTables(fig);
    assert.match(await fig.locator('h3').innerText(), /\S/, `${id} has a title`);
    assert.match(await fig.locator('.summary').innerText(), /\S/, `${id} has a summary`);
    assert.ok(await fig.locator('svg rect').count() >= 2, `${id} is drawn`);
    assert.ok(await fig.locator('table tbody tr').count() >= 2, `${id} has a data table`);
  }
  const wf = await page.locator('figure[data-chart="sv-waterfall"] table').innerText();
  assert.match(wf, /£212,800,000/);
  assert.match(wf, /£214,800,000/);

  // Half of the at-risk savings delivered, set with the number box and Tab.
  await page.fill('#lever-rev-atrisk-n', '50');
  await page.press('#lever-rev-atrisk-n', 'Tab');
  await waitText(page, before, '£7.7m');
  assert.equal(await text(page, after), '£0m', 'management action covers what is left');
  assert.match(await text(page, 'figure[data-chart="sv-waterfall"] h3'), /£7\.7m/);
  assert.equal(await page.locator('[data-reproduces="no"]').count(), 1);

  // The slider works too.
  await page.fill('#lever-rev-atrisk', '100');
  await waitText(page, before, '£5.2m');
  assert.equal(await page.inputValue('#lever-rev-atrisk-n'), '100');

  // More pressure than management action can meet.
  await page.fill('#lever-rev-press-n', '10');
  await page.press('#lever-rev-press-n', 'Tab');
  await waitText(page, before, '£15.2m');
  assert.equal(await text(page, after), '£7m');
  await page.waitForURL(/rev\.press=10/);

  assert.deepEqual(await axe(page), [], 'axe violations on the Savings page after interaction');

  // Reset brings the published figures back.
  await page.click('#sv-reset');
  await waitText(page, before, '£10.2m');
  assert.equal(await text(page, after), '£2m');

  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('Savings: a link to the Capital page keeps the scenario', async () => {
  const { context, page, problems } = await open(browser, pageUrl('savings', 'rev.atrisk=50'));
  await ready(page);
  assert.equal(await text(page, '[data-headline="overspend-before"] .big'), '£7.7m');
  await page.getByRole('link', { name: 'Capital page', exact: true }).click();
  await page.waitForSelector('[data-headline="revised"]');
  await page.waitForURL(/page=capital/);
  assert.match(page.url(), /rev\.atrisk=50/);
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Savings', exact: true }).click();
  await waitText(page, '[data-headline="overspend-before"] .big', '£7.7m');
  assert.equal(await page.inputValue('#lever-rev-atrisk-n'), '50');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('Savings: reserves that last the years modelled are said to, by their last date, not as a count of years', async () => {
  // With the override never ending, no DSG deficit counts against reserves. "Not within 6 years"
  // beside 5 medium-term years had read as a miscount (the base year is one of them).
  const { context, page, problems } = await open(browser, pageUrl('savings', 'hn.override=never'));
  await ready(page);
  const card = page.locator('[data-headline="runs-out"]');
  await page.waitForFunction(() => /^not by 31 March \d{4}$/.test(document.querySelector('[data-headline="runs-out"] .big')?.textContent.trim() || ''));
  assert.match(await card.innerText(), /the years modelled run from \d{4}\/\d{2} to \d{4}\/\d{2}/);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('Capital: the bridge from £160m to £96.4m, delivery to date and the cost of borrowing', async () => {
  const { context, page, problems } = await open(browser, pageUrl('capital'));
  await ready(page);
  assert.equal(await text(page, '[data-headline="revised"] .big'), '£96.4m');
  assert.equal(await text(page, '[data-headline="reprofiled"] .big'), '£82.8m');
  const bridge = page.locator('figure[data-chart="cap-bridge"]');
  const title = await bridge.locator('h3').innerText();
  assert.match(title, /£160(\.0)?m/);
  assert.match(title, /£96\.4m/);
  await bridge.locator('details summary').click();
  const table = await bridge.locator('table').innerText();
  for (const figure of ['£160,000,000', '£15,300,000', '£82,800,000', '£96,400,000']) assert.ok(table.includes(figure), `bridge table has ${figure}`);
  const main = await page.locator('main').innerText();
  for (const figure of ['£63.2m', '£41.6m']) assert.ok(main.includes(figure), `delivery shows ${figure}`);
  for (const id of ['cap-spend', 'cap-cost']) {
    const fig = page.locator(`figure[data-chart="${id}"]`);
    await openTables(fig);
    assert.match(await fig.locator('h3').innerText(), /\S/);
    assert.match(await fig.locator('.summary').innerText(), /\S/);
    assert.ok(await fig.locator('table tbody tr').count() >= 2, `${id} has a data table`);
  }
  assert.match(await text(page, '[data-headline="cost"] .big'), /£/);

  // More slippage changes the spend profile and the cost of borrowing, and adds a slipped-totals row.
  const costBefore = await text(page, '[data-headline="cost"] .big');
  await page.fill('#lever-cap-slip-n', '20');
  await page.press('#lever-cap-slip-n', 'Tab');
  await page.waitForSelector('#year-totals-slipped');
  assert.notEqual(await text(page, '[data-headline="cost"] .big'), costBefore);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('Capital: moving £100,000 between years changes the years but not the scheme total; a too-large move is refused', async () => {
  const { context, page, problems } = await open(browser, pageUrl('capital'));
  await ready(page);
  const id = 'resurfacing-herefordshire-highways';
  const row = `#scheme-table tr[data-scheme="${id}"]`;
  const cell = (y) => `${row} td[data-year="${y}"]`;
  const yearTotal = (y) => `#year-totals td[data-year="${y}"]`;
  await page.waitForSelector(row);
  assert.equal(await text(page, `${row} td[data-col="total"]`), '£10,000,000');
  assert.equal(await text(page, cell('2025-26')), '£10,000,000');
  assert.equal(await text(page, cell('2026-27')), '£0');
  const t25 = pounds(await text(page, yearTotal('2025-26')));
  const t26 = pounds(await text(page, yearTotal('2026-27')));
  const grand = await text(page, '#year-totals td[data-col="total"]');
  assert.equal(await page.locator('#moves-none').count(), 1);

  const form = page.locator(`form.move-form[data-scheme="${id}"]`);
  await form.locator('select[name="from"]').selectOption('2025-26');
  await form.locator('select[name="to"]').selectOption('2026-27');
  await form.locator('input[name="amount"]').fill('100000');
  await form.locator('button[type="submit"]').click();
  await waitText(page, cell('2026-27'), '£100,000');
  assert.equal(await text(page, cell('2025-26')), '£9,900,000');
  assert.equal(await text(page, `${row} td[data-col="total"]`), '£10,000,000', 'the scheme total stays the same');
  assert.equal(pounds(await text(page, yearTotal('2025-26'))), t25 - 100000);
  assert.equal(pounds(await text(page, yearTotal('2026-27'))), t26 + 100000);
  assert.equal(await text(page, '#year-totals td[data-col="total"]'), grand, 'the programme total stays the same');
  assert.equal(await page.getAttribute('#scheme-check', 'data-reconciles'), 'yes');
  assert.equal(await page.locator('#moves-list li').count(), 1);
  assert.match(await text(page, '#moves-status'), /Moved £100,000/);
  await page.waitForURL(/cap\.move=/);
  // Said beside the form too, and the amount emptied: Enter again does not move it twice.
  assert.match(await form.locator('.move-done').innerText(), /^Moved £100,000 .* Undo it under “Moves you have made”$/);
  assert.equal(await form.locator('input[name="amount"]').inputValue(), '');
  await form.locator('input[name="amount"]').press('Enter');
  await page.waitForFunction((sel) => /greater than zero/.test(document.querySelector(sel)?.textContent || ''), `#move-${id}-err`);
  assert.equal(await page.locator('#moves-list li').count(), 1, 'not moved twice');
  assert.equal(await form.locator('.move-done').isVisible(), false, 'the note does not stand beside the error');

  // Too large: submitted from the keyboard, refused with a message, nothing changes.
  const amount = form.locator('input[name="amount"]');
  await amount.fill('20000000');
  await amount.press('Enter');
  const err = page.locator(`#move-${id}-err`);
  await err.waitFor({ state: 'visible' });
  assert.match(await err.innerText(), /cannot be moved/);
  assert.equal(await amount.getAttribute('aria-invalid'), 'true');
  assert.equal(await text(page, cell('2026-27')), '£100,000');
  assert.equal(await text(page, `${row} td[data-col="total"]`), '£10,000,000');
  assert.equal(await page.locator('#moves-list li').count(), 1, 'the refused move is not added');

  // Same year and not-a-number are refused too.
  await form.locator('select[name="to"]').selectOption('2025-26');
  await amount.fill('1000');
  await form.locator('button[type="submit"]').click();
  await page.waitForFunction((sel) => /different years/.test(document.querySelector(sel)?.textContent || ''), `#move-${id}-err`);
  await form.locator('select[name="to"]').selectOption('2026-27');
  await amount.fill('lots');
  await form.locator('button[type="submit"]').click();
  await page.waitForFunction((sel) => /greater than zero/.test(document.querySelector(sel)?.textContent || ''), `#move-${id}-err`);
  assert.equal(await page.locator('#moves-list li').count(), 1);

  assert.deepEqual(await axe(page), [], 'axe violations on the Capital page after interaction');

  // Undo puts it back.
  await page.locator('#moves-list li button').first().click();
  await waitText(page, cell('2026-27'), '£0');
  assert.equal(await text(page, cell('2025-26')), '£10,000,000');
  assert.equal(pounds(await text(page, yearTotal('2025-26'))), t25);
  assert.equal(await page.locator('#moves-none').count(), 1);
  // The note beside the form goes with the move it named.
  assert.equal(await form.locator('.move-done').isVisible(), false, 'no note of a move undone');

  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('Capital: a move in the link opens applied, and a bad one is reported, not applied', async () => {
  const good = 'resurfacing-herefordshire-highways~2025-26~2026-27~250000';
  const bad = 'resurfacing-herefordshire-highways~2025-26~2026-27~99000000';
  // Spend charged to 1900/01, a century before the programme: refused, and no column for it.
  const early = 'resurfacing-herefordshire-highways~2025-26~1900-01~1000';
  const url = pageUrl('capital') + `&cap.move=${good}&cap.move=${bad}&cap.move=${early}`;
  const { context, page, problems } = await open(browser, url);
  await ready(page);
  const row = '#scheme-table tr[data-scheme="resurfacing-herefordshire-highways"]';
  await waitText(page, `${row} td[data-year="2026-27"]`, '£250,000');
  assert.equal(await page.locator('#moves-list li').count(), 3, 'every move is listed, so a refused one can be undone');
  assert.equal(await page.locator('#moves-list li[data-applied="no"]').count(), 2);
  assert.match(await page.locator('main').innerText(), /could not be made/);
  assert.match(await page.locator('main').innerText(), /spend can be moved only to a year from 2024\/25 to 2030\/31 \(the programme's years and 4 after them\), not 1900\/01/);
  assert.equal(await page.locator('#scheme-table td[data-year="1900-01"]').count(), 0);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('Capital: a programme of many schemes gets one move form with a scheme menu, which moves the chosen scheme\'s spend', async () => {
  // The shipped file with 60 named schemes of ten years each: a form per scheme would be 120 year menus.
  const fs = await import('node:fs');
  const data = JSON.parse(fs.readFileSync(new URL('../../public/data/herefordshire-2024-25-mar25.json', import.meta.url)));
  const template = data.capital.schemes[1];
  data.capital.schemes = Array.from({ length: 60 }, (_, i) => {
    const profile = Object.fromEntries(Array.from({ length: 10 }, (_, y) => [`${2024 + y}-${String(25 + y).padStart(2, '0')}`, '100000']));
    return { ...template, id: `scheme-${i}`, name: `Scheme number ${i}`, total: { ...template.total, value: '1000000' }, profile };
  });
  const { context, page, problems } = await open(browser, 'about:blank');
  await page.route(/data\/many-schemes\.json$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(data) }));
  await page.goto(pageUrl('capital', 'src=data/many-schemes.json'));
  await ready(page);
  assert.equal(await page.locator('form.move-form').count(), 1);
  const form = page.locator('form.move-form[data-scheme="any"]');
  assert.equal(await form.locator('#move-any-scheme option').count(), 60);
  await form.locator('#move-any-scheme').selectOption('scheme-7');
  await form.locator('select[name="from"]').selectOption('2025-26');
  await form.locator('select[name="to"]').selectOption('2026-27');
  await form.locator('input[name="amount"]').fill('40000');
  await form.locator('button[type="submit"]').click();
  await page.locator('#moves-status').filter({ hasText: 'Moved £40,000 of Scheme number 7 from 2025/26 to 2026/27' }).waitFor();
  await page.waitForURL(/cap\.move=scheme-7~2025-26~2026-27~40000/);
  assert.equal(await page.locator('#scheme-table tr[data-scheme="scheme-7"] td[data-year="2026-27"]').innerText(), '£140,000');
  // A slippage change redraws the slipped totals, not the 60 scheme rows it leaves as they were.
  await page.evaluate(() => { window.__row = document.querySelector('#scheme-table tr[data-scheme="scheme-3"]'); });
  await page.fill('#lever-cap-slip-n', '10');
  await page.press('#lever-cap-slip-n', 'Tab');
  await page.locator('#year-totals-slipped').waitFor();
  assert.match(await page.locator('#year-totals-slipped th').innerText(), /After 10% slippage/);
  assert.equal(await page.evaluate(() => window.__row.isConnected && window.__row === document.querySelector('#scheme-table tr[data-scheme="scheme-3"]')), true, 'the rows were kept');
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('Savings and Capital fit a 320px-wide screen and pass axe there', async () => {
  for (const slug of ['savings', 'capital']) {
    const { context, page, problems } = await open(browser, pageUrl(slug), { width: 320, height: 640 });
    await ready(page);
    await page.waitForSelector('figure.chart svg');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${slug} scrolls sideways by ${overflow}px at 320px`);
    assert.equal(await page.locator('main [style]').count(), 0, `${slug} has no inline styles`);
    assert.deepEqual(await axe(page), [], `axe violations on ${slug} at 320px`);
    // While the levers fill the screen, the headline figure is pinned to its bottom and follows them.
    const [lever, value, headline] = slug === 'savings' ? ['rev-atrisk', '50', 'overspend-after'] : ['cap-rate', '8', 'cost'];
    await page.locator(`#lever-${lever}-n`).scrollIntoViewIfNeeded();
    const echo = page.locator('.lever-echo');
    const box = await echo.boundingBox();
    assert.ok(box && box.y + box.height <= 640.5 && box.y + box.height > 600, `${slug}: pinned to the bottom: ${JSON.stringify(box)}`);
    const figure = () => page.locator(`[data-headline="${headline}"] .big`).innerText();
    const first = await figure();
    assert.ok((await echo.innerText()).includes(first), `${slug}: the echo shows ${first}`);
    await page.fill(`#lever-${lever}-n`, value);
    await page.press(`#lever-${lever}-n`, 'Tab');
    await page.waitForFunction(([sel, was]) => document.querySelector(sel).textContent !== was, [`[data-headline="${headline}"] .big`, first]);
    assert.ok((await echo.innerText()).includes(await figure()), `${slug}: the echo follows the lever`);
    assert.deepEqual(problems.console, []);
    await context.close();
  }
});
