// The committee pack (?page=pack): every section for a scenario with a changed lever, axe, the
// "Print pack" button, and a PDF printed by Chromium that holds the link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launch, open, ready, axe, pageUrl, ARTIFACTS } from './lib.mjs';

const LEVER = 'hn.growth.independent=14';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The link "Copy link" gives for the scenario on the Overview. */
async function overviewLink(page) {
  await page.goto(pageUrl('overview', LEVER));
  await ready(page);
  await page.locator('#copy-link').click();
  return page.locator('#share-link').inputValue();
}

async function pack(page) {
  await page.goto(pageUrl('pack', LEVER));
  await ready(page);
  await page.locator('#pack-link .pack-qr svg').waitFor();
  for (const id of ['hn-deficit', 'sv-runway', 'cap-bridge']) await page.locator(`figure[data-chart="${id}"] table tbody tr`).first().waitFor();
}

function hasPdftotext() {
  try { execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; }
}

test('the pack has every section for a scenario with a changed lever, and passes axe', async () => {
  const { context, page, problems } = await open(browser, pageUrl('overview', LEVER));
  await ready(page);
  const link = await overviewLink(page);
  await pack(page);
  assert.equal(await page.title(), 'Committee pack · Budget and DSG deficit explorer');
  assert.match(await page.locator('main h1').innerText(), /committee pack/);
  // Not in the navigation.
  assert.equal(await page.locator('nav a[href*="page=pack"]').count(), 0);
  assert.match(await page.locator('#pack-made').innerText(), /^Made on \d{1,2} [A-Z][a-z]+ \d{4} from .*dataset herefordshire version/);
  // Headline: the High needs headline figures.
  const headline = await page.locator('#pack-headline .headlines').innerText();
  assert.match(headline, /Deficit when the override ends/);
  assert.match(headline, /passes total usable reserves in/);
  // Key answers, as many as the High needs panel gives.
  const questions = await page.locator('#pack-answers dt').allInnerTexts();
  assert.ok(questions.length >= 6, questions.join(' | '));
  assert.ok(questions.includes('The cost of carrying it'), questions.join(' | '));
  const answers = await page.locator('#pack-answers dd').allInnerTexts();
  assert.match(await page.locator('#pack-answers table caption').innerText(), /The deficit at each 31 March/);
  assert.ok(await page.locator('#pack-answers table tbody tr').count() > 3);
  // The three charts, each with its title, summary sentence, SVG and an open data table.
  for (const id of ['hn-deficit', 'sv-runway', 'cap-bridge']) {
    const fig = page.locator(`#pack-charts figure[data-chart="${id}"]`);
    assert.equal(await fig.count(), 1, id);
    assert.ok((await fig.locator('h3').innerText()).length > 20, `${id} title`);
    assert.ok((await fig.locator('.summary').innerText()).length > 20, `${id} summary`);
    assert.equal(await fig.locator('.svg svg').count(), 1, `${id} svg`);
    assert.equal(await fig.locator('details.data').getAttribute('open'), '', `${id} table open`);
    assert.ok(await fig.locator('table tbody tr').count() > 2, `${id} rows`);
  }
  // The deficit table's last row, to match against the High needs page below.
  const packRow = await page.locator('figure[data-chart="hn-deficit"] tbody tr').last().innerText();
  // The changed assumption, in words with its default.
  assert.match(await page.locator('#pack-assumptions').innerText(), /EHCP growth: independent placements: 14% a year \(default 10% a year\)/);
  // Sources: every document with its date.
  const sources = await page.locator('#pack-sources li').allInnerTexts();
  assert.ok(sources.length >= 3, sources.join(' | '));
  // (A paper known only to its month is dated by it: "April 2023".)
  for (const s of sources) assert.match(s, /(\d{1,2} )?[A-Z][a-z]+ \d{4}/, s);
  assert.ok(sources.some((s) => /, April 2023, /.test(s)) && !sources.some((s) => s.includes('30 April 2023')), sources.join(' | '));
  // Dataset version, date, link text and QR code.
  assert.match(await page.locator('#pack-dataset').innerText(), /Pack made on .*Dataset herefordshire version \S+, figures as of/);
  const linkText = await page.locator('#pack-link .pack-link-text').innerText();
  assert.equal(linkText, link);
  assert.equal(await page.locator('#pack-link .pack-link-text').getAttribute('href'), link);
  const qr = page.locator('#pack-link .pack-qr svg');
  assert.equal(await qr.getAttribute('role'), 'img');
  assert.equal(await qr.getAttribute('style'), null);
  assert.equal(await page.locator('#pack-link .pack-qr [style]').count(), 0);
  const box = await qr.boundingBox();
  assert.ok(box.width > 100 && Math.abs(box.width - box.height) < 1, `QR ${box.width}×${box.height}`);
  assert.deepEqual(await axe(page), []);

  await page.goto(pageUrl('high-needs', LEVER));
  await ready(page);
  const fig = page.locator('figure[data-chart="hn-deficit"]');
  await fig.locator('details summary').click();
  assert.equal(await fig.locator('tbody tr').last().innerText(), packRow);
  // ... and the key answers are the High needs panel's, word for word.
  // The panel adds the figures each answer rests on; the answers themselves are the same.
  const panel = await page.locator('#hn-questions dd').evaluateAll((dds) => dds.map((dd) => { const c = dd.cloneNode(true); c.querySelector('.based-on')?.remove(); return c.textContent.trim(); }));
  assert.deepEqual(panel, answers.map((a) => a.trim()));
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('"Print pack" opens the pack of the current scenario and prints it; Back returns', async () => {
  const { context, page, problems } = await open(browser, pageUrl('capital', LEVER));
  await ready(page);
  await page.evaluate(() => { window.__prints = 0; window.print = () => { window.__prints += 1; }; });
  await page.locator('#print-pack').click();
  await page.locator('#pack-h').waitFor();
  await page.waitForFunction(() => window.__prints === 1);
  assert.match(page.url(), /[?&]page=pack(&|$)/);
  assert.match(page.url(), /hn\.growth\.independent=14/);
  assert.match(await page.locator('#pack-assumptions').innerText(), /14% a year/);
  await page.locator('#pack-back').click();
  await page.locator('main h1', { hasText: /^Capital/ }).waitFor();
  assert.match(page.url(), /page=capital/);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('printed to PDF by Chromium, the pack is A4 pages with every section and the link', async () => {
  const { context, page, problems } = await open(browser, pageUrl('overview', LEVER));
  await ready(page);
  const link = await overviewLink(page);
  await pack(page);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.site').isVisible(), false, 'no navigation in print');
  assert.equal(await page.locator('main button:visible').count(), 0, 'no buttons in print');
  // A key's swatch is a background, which browsers leave out of a print by default ("Background
  // graphics" off): a printed key then showed only the dashed and dotted lines (borders).
  const swatches = await page.locator('.key .swatch').evaluateAll((els) => els.map((e) => getComputedStyle(e).printColorAdjust));
  assert.ok(swatches.length > 3, `${swatches.length} key swatches`);
  assert.deepEqual([...new Set(swatches)], ['exact'], 'every key swatch prints as it is drawn');
  // Every table fits the width of an A4 page less its 15 mm margins (680 CSS px): the deficit
  // table's last column had printed cut off ("Published forecasts (c").
  await page.setViewportSize({ width: 680, height: 1000 });
  const wide = await page.evaluate(() => [...document.querySelectorAll('main table')].filter((t) => t.offsetParent && t.getBoundingClientRect().width > 681).map((t) => `${t.caption?.textContent}: ${Math.round(t.getBoundingClientRect().width)}px`));
  assert.deepEqual(wide, [], 'tables wider than the printed page');
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, 'committee-pack.pdf');
  fs.writeFileSync(file, pdf);
  const raw = pdf.toString('latin1');
  assert.ok(raw.startsWith('%PDF-'), 'a PDF');
  const pages = (raw.match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages > 1, `${pages} pages`);
  // The link is a live link in the PDF (its annotation holds the address) ...
  assert.ok(raw.includes(link), 'the PDF links to the scenario');
  // ... and printed as text. Chromium compresses text (glyph codes), so read it with poppler's
  // pdftotext where installed.
  if (hasPdftotext()) {
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, '');
    assert.ok(flat.includes(link.replace(/\s+/g, '')), 'the link text is printed');
    for (const heading of ['Headline: the high-needs deficit', 'Key questions, answered for this scenario', 'The main charts',
      'Assumptions that differ from the published defaults', 'Sources', 'This scenario online']) {
      assert.ok(text.replace(/\s+/g, ' ').includes(heading), heading);
    }
    assert.match(text.replace(/\s+/g, ' '), /14% a year \(default 10% a year\)/);
    assert.match(text.replace(/\s+/g, ' '), /Cumulative DSG deficit and reserves at each 31 March/);
    assert.match(text.replace(/\s+/g, ' '), /Usable reserves year by year/);
    assert.match(text.replace(/\s+/g, ' '), /from approved to revised/);
    assert.doesNotMatch(text, /Print pack|Copy link/);
  } else {
    console.log('# pdftotext is not installed: checked the PDF, its page count and the link annotation only');
    assert.ok(pdf.length > 50000, `${pdf.length} bytes`);
  }
  assert.deepEqual(problems.console, []);
  await context.close();
});
