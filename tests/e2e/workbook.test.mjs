// Excel workbooks, against the release build: each page's results workbook read back with an
// independent reader (Python's openpyxl, installed by scripts/install), its numbers equal to the
// page's data tables and its formulas recalculating to the written values (by our own evaluator
// and by LibreOffice, which recalculates a copy with no cached results);
// the Herefordshire input workbook loaded through Sources gives the same figures as the JSON;
// a malformed workbook is refused with its sheet and cell, and nothing changes.
//
// DOM hooks: #hn-workbook, #savings-workbook, #capital-workbook, #data-workbook, #blank-workbook
// (buttons), each with #<id>-status; #data-file, #data-file-status; li.figure-row[data-path];
// #provision-types.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, ready, pageUrl } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'workbook-test-'));
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); fs.rmSync(TMP, { recursive: true, force: true }); });

const readXlsx = (file) => JSON.parse(execFileSync('python3', [path.join(HERE, 'read_xlsx.py'), file], { maxBuffer: 64 << 20 }).toString());

/** LibreOffice recalculates every formula (from a copy with no cached results) to the value the
 * writer put beside it (lo_recalc.py; Debian's libreoffice-calc-nogui, from scripts/install). */
function libreOfficeAgrees(file, atLeast) {
  const r = JSON.parse(execFileSync('python3', [path.join(HERE, 'lo_recalc.py'), file], { maxBuffer: 64 << 20, timeout: 240000 }).toString());
  assert.ok(r.formulas >= atLeast, `${r.formulas} formulas recalculated by LibreOffice`);
  assert.deepEqual(r.mismatches, [], 'LibreOffice recalculates every formula to the written value');
}

async function download(page, id) {
  const dl = page.waitForEvent('download');
  await page.click(`#${id}`);
  const d = await dl;
  const file = path.join(TMP, d.suggestedFilename());
  await d.saveAs(file);
  assert.match(d.suggestedFilename(), /\.xlsx$/);
  assert.ok(fs.readFileSync(file).subarray(0, 2).toString() === 'PK', 'an xlsx is a zip');
  return file;
}

/** "£6,100,000" → 6100000, "−£1,234.50" → -1234.5, "12.5%" → 0.125; null for other text. */
function shownNumber(s) {
  const t = s.trim().replace('−', '-');
  let m = t.match(/^(-?)£([\d,]+(?:\.\d+)?)$/);
  if (m) return Number((m[1] + m[2]).replaceAll(',', ''));
  m = t.match(/^(-?[\d.]+)%$/);
  if (m) return Number(m[1]) / 100;
  return null;
}

const colName = (c) => { let s = ''; c += 1; while (c > 0) { const r = (c - 1) % 26; s = String.fromCharCode(65 + r) + s; c = Math.floor((c - 1) / 26); } return s; };

/** Recalculates this writer's formulas (SUM of ranges and lists, a+b, a-b) from the other cells. */
function recalc(cells, f) {
  const val = (ref) => { const c = cells[ref]; assert.ok(c, `${ref} exists`); assert.equal(typeof c.v, 'number', `${ref} is numeric`); return c.v; };
  const body = f.slice(1);
  const sum = body.match(/^SUM\((.*)\)$/);
  if (sum) {
    return sum[1].split(',').reduce((acc, a) => {
      const r = a.match(/^([A-Z]+)(\d+):([A-Z]+)(\d+)$/);
      if (!r) return acc + val(a);
      let t = 0;
      for (let i = Number(r[2]); i <= Number(r[4]); i++) t += val(`${r[1]}${i}`);
      return acc + t;
    }, 0);
  }
  if (body === '0') return 0;
  const minus = body.match(/^([A-Z]+\d+)-([A-Z]+\d+)$/);
  if (minus) return val(minus[1]) - val(minus[2]);
  return body.split('+').reduce((a, r) => a + val(r), 0);
}

function checkFormulas(book) {
  let n = 0;
  for (const [sheet, cells] of Object.entries(book.cells)) {
    for (const [ref, c] of Object.entries(cells)) {
      if (!c.f) continue;
      assert.equal(typeof c.v, 'number', `${sheet}!${ref} has its value written`);
      const got = recalc(cells, c.f);
      assert.ok(Math.abs(got - c.v) < 0.005, `${sheet}!${ref}: ${c.f} recalculates to ${got}, written ${c.v}`);
      n++;
    }
  }
  return n;
}

/** The page's data tables as the page shows them. */
async function pageTables(page) {
  // Open every data table (each is drawn when its <details> opens), then wait for their rows.
  await page.evaluate(() => document.querySelectorAll('main details.data:not([open])').forEach((d) => { d.open = true; }));
  for (const d of await page.locator('main details.data').all()) await d.locator('table tbody tr').first().waitFor();
  return page.locator('main .table-wrap table').evaluateAll((ts) => ts.map((t) => ({
    caption: t.querySelector('caption')?.textContent.trim() ?? '',
    headers: [...t.querySelectorAll('thead th')].map((x) => x.textContent.trim()),
    rows: [...t.querySelectorAll('tbody tr')].map((r) => [...r.children].map((x) => x.textContent.trim())),
  })));
}

