// The high-needs explorer in the browser: published base year, levers, presets, mitigations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, ready, axe, pageUrl } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function hn(query = '') {
  const o = await open(browser, pageUrl('high-needs', query));
  await ready(o.page);
  await o.page.locator('figure[data-chart="hn-deficit"] svg').waitFor();
  return o;
}

async function setNumber(page, key, value) {
  await page.locator(`#lever-${key.replaceAll('.', '-')}-n`).fill(String(value));
  await page.keyboard.press('Tab');
}

test('the base year is the published position, and published forecasts are on the chart', async () => {
  const { context, page, problems } = await hn();
  const fig = page.locator('figure[data-chart="hn-deficit"]');
  await fig.locator('details summary').click();
  const firstRow = await fig.locator('tbody tr').first().innerText();
  assert.match(firstRow, /2024\/25/);
  // The latest vintage (March 2025) is the starting point: £11.1m in the year, £17.2m at its end.
  assert.match(firstRow, /£11,100,000/);
  assert.match(firstRow, /£17,200,000/);
  assert.match(await fig.locator('.key').innerText(), /Published forecasts/);
  assert.match(await fig.locator('svg').innerHTML(), /Override ends 31 March 2026/);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('raising independent-placement growth raises the deficit at the horizon', async () => {
  const { context, page } = await hn();
  const headline = () => page.locator('.headlines li').nth(1).locator('.big').innerText();
  const before = await headline();
  await setNumber(page, 'hn.growth.independent', 20);
  await page.waitForFunction((b) => document.querySelectorAll('.headlines li .big')[1]?.textContent !== b, before);
  const after = await headline();
  const m = (s) => Number(s.replace(/[£m,]/g, ''));
  assert.ok(m(after) > m(before), `${after} > ${before}`);
  await context.close();
});

test('the 2028 write-off preset marks the write-off and reports the residual deficit', async () => {
  const { context, page } = await hn();
  // With no write-off, what lands on reserves is the deficit itself: said once, not twice.
  assert.match(await page.locator('.headlines').innerText(), /all of it lands on reserves: \d+% of usable reserves/);
  await page.getByLabel(/Override to 2028, and 90%/).check();
  const svg = page.locator('figure[data-chart="hn-deficit"] svg');
  await page.waitForFunction(() => document.querySelector('figure[data-chart="hn-deficit"] svg')?.innerHTML.includes('Write-off paid'));
  assert.match(await svg.innerHTML(), /Override ends 31 March 2028/);
  assert.match(await page.locator('.headlines').innerText(), /31 March 2028/);
  // The write-off is paid in 2026/27, before the override ends: the £m shown is after it, and
  // all of that lands on reserves.
  assert.match(await page.locator('.headlines').innerText(), /all of it lands on reserves: \d+% of usable reserves/);
  assert.equal(await page.locator('#lever-hn-override').inputValue(), '2027-28');
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('a transfer above 0.5% of the schools block warns that it needs approval', async () => {
  const { context, page } = await hn();
  assert.equal(await page.locator('#hn-warn-h').count(), 0);
  await setNumber(page, 'hn.transfer', 1);
  await page.locator('#hn-warn-h').waitFor();
  assert.match(await page.locator('.warnings').innerText(), /approv/i);
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('new local special places add a mitigated trajectory beside the unmitigated one', async () => {
  const { context, page } = await hn();
  await setNumber(page, 'hn.places.per_year', 60);
  await page.waitForFunction(() => document.querySelector('figure[data-chart="hn-deficit"] .key')?.innerText.includes('mitigated'));
  const key = await page.locator('figure[data-chart="hn-deficit"] .key').innerText();
  assert.match(key, /unmitigated/);
  assert.match(key, /mitigated/);
  await context.close();
});

test('a typed value out of range is refused with a message and the scenario is unchanged', async () => {
  const { context, page } = await hn();
  const before = await page.locator('.headlines').innerText();
  await setNumber(page, 'hn.growth.mainstream', 400);
  await page.locator('#lever-hn-growth-mainstream-err').waitFor();
  // In the field's own words: the box is labelled, so the link's key is not repeated.
  assert.match(await page.locator('#lever-hn-growth-mainstream-err').innerText(), /^400 is outside -?\d+ to \d+$/);
  assert.equal(await page.locator('.headlines').innerText(), before);
  await context.close();
});

test('charts out of view catch up with a change, and the levers stay beside the charts as the page scrolls', async () => {
  const { context, page, problems } = await hn();
  const drawn = (id) => page.$eval(`figure[data-chart="${id}"]`, (f) => ({ svg: f.querySelector('svg').outerHTML, svgTitle: f.querySelector('svg title').textContent, heading: f.querySelector('h3').textContent }));
  await page.evaluate(() => window.scrollTo(0, 0));
  const before = await drawn('hn-spend');
  assert.equal(before.svgTitle, before.heading);
  await setNumber(page, 'hn.growth.independent', 20);
  // The spending chart is below the fold: it is redrawn once input pauses, to the same numbers.
  await page.waitForFunction((b) => document.querySelector('figure[data-chart="hn-spend"] svg').outerHTML !== b, before.svg, { timeout: 5000 });
  const after = await drawn('hn-spend');
  assert.equal(after.svgTitle, after.heading, 'the drawing matches the title above it');
  assert.notEqual(after.heading, before.heading);
  // Scrolled down to that chart, the assumptions are still on screen beside it.
  await page.locator('figure[data-chart="hn-spend"]').scrollIntoViewIfNeeded();
  const layout = await page.evaluate(() => ({ y: window.scrollY, top: document.querySelector('form.levers').getBoundingClientRect().top, lever: document.querySelector('#lever-hn-growth-independent-n').getBoundingClientRect() }));
  assert.ok(layout.y > 500, `the page scrolled (${layout.y})`);
  assert.ok(layout.top >= 0 && layout.top < 20, `the levers panel stays at the top of the screen (${layout.top})`);
  const inView = await page.locator('figure[data-chart="hn-spend"]').evaluate((f) => f.getBoundingClientRect().top < window.innerHeight);
  assert.ok(inView);
  // A change now redraws the chart in view.
  await setNumber(page, 'hn.growth.independent', 5);
  await page.waitForFunction((h) => document.querySelector('figure[data-chart="hn-spend"] h3').textContent !== h, after.heading);
  const last = await drawn('hn-spend');
  assert.equal(last.svgTitle, last.heading);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a slider step changes the chart in place, to the very drawing a fresh page of the same link shows', async () => {
  const { context, page, problems } = await hn();
  await page.evaluate(() => window.scrollTo(0, 0));
  const CHART = 'figure[data-chart="hn-deficit"] div.svg.wide';
  // Each element as the browser holds it: tag, attributes, text; and the <svg> element's own.
  const drawingOf = (p) => p.$eval(CHART, (d) => {
    const svg = d.firstElementChild;
    const el = (e) => [e.tagName, [...e.attributes].map((a) => `${a.name}=${a.value}`).join(' ')];
    return [el(svg), ...[...svg.children].map((e) => [...el(e), e.children.length ? null : e.textContent])];
  });
  const drawing = () => drawingOf(page);
  const slider = page.locator('#lever-hn-growth-mainstream');
  const start = Number(await slider.inputValue());
  const step = (v) => slider.evaluate((el, v) => { el.value = String(v); el.dispatchEvent(new Event('input', { bubbles: true })); }, v);
  // From 2 points up, where the value axis has a label more than at the default.
  await step(start + 2);
  await page.waitForFunction((v) => new URLSearchParams(location.search).get('hn.growth.mainstream') === v, String(start + 2));
  // Marks the drawn elements, to tell a change in place from a drawing built afresh.
  await page.$eval(CHART, (d) => { for (const e of d.firstElementChild.children) e.dataset.testMark = ''; d.firstElementChild.testMark = true; });
  const before = await drawing();
  // A drag in small steps, as a reader makes them, down and partly back: on the way the value
  // axis loses a label and then gains it again (a text, a tick and a grid line), so elements
  // are removed and then put in between the ones kept.
  const counts = [];
  for (const v of [start + 1.5, start + 1, start + 0.5, start, start + 0.5, start + 1, start + 1.5]) {
    await step(v);
    counts.push(await page.$eval(CHART, (d) => d.firstElementChild.children.length));
  }
  const end = String(start + 1.5);
  // The link follows once input pauses; by then every step has been drawn.
  await page.waitForFunction((v) => new URLSearchParams(location.search).get('hn.growth.mainstream') === v, end);
  const after = await drawing();
  assert.notDeepEqual(after, before, 'the drawing changed');
  assert.ok(Math.min(...counts) < before.length - 1 && counts.at(-1) > Math.min(...counts), `elements went and came back: ${before.length - 1}, then ${counts}`);
  const kept = await page.$eval(CHART, (d) => ({ svg: d.firstElementChild.testMark === true, marked: [...d.firstElementChild.children].filter((e) => 'testMark' in e.dataset).length, all: d.firstElementChild.children.length }));
  // The same <svg>, most of its elements kept, and some put in afresh on the way back.
  assert.ok(kept.svg && kept.marked * 2 > kept.all && kept.marked < kept.all, `changed in place, not drawn afresh: ${JSON.stringify(kept)}`);
  // The same link opened afresh draws the same elements (the marks aside).
  const link = page.url();
  const unmark = (d) => d.map((e) => e.map((x) => (typeof x === 'string' ? x.replace(/ ?data-test-mark=/, '') : x)));
  const fresh = await open(browser, link);
  await ready(fresh.page);
  await fresh.page.locator(CHART).waitFor();
  assert.deepEqual(unmark(after), await drawingOf(fresh.page));
  assert.deepEqual(problems.console, []);
  await fresh.context.close();
  await context.close();
});

test('before printing, a chart out of view is drawn with the current numbers at once', async () => {
  const { context, page, problems } = await hn();
  await page.evaluate(() => window.scrollTo(0, 0));
  // Two frames: the visibility observer reports at a rendering step.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const result = await page.evaluate(async () => {
    const fig = document.querySelector('figure[data-chart="hn-spend"]');
    const before = fig.querySelector('svg title').textContent;
    const box = document.querySelector('#lever-hn-growth-independent-n');
    box.value = '25';
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    const heading = fig.querySelector('h3').textContent;
    const waiting = fig.querySelector('svg title').textContent;
    window.dispatchEvent(new Event('beforeprint'));
    await new Promise((r) => setTimeout(r, 0));
    return { before, heading, waiting, printed: fig.querySelector('svg title').textContent };
  });
  assert.notEqual(result.heading, result.before, 'the change reached the chart title');
  assert.equal(result.waiting, result.before, 'out of view, the drawing waits for input to pause');
  assert.equal(result.printed, result.heading, 'printing draws it at once');
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('on a phone the headline figures stay in sight while the levers are on screen', async () => {
  const { context, page, problems } = await (async () => {
    const o = await open(browser, pageUrl('high-needs'), { width: 320, height: 640 });
    await ready(o.page);
    return o;
  })();
  const echo = page.locator('.lever-echo');
  await page.locator('#lever-hn-growth-independent').scrollIntoViewIfNeeded();
  const box = await echo.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 640.5 && box.y + box.height > 600, `pinned to the bottom of the screen: ${JSON.stringify(box)}`);
  const horizon = () => page.locator('.headlines li').nth(1).locator('.big').innerText();
  assert.ok((await echo.innerText()).includes(await horizon()), 'the same figure as the headline');
  const before = await echo.innerText();
  await setNumber(page, 'hn.growth.independent', 20);
  await page.waitForFunction((b) => document.querySelector('.lever-echo').textContent !== b, before.replace(/\s+/g, ' '));
  assert.ok((await echo.innerText()).includes(await horizon()), 'and it follows the lever');
  assert.match(await echo.innerText(), /passes usable reserves in \d{4}\/\d{2}|within usable reserves/);
  assert.deepEqual(problems.console, []);
  await context.close();
  // On a wide screen the charts are beside the levers, so it is not shown.
  const wide = await hn();
  assert.equal(await wide.page.locator('.lever-echo').isVisible(), false);
  await wide.context.close();
});

test('the starting point leads with the latest figure, and the reconciliation shows the unexplained part', async () => {
  const { context, page, problems } = await hn();
  const start = await page.locator('#hn-start').innerText();
  assert.match(start, /£17\.2m/);
  assert.match(start, /up from the £13\.7m forecast in November 2024/);
  const rec = page.locator('#hn-reconcile');
  const text = await rec.innerText();
  assert.match(text, /Not explained by the placement model/);
  assert.match(text, /Modelled in-year deficit/);
  assert.match(text, /≈200/, 'approximately 200 is shown as such');
  const rows = await rec.locator('table').first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  const last = rows[rows.length - 1];
  const published = rows[rows.length - 2];
  // The March 2025 paper gives the £17.2m balance only: its £11.1m in the year is worked out.
  assert.match(published[0], /^In-year deficit worked out from .*: year end less brought forward$/);
  assert.equal(published[3], '£11,100,000');
  // Published less modelled is the unexplained line, to the pound.
  const pounds = (s) => Number(s.replace(/[£,]/g, '').replace('−', '-'));
  const modelled = rows[rows.length - 3];
  assert.equal(pounds(last[3]), pounds(published[3]) - pounds(modelled[3]));
  // One row per vintage in the second table.
  const vintages = await rec.locator('table').nth(1).locator('tbody tr').count();
  assert.equal(vintages, 2);

  // Choosing the quarter 2 vintage moves the base year and goes into the link.
  await page.locator('#lever-hn-start input[value="q2-2024-25"]').check();
  await page.waitForFunction(() => location.search.includes('hn.start=q2-2024-25'));
  const fig = page.locator('figure[data-chart="hn-deficit"]');
  await fig.locator('details summary').click();
  await fig.locator('tbody tr').first().waitFor();
  assert.match(await fig.locator('tbody tr').first().innerText(), /£13,700,000/);
  assert.match(await page.locator('#hn-start').innerText(), /A later figure, £17\.2m/);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('key questions answer from the scenario, move with a lever, and download as CSV', async () => {
  const { context, page, problems } = await hn();
  const panel = page.locator('#hn-questions');
  await panel.waitFor();
  const text = await panel.innerText();
  assert.match(text, /£17\.2m: the latest published figure/);
  // The in-year figure is worked out and the income assumed, and the answer says both.
  assert.match(text, /£11\.1m \(the year-end figure less the deficit brought forward\), which is 38% of the high-needs block income of £29\.2m that the model assumes/);
  assert.match(text, /at 4\.5% a year/);
  const before = await panel.locator('dd').nth(5).innerText();
  // The carrying cost follows its lever; the answers follow every lever.
  await page.locator('#lever-hn-carry-rate-n').fill('9');
  await page.keyboard.press('Tab');
  await page.waitForFunction((b) => document.querySelectorAll('#hn-questions dd')[5]?.textContent !== b, before);
  assert.match(await panel.locator('dd').nth(5).innerText(), /at 9% a year/);
  // The table of year ends matches the deficit chart's table, year by year.
  await panel.locator('details summary').first().click().catch(() => {});
  const rows = await panel.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  const fig = page.locator('figure[data-chart="hn-deficit"]');
  await fig.locator('details summary').click();
  await fig.locator('tbody tr').first().waitFor();
  const chart = await fig.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  const model = rows.filter((r) => /projection/.test(r[2]));
  assert.equal(model.length, chart.length - 1);
  for (const [i, r] of model.entries()) assert.equal(r[1], chart[i + 1][5], `31 March of ${chart[i + 1][0]}`);
  // What it would take, on request.
  await panel.locator('[data-what-it-takes]').click();
  await page.waitForFunction(() => /saving of about £[\d.]+m a year/.test(document.querySelector('#hn-questions .takes')?.textContent || ''));
  const [csv] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-download="csv"]').click()]);
  const fs = await import('node:fs');
  const body = fs.readFileSync(await csv.path(), 'utf8');
  assert.match(body, /^Question,Answer,Based on\r\n/);
  assert.match(await panel.locator("dd").first().locator(".based-on a").first().getAttribute("href"), /^\?page=sources&v=2&.*#fig-high-needs-forecasts-2-amount$/);
  assert.match(body, /9% a year/);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems.console, []);
  await context.close();
});
