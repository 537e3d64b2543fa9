// Sharing, saving and comparing scenarios: links reopen exactly the same numbers, bad
// parameters are named, history is not flooded, saved scenarios persist and import/export,
// the Compare page overlays scenarios, and charts download as SVG, PNG and CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, open, ready, axe, pageUrl, ORIGIN, BASE, openTables } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const lever = (key) => `#lever-${key.replaceAll('.', '-')}`;

async function setNumber(page, key, value) {
  await page.locator(`${lever(key)}-n`).fill(String(value));
  await page.keyboard.press('Tab');
}

async function hn(query = '', opts) {
  const o = await open(browser, pageUrl('high-needs', query), opts);
  await ready(o.page);
  await o.page.locator('figure[data-chart="hn-deficit"] svg').waitFor();
  return o;
}

/** Waits until the address bar holds the app's link (it is written after a 500 ms pause). */
async function settled(page) {
  await page.waitForFunction(() => new URLSearchParams(location.search).get('v') === '2');
  await page.waitForTimeout(700);
}

/** What a reader sees: the headline figures and the deficit table. */
async function figures(page) {
  const headlines = await page.locator('.headlines').innerText();
  await openTables(page.locator('figure[data-chart="hn-deficit"]'));
  const table = await page.locator('figure[data-chart="hn-deficit"] table').textContent();
  return { headlines, table };
}

async function saveCurrent(page, name) {
  await page.locator('#save-name').fill(name);
  await page.locator('#save-current').click();
  await page.locator('.saved-status').filter({ hasText: `Saved “${name}”` }).waitFor();
}

test('a link from "Copy link" opens the same numbers in a new browser context', async () => {
  const { context, page, problems } = await hn();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  await setNumber(page, 'hn.growth.independent', 14);
  await page.getByLabel(/Override extended to 31 March 2028/).check();
  await page.waitForFunction(() => document.querySelector('.headlines')?.innerText.includes('31 March 2028'));
  await page.locator('#copy-link').click();
  const status = page.locator('.share-status');
  await status.filter({ hasText: /Link copied|Could not copy/ }).waitFor();
  const link = await page.locator('#share-link').inputValue();
  if ((await status.innerText()).includes('Link copied')) {
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  }
  assert.ok(link.startsWith(BASE + '?'), `${link} is under ${BASE}`);
  assert.match(link, /page=high-needs/);
  assert.match(link, /hn\.growth\.independent=14/);
  assert.match(link, /hn\.override=2027-28/);
  assert.equal(await page.locator('#copy-link').getAttribute('data-link'), link);
  const mine = await figures(page);

  const fresh = await open(browser, link);
  await ready(fresh.page);
  await fresh.page.locator('figure[data-chart="hn-deficit"] svg').waitFor();
  assert.deepEqual(await figures(fresh.page), mine);
  assert.equal(await fresh.page.locator(`${lever('hn.growth.independent')}-n`).inputValue(), '14');
  assert.equal(await fresh.page.locator(lever('hn.override')).inputValue(), '2027-28');
  assert.ok(await fresh.page.getByLabel(/Override extended to 31 March 2028/).isChecked());
  assert.equal(await fresh.page.locator('#link-notices-h').count(), 0);
  assert.deepEqual(problems.console, []);
  assert.deepEqual(fresh.problems.console, []);
  assert.deepEqual([...problems.foreign, ...fresh.problems.foreign], []);
  await fresh.context.close();
  await context.close();
});