/** Every number of a page table equals the sheet's cell where the writer puts it (years across). */
function assertTableInSheet(t, cells, label) {
  const byYear = t.headers[0] === 'Year';
  let checked = 0;
  t.rows.forEach((row, i) => row.forEach((shown, j) => {
    const n = shownNumber(shown);
    if (n === null) return;
    // Heading row 5, data from row 6 (Excel rows); a year table is turned on its side.
    const [r, c] = byYear ? [5 + j, i + 1] : [6 + i, j];
    const ref = `${colName(c)}${r}`;
    const cell = cells[ref];
    assert.ok(cell && typeof cell.v === 'number', `${label} ${ref} (${shown}) is numeric: ${JSON.stringify(cell)}`);
    assert.ok(Math.abs(cell.v - n) < 0.006, `${label} ${ref}: ${cell.v} vs the page's ${shown}`);
    checked++;
  }));
  return checked;
}

test('High needs: the workbook has Summary, Placements, Assumptions and Sources, numbers equal to the page', async () => {
  const { context, page, problems } = await open(browser, pageUrl('high-needs', 'hn.transfer=0.5'));
  await ready(page);
  const tables = await pageTables(page);
  const file = await download(page, 'hn-workbook');
  // Named for its scenario: a tag from its levers (a trial's downloads of three scenarios were
  // "(1)" and "(2)" of one name).
  assert.match(path.basename(file), /-high-needs-[0-9a-f]{6}\.xlsx$/);
  await page.waitForFunction(() => document.querySelector('#hn-workbook-status')?.dataset.ms);
  const book = readXlsx(file);
  assert.deepEqual(book.sheets, ['Summary', 'Placements', 'Assumptions', 'Sources']);
  const s = book.cells.Summary;
  const rowOf = (label, nth) => Object.entries(s).filter(([ref, c]) => /^A\d+$/.test(ref) && c.v === label).map(([ref]) => Number(ref.slice(1)))[nth];
  // The page's deficit table: one row per year; the Summary: one column per year.
  const deficit = tables.find((t) => t.caption.startsWith('Cumulative DSG deficit'));
  assert.ok(deficit, tables.map((t) => t.caption).join(' | '));
  const col = (h) => deficit.headers.indexOf(h);
  const years = deficit.rows.map((r) => r[0]);
  years.forEach((y, j) => assert.equal(s[`${colName(j + 1)}5`].v, y, 'years are the column headings'));
  for (const [heading, label, nth] of [['Cumulative, mitigated', 'Cumulative deficit at 31 March', 1], ['Cumulative, unmitigated', 'Cumulative deficit at 31 March', 0],
    ['In-year deficit, mitigated', 'In-year deficit (surplus negative)', 1], ['Write-off', 'Write-off', 1], ['Usable reserves', 'Total usable reserves', 1]]) {
    const r = rowOf(label, nth);
    deficit.rows.forEach((row, j) => {
      const cell = s[`${colName(j + 1)}${r}`];
      assert.equal(typeof cell.v, 'number', `${label} ${row[0]} is a number`);
      assert.ok(Math.abs(cell.v - shownNumber(row[col(heading)])) < 0.5, `${label} ${row[0]}: ${cell.v} vs ${row[col(heading)]}`);
    });
  }
  // The transfer lever is in the link and shows as changed.
  assert.ok(Object.values(s).some((c) => typeof c.v === 'string' && c.v.includes('hn.transfer=0.5')), 'the share link');
  const a = book.cells.Assumptions;
  const tr = Object.entries(a).find(([, c]) => c.v === 'hn.transfer')[0].slice(1);
  assert.equal(a[`C${tr}`].v, 0.5);
  assert.equal(a[`F${tr}`].v, 'yes');
  assert.match(s[`B${rowOf('Total spending', 1)}`].fmt, /£/, 'pounds have a £ number format');
  assert.ok(s[`B${rowOf('Total spending', 1)}`].f.startsWith('=SUM('), 'totals are formulas');
  assert.ok(checkFormulas(book) > 40, 'formulas recalculate to their written values');
  libreOfficeAgrees(file, 40);
  // The placements sheet reports the DfE provision types with their status.
  const p = Object.values(book.cells.Placements).map((c) => c.v);
  for (const t of ['Independent and non-maintained special schools', 'Hospital schools and alternative provision']) assert.ok(p.includes(t), t);
  assert.ok(p.some((v) => typeof v === 'string' && /^(given|merged|empty):/.test(v)));
  assert.ok(Object.keys(book.cells.Sources).length > 200, 'every figure with its citation');
  assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
  await context.close();
});

for (const [slug, id] of [['savings', 'savings-workbook'], ['capital', 'capital-workbook']]) {
  test(`${slug}: the workbook holds the page's tables as numbers, years across`, async () => {
    const { context, page, problems } = await open(browser, pageUrl(slug));
    await ready(page);
    const tables = (await pageTables(page)).filter((t) => t.rows.length);
    const file = await download(page, id);
    assert.match(path.basename(file), new RegExp(`-${slug}\\.xlsx$`), 'the default assumptions: no tag');
    const book = readXlsx(file);
    assert.deepEqual(book.sheets.slice(-2), ['Assumptions', 'Sources']);
    const own = book.sheets.slice(0, -2);
    assert.ok(own.length >= (slug === 'savings' ? 3 : 4), `${book.sheets}`);
    let checked = 0;
    for (const name of own) {
      // Each sheet is one of the page's tables, found by its caption (the sheet's title).
      const t = tables.find((x) => x.caption && String(book.cells[name].A1?.v ?? '').endsWith(x.caption));
      assert.ok(t, `the page shows the table of sheet "${name}" (${book.cells[name].A1?.v})`);
      checked += assertTableInSheet(t, book.cells[name], name);
    }
    assert.ok(checked > 10, `${checked} numbers checked`);
    const formulas = checkFormulas(book);
    if (formulas) libreOfficeAgrees(file, formulas);
    assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
    await context.close();
  });
}

async function figuresText(page) {
  return page.locator('li.figure-row').evaluateAll((rs) => rs.map((r) => r.textContent.replace(/\s+/g, ' ').trim()));
}

test('Sources: the Herefordshire input workbook loads back to the same figures, chosen or dropped; a malformed one is refused at its cell', async () => {
  const { context, page, problems } = await open(browser, pageUrl('sources'));
  await ready(page);
  await page.waitForFunction(() => document.querySelectorAll('li.figure-row').length > 50);
  const before = await figuresText(page);
  assert.equal(await page.locator('#provision-types tbody tr').count(), 7, 'the DfE provision types');
  const file = await download(page, 'data-workbook');
  const book = readXlsx(file);
  assert.equal(book.sheets[0], 'Instructions');
  for (const s of ['Dataset', 'Documents', 'Budget', 'Savings', 'High needs', 'Forecasts', 'Model', 'Placements', 'Capital', 'Schemes', 'Figures']) assert.ok(book.sheets.includes(s), s);
  assert.ok(book.validations.Figures >= 3 && book.validations.Placements >= 2, 'drop-downs and number checks');
  const blank = readXlsx(await download(page, 'blank-workbook'));
  assert.deepEqual(blank.sheets, book.sheets.filter((s) => blank.sheets.includes(s)));

  // Loaded back through the same file input as JSON: the same figures.
  await page.locator('#data-file').setInputFiles(file);
  await page.waitForFunction(() => /^Loaded /.test(document.querySelector('#data-file-status')?.textContent ?? ''), null, { timeout: 20000 });
  assert.match(await page.locator('#data-file-status').innerText(), /\.xlsx/);
  assert.deepEqual(await figuresText(page), before, 'every figure as the JSON gave it');

  // A malformed copy (written by openpyxl): refused with the sheet and cell; nothing changes.
  const pl = book.cells.Placements;
  const costCol = Object.entries(pl).find(([ref, c]) => /^[A-Z]+1$/.test(ref) && c.v === 'average_cost')[0].replace('1', '');
  const bad = path.join(TMP, 'bad.xlsx');
  execFileSync('python3', [path.join(HERE, 'read_xlsx.py'), '--set', file, bad, 'Placements', `${costCol}3`, '12,5']);
  await page.locator('#data-file').setInputFiles(bad);
  await page.waitForFunction(() => /^Could not load/.test(document.querySelector('#data-file-status')?.textContent ?? ''), null, { timeout: 20000 });
  const status = await page.locator('#data-file-status').innerText();
  assert.ok(status.includes(`Placements!${costCol}3: expected an amount, got "12,5"`), status);
  assert.ok(status.includes('Nothing has changed'), status);
  assert.deepEqual(await figuresText(page), before, 'the figures in use are kept');

  // Dragged into the drop zone, as a person would: read by file type, loaded the same way.
  await page.evaluate(({ b64, name }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    const zone = document.querySelector('#data-drop');
    for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { b64: fs.readFileSync(file).toString('base64'), name: 'dropped.xlsx' });
  await page.waitForFunction(() => /^Loaded .*dropped\.xlsx/.test(document.querySelector('#data-file-status')?.textContent ?? ''), null, { timeout: 20000 });
  assert.deepEqual(await figuresText(page), before, 'the dropped workbook gives the same figures');
  assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
  await context.close();
});