test('bad parameters are each named in a notice and the rest of the link still applies', async () => {
  const { context, page, problems } = await hn('hn.transfer=banana&nope=1&hn.growth.independent=14');
  await page.locator('#link-notices-h').waitFor();
  const notices = await page.locator('#link-notices-h + ul').innerText();
  assert.match(notices, /hn\.transfer/);
  assert.match(notices, /banana/);
  assert.match(notices, /nope/);
  assert.equal(await page.locator(`${lever('hn.growth.independent')}-n`).inputValue(), '14');
  assert.equal(await page.locator(`${lever('hn.transfer')}-n`).inputValue(), '0');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('back and forward step through changes; dragging a slider adds at most a couple of entries', async () => {
  const { context, page, problems } = await hn();
  await settled(page);
  const before = await page.evaluate(() => history.length);
  const slider = page.locator(lever('hn.growth.independent'));
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 4, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, y, { steps: 40 });
  await page.mouse.up();
  await page.waitForTimeout(900);
  const afterDrag = await page.evaluate(() => history.length);
  assert.ok(afterDrag - before <= 2, `drag added ${afterDrag - before} history entries`);
  const dragged = await page.locator(`${lever('hn.growth.independent')}-n`).inputValue();
  assert.notEqual(dragged, '10');
  assert.equal(new URL(page.url()).searchParams.get('hn.growth.independent'), dragged);

  await setNumber(page, 'hn.transfer', 0.5);
  await page.waitForURL(/hn\.transfer=0\.5/);
  await page.goBack();
  await page.waitForFunction((s) => document.querySelector(`${s}-n`).value === '0', lever('hn.transfer'));
  assert.equal(await page.locator(`${lever('hn.growth.independent')}-n`).inputValue(), dragged);
  await page.goBack();
  await page.waitForFunction((s) => document.querySelector(`${s}-n`).value === '10', lever('hn.growth.independent'));
  await page.goForward();
  await page.waitForFunction(([s, v]) => document.querySelector(`${s}-n`).value === v, [lever('hn.growth.independent'), dragged]);
  await page.goForward();
  await page.waitForFunction((s) => document.querySelector(`${s}-n`).value === '0.5', lever('hn.transfer'));
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('one Back leaves the app: the tidied-up address replaces the link, and Forward entries survive', async () => {
  const { context, page, problems } = await open(browser, BASE + 'glossary.html');
  await ready(page);
  await settled(page);
  const glossary = page.url();
  await page.goto(pageUrl('high-needs', 'hn.growth.independent=14') + '#main');
  await ready(page);
  await settled(page);
  const tidied = new URL(page.url());
  assert.equal(tidied.searchParams.get('hn.growth.independent'), '14');
  assert.equal(tidied.hash, '#main', 'the fragment stays');
  const length = await page.evaluate(() => history.length);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent.startsWith('Glossary'));
  // Left alone, the page stays where Back took it (the app used to push its address again).
  await page.waitForTimeout(900);
  assert.equal(page.url(), glossary);
  await page.goForward();
  await ready(page);
  await page.waitForTimeout(900);
  assert.equal(page.url(), tidied.href);
  assert.equal(await page.evaluate(() => history.length), length, 'no entry added');
  // In the app: two pages on, two Backs, then Forward: every entry is still there.
  for (const name of ['Capital', 'Savings']) {
    await page.locator('header nav a', { hasText: name }).click();
    await page.waitForFunction((n) => document.querySelector('main h1')?.textContent.startsWith(n), name);
  }
  const inApp = await page.evaluate(() => history.length);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent.startsWith('Capital'));
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent.startsWith('High needs'));
  await page.waitForTimeout(900);
  assert.equal(await page.evaluate(() => history.length), inApp, 'Back kept the entries ahead');
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent.startsWith('Capital'));
  assert.equal(await page.locator('#lever-hn-growth-independent-n').count(), 0);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('following a #fragment link neither undoes a change nor adds a Back step; a new page starts without the fragment', async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  // Before the figures arrive: a skip link followed on the pre-rendered page.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/herefordshire-2024-25-mar25\.json$/, async (route) => { await held; await route.continue(); });
  await page.goto(pageUrl('high-needs', 'hn.growth.independent=14'));
  const start = await page.evaluate(() => history.length);
  await page.locator('#app[hidden] main .loading').waitFor({ state: 'attached' });
  await page.evaluate(() => { location.hash = '#main'; });
  release();
  await ready(page);
  await settled(page);
  assert.equal(await page.evaluate(() => history.length), start + 1, 'the fragment\'s own entry, and the tidied address in place of it');
  // A change, then at once a skip link: the change stays, and is written.
  await setNumber(page, 'hn.inflation', 7);
  await page.locator('a.skip').focus();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(900);
  assert.equal(await page.locator('#lever-hn-inflation-n').inputValue(), '7');
  assert.equal(new URL(page.url()).searchParams.get('hn.inflation'), '7');
  // Another page opens at its top, not at this page's fragment.
  await page.locator('header nav a', { hasText: 'Savings' }).click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('page') === 'savings');
  assert.equal(new URL(page.url()).hash, '');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a saved scenario survives a reload and opens as the current scenario', async () => {
  const { context, page, problems } = await hn('hn.growth.independent=14');
  // The words as drawn: the flex layout dropped the space at the start of the wide-screen
  // word, and it read "comparescenarios". (innerText cannot tell: it puts a line break between
  // flex items.) The gap between "compare" and the "s" of "scenarios" must be a space's width.
  assert.equal(await page.locator('#go-saved .wide-only').isVisible(), true, 'the wide-screen word shows at this width');
  const gap = await page.evaluate(() => {
    const a = document.getElementById('go-saved');
    const first = document.createRange();
    first.selectNodeContents(a.firstChild);
    const word = a.querySelector('.wide-only').firstChild;
    const s = document.createRange();
    const at = word.data.indexOf('s');
    s.setStart(word, at);
    s.setEnd(word, at + 1);
    return s.getBoundingClientRect().left - first.getBoundingClientRect().right;
  });
  assert.ok(gap > 2, `"Save or compare" and "scenarios" are ${gap.toFixed(1)} px apart`);
  await page.locator('#go-saved').click();
  await page.locator('#saved-h').waitFor();
  await page.waitForURL(/page=compare/);
  assert.match(page.url(), /hn\.growth\.independent=14/);
  await saveCurrent(page, 'Fast growth');

  // A fresh page of the same browser, with no scenario in its address.
  await page.goto(pageUrl('compare'));
  await ready(page);
  const item = page.locator('.saved-item', { hasText: 'Fast growth' });
  await item.waitFor();
  await page.reload();
  await ready(page);
  await item.waitFor();
  assert.match(await item.innerText(), /herefordshire/);
  await item.locator('[data-action="open"]').click();
  await page.locator('.saved-status').filter({ hasText: 'Opened “Fast growth”' }).waitFor();
  await page.waitForURL(/hn\.growth\.independent=14/);
  await page.getByRole('link', { name: 'High needs' }).click();
  await page.locator(`${lever('hn.growth.independent')}-n`).waitFor();
  assert.equal(await page.locator(`${lever('hn.growth.independent')}-n`).inputValue(), '14');

  // Rename, delete and undo.
  await page.locator('nav').getByRole('link', { name: 'Compare' }).click();
  await item.locator('[data-action="rename"]').click();
  await page.getByLabel('New name for “Fast growth”').fill('Fast growth, renamed');
  await page.getByRole('button', { name: 'Save name' }).click();
  const renamed = page.locator('.saved-item', { hasText: 'Fast growth, renamed' });
  await renamed.waitFor();
  await renamed.locator('[data-action="delete"]').click();
  await page.locator('.saved-empty').waitFor();
  await page.getByRole('button', { name: 'Undo delete' }).click();
  await renamed.waitFor();
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('figures from a file are never passed off as the site\'s: the link says it cannot carry them, and a scenario saved with a src file is not compared with other figures', async () => {
  // Saved with the quarter 2 file as the link's src, then Compare opened with the site's own figures.
  const { context, page, problems } = await open(browser, pageUrl('compare', 'src=data/herefordshire-2024-25-q2.json&hn.inflation=7'));
  await ready(page);
  await saveCurrent(page, 'From the Q2 file');
  await page.goto(pageUrl('compare'));
  await ready(page);
  const box = page.locator('.pick-list li', { hasText: 'From the Q2 file' });
  await box.waitFor();
  assert.ok(await box.locator('input[type="checkbox"]').isDisabled(), 'not compared with figures it was not made with');
  assert.match(await box.innerText(), /Saved with the figures from the file "data\/herefordshire-2024-25-q2\.json": open it/);
  // The shipped file, changed, loaded from this device under its own name and version: the
  // links name that version, which opens the site's copy, and say so.
  const shipped = JSON.parse(fs.readFileSync(new URL('../../public/data/herefordshire-2024-25-mar25.json', import.meta.url)));
  shipped.high_needs.model.cost_inflation.value = '0.05';
  await page.goto(pageUrl('sources', 'src=data/herefordshire-2024-25-q2.json'));
  await ready(page);
  await page.locator('header nav').getByRole('link', { name: 'High needs' }).click();
  await page.locator('#copy-link').waitFor();
  assert.equal(await page.locator('#link-caveat').count(), 0, 'a src file is in the link');
  await page.locator('header nav').getByRole('link', { name: 'Sources' }).click();
  await page.locator('#data-file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(shipped)) });
  await page.locator('#data-file-status').filter({ hasText: 'Loaded' }).waitFor();
  await page.locator('header nav').getByRole('link', { name: 'High needs' }).click();
  await page.locator('#link-caveat').waitFor();
  assert.match(await page.locator('#link-caveat').innerText(), /file on this device\. A link names their dataset \(“herefordshire”, version 2024-25-mar25\.1\) but cannot carry the file: it opens this site's own copy of that version, whose figures may not be your file's/);
  assert.doesNotMatch(await page.locator('#copy-link').getAttribute('data-link'), /src=/, 'the earlier src is not these figures');
  // A later file that fails to load leaves the file's figures in use, and the caveat with them.
  await page.locator('header nav').getByRole('link', { name: 'Sources' }).click();
  await page.locator('#data-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
  await page.locator('#data-file-status').filter({ hasText: 'broken.json' }).waitFor();
  await page.locator('header nav').getByRole('link', { name: 'High needs' }).click();
  await page.locator('#link-caveat').waitFor();
  // Saved with the file's figures, then the page reloaded with the site's: not compared.
  await page.locator('header nav').getByRole('link', { name: 'Compare' }).click();
  await saveCurrent(page, 'From my file');
  await page.goto(pageUrl('compare'));
  await ready(page);
  const mine = page.locator('.pick-list li', { hasText: 'From my file' });
  await mine.waitFor();
  assert.ok(await mine.locator('input[type="checkbox"]').isDisabled());
  assert.match(await mine.innerText(), /Saved with the figures from the file "mine\.json" on this device/);
  // Opening it asks for the file, rather than putting its settings on other figures.
  await page.locator('.saved-item', { hasText: 'From my file' }).locator('[data-action="open"]').click();
  await page.locator('.saved-status').filter({ hasText: 'Load that file on the Sources page' }).waitFor();
  // One saved with a src file opens with that file.
  await page.locator('.saved-item', { hasText: 'From the Q2 file' }).locator('[data-action="open"]').click();
  await page.waitForURL(/src=data%2Fherefordshire-2024-25-q2\.json|src=data\/herefordshire-2024-25-q2\.json/);
  await ready(page);
  assert.match(await page.locator('footer.site').innerText(), /2024-25-q2/);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a corrupt entry in storage is reported and the others are kept', async () => {
  const { context, page, problems } = await open(browser, pageUrl('compare'));
  await ready(page);
  await page.evaluate(() => {
    localStorage.setItem('dsg-explorer.saved.v1.good1', JSON.stringify({ id: 'good1', name: 'Kept', query: 'v=1&data=herefordshire&dv=2024-25-q2.1&hn.transfer=0.5', data: 'herefordshire', dv: '2024-25-q2.1', saved: '2025-03-01T09:00:00.000Z' }));
    localStorage.setItem('dsg-explorer.saved.v1.bad2', '{"name":"Half written","query":"v=1&da');
  });
  await page.reload();
  await ready(page);
  await page.locator('.saved-item', { hasText: 'Kept' }).waitFor();
  const report = await page.locator('.saved-problems').innerText();
  assert.match(report, /bad2/);
  assert.match(report, /not valid JSON/);
  await page.locator('.saved-problems button').click();
  await page.locator('.saved-problems').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => localStorage.getItem('dsg-explorer.saved.v1.bad2')), null);
  assert.notEqual(await page.evaluate(() => localStorage.getItem('dsg-explorer.saved.v1.good1')), null);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('importing a file with one corrupt entry reports it by place and keeps the others; export writes them all', async () => {
  const { context, page, problems } = await open(browser, pageUrl('compare'));
  await ready(page);
  const file = {
    format: 'dsg-explorer/saved-scenarios',
    version: 1,
    exported: '2025-03-06T09:00:00.000Z',
    scenarios: [
      { name: 'Imported growth', query: 'v=1&data=herefordshire&dv=2024-25-q2.1&hn.growth.independent=14', saved: '2025-03-01T09:00:00.000Z' },
      { name: 'Broken', query: 42 },
      { name: 'Imported override', query: 'v=1&data=herefordshire&dv=2024-25-q2.1&hn.override=2027-28' },
    ],
  };
  await page.locator('#import-saved').setInputFiles({ name: 'scenarios.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const report = page.locator('.import-report');
  await report.filter({ hasText: 'Imported 2 scenarios' }).waitFor();
  assert.match(await report.innerText(), /Entry 2: .*query/);
  await page.locator('.saved-item', { hasText: 'Imported growth' }).waitFor();
  await page.locator('.saved-item', { hasText: 'Imported override' }).waitFor();
  assert.equal(await page.locator('.saved-item', { hasText: 'Broken' }).count(), 0);

  // Importing the same file again adds nothing.
  await page.locator('#import-saved').setInputFiles({ name: 'scenarios.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await report.filter({ hasText: 'No new scenarios' }).waitFor();

  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#export-saved').click()]);
  assert.match(dl.suggestedFilename(), /^saved-scenarios-.*\.json$/);
  const exported = JSON.parse(fs.readFileSync(await dl.path(), 'utf8'));
  assert.equal(exported.format, 'dsg-explorer/saved-scenarios');
  assert.deepEqual(exported.scenarios.map((s) => s.name).sort(), ['Imported growth', 'Imported override']);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('compare overlays two scenarios with a key and a table of differences', async () => {
  const { context, page, problems } = await open(browser, pageUrl('compare', 'hn.growth.independent=14'));
  await ready(page);
  assert.equal(await page.locator('main h1').innerText(), 'Compare scenarios');
  assert.equal(await page.locator('nav a[aria-current="page"]').innerText(), 'Compare');
  // Two different scenarios: no note that they are the same (the default view has one).
  assert.equal(await page.locator('#compare-same').count(), 0);
  const fig = page.locator('figure[data-chart="cmp-deficit"]');
  await fig.locator('svg').waitFor();
  const key = await fig.locator('.key').innerText();
  assert.match(key, /Published baseline/);
  assert.match(key, /Current scenario/);
  assert.match(key, /Total usable reserves/);
  assert.match(await fig.locator('.key').innerHTML(), /mark-solid-line[\s\S]*mark-dashed-line[\s\S]*mark-dash-dot-line/);
  // The reserves are one level line across the chart, not a marker at every year.
  assert.equal(await fig.locator('.key .mark-cross').count(), 0);
  assert.equal(await fig.locator('.svg.wide polyline[stroke-dasharray="12 4 2 4"]').count(), 1);
  await page.locator('figure[data-chart="cmp-reserves"] svg').waitFor();
  const table = page.locator('.key-figures table');
  assert.match(await table.locator('thead').innerText(), /Difference \(Current scenario − Published baseline\)/);
  const horizonRow = await table.locator('tbody tr', { hasText: 'DSG deficit at 31 March' }).innerText();
  assert.match(horizonRow, /\+£[\d,]+/);
  assert.match(await page.locator('.assumption-diff').innerText(), /EHCP growth: independent placements[\s\S]*14% a year/);

  // With a saved scenario listed and ticked: three styles, and no accessibility violations.
  await saveCurrent(page, 'Fourteen per cent');
  await page.getByLabel('Fourteen per cent').check();
  await page.waitForFunction(() => document.querySelectorAll('figure[data-chart="cmp-deficit"] .key li').length === 4);
  assert.match(await fig.locator('.key').innerHTML(), /mark-dotted-line/);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('compare fits a 320 px screen', async () => {
  const { context, page } = await open(browser, pageUrl('compare', 'hn.growth.independent=14'), { width: 320, height: 700 });
  await ready(page);
  await page.locator('figure[data-chart="cmp-deficit"] svg').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await context.close();
});

test('charts download as CSV with exact amounts, as SVG and as PNG', async () => {
  const { context, page, problems } = await open(browser, BASE);
  await ready(page);
  const fig = page.locator('figure.chart').first();
  await fig.locator('svg').waitFor();
  const id = await fig.getAttribute('data-chart');

  const [csv] = await Promise.all([page.waitForEvent('download'), fig.locator('[data-download="csv"]').click()]);
  assert.equal(csv.suggestedFilename(), `${id}.csv`);
  const text = fs.readFileSync(await csv.path(), 'utf8');
  assert.match(text, /6100000/);
  assert.match(text, /17200000/);
  assert.doesNotMatch(text, /£6,100,000/);
  assert.match(text, /\r\n/);

  const [svg] = await Promise.all([page.waitForEvent('download'), fig.locator('[data-download="svg"]').click()]);
  assert.equal(svg.suggestedFilename(), `${id}.svg`);
  const svgText = fs.readFileSync(await svg.path(), 'utf8');
  assert.ok(svgText.startsWith('<svg'), svgText.slice(0, 40));
  assert.match(svgText, /<title/);

  const [png] = await Promise.all([page.waitForEvent('download'), fig.locator('[data-download="png"]').click()]);
  assert.equal(png.suggestedFilename(), `${id}.png`);
  const bytes = fs.readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

  // The high-needs deficit table downloads with its exact base-year figures.
  await page.goto(pageUrl('high-needs'));
  await ready(page);
  const hnFig = page.locator('figure[data-chart="hn-deficit"]');
  await hnFig.locator('svg').waitFor();
  const [hnCsv] = await Promise.all([page.waitForEvent('download'), hnFig.locator('[data-download="csv"]').click()]);
  const hnText = fs.readFileSync(await hnCsv.path(), 'utf8');
  assert.match(hnText.split('\r\n')[0], /^Year,/);
  assert.match(hnText, /2024\/25,.*11100000.*17200000/);
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('a deep link opens the compare page directly, with the print-only summary hidden on screen', async () => {
  const { context, page, problems } = await open(browser, pageUrl('compare'));
  await ready(page);
  assert.equal(await page.locator('main h1').innerText(), 'Compare scenarios');
  await page.goto(pageUrl('high-needs', 'hn.growth.independent=14'));
  await ready(page);
  const summary = page.locator('.print-summary');
  assert.equal(await summary.isVisible(), false);
  assert.match(await summary.textContent(), /EHCP growth: independent placements: 14% a year \(default 10% a year\)/);
  // The changed assumptions, then what the list leaves out (a trial read "Every other
  // assumption is the published default." before the list it meant).
  assert.deepEqual(await summary.evaluate((s) => [...s.querySelectorAll('ul.assumptions, p')].map((e) => e.tagName).slice(0, 2)), ['UL', 'P']);
  assert.match(await summary.locator('ul.assumptions + p').textContent(), /^Every other assumption is the published default\.$/);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await summary.isVisible(), true);
  assert.equal(await page.locator('.share-bar').isVisible(), false);
  assert.deepEqual(problems.console, []);
  await context.close();
});
