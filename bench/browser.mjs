// Run from tests/e2e (for its node_modules) by bench/run.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import os from 'node:os';
import { launch, open, pageUrl, ready, BASE } from '../tests/e2e/lib.mjs';
import { withDocuments, file } from '../tests/e2e/big_data_gen.mjs';
import { sliderMoves } from './slider.mjs';
import { watchFirstChart } from './first_chart.mjs';

const dist = process.env.DIST;
// The machine's load while the browser runs: the timings on this shared 2-core machine move with it
// (the same build's slider median was 8 ms in a quiet hour and 11 ms in a busy one), so each
// result says how busy the machine was.
const loadBefore = os.loadavg().map((x) => +x.toFixed(2));
const sizes = {};
for (const f of fs.readdirSync(dist)) {
  if (!/\.(wasm|js|css|html)$/.test(f)) continue;
  const buf = fs.readFileSync(path.join(dist, f));
  // The workbook worker (a second wasm, loaded on the first workbook request) is counted apart:
  // it is not part of the first view.
  const ext = f.endsWith('.wasm') ? 'wasm' : f.endsWith('.js') ? 'js' : f.endsWith('.css') ? 'css' : 'html';
  const kind = f.startsWith('workbook_worker') ? `workbook_worker_${ext}` : ext;
  const s = sizes[kind] ||= { raw: 0, gzip: 0, brotli: 0 };
  s.raw += buf.length;
  s.gzip += zlib.gzipSync(buf, { level: 9 }).length;
  s.brotli += zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}
// What a browser needs before it can paint each pre-rendered page: the page, the stylesheet and
// prerender.js (both in <head>, render-blocking). boot.js and the wasm load after (a module).
const br = (f) => zlib.brotliCompressSync(fs.readFileSync(path.join(dist, f)), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const css = fs.readdirSync(dist).find((f) => /^style-.*\.css$/.test(f));
const beforePaint = Object.fromEntries(fs.readdirSync(dist).filter((f) => f.endsWith('.html')).sort()
  .map((f) => [f, br(f) + br(css) + (fs.existsSync(path.join(dist, 'prerender.js')) ? br('prerender.js') : 0)]));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]; };

const browser = await launch();
// Navigation to the first chart: painted (the pre-rendered page's first contentful paint, its SVG
// charts included) and interactive (the app has taken over: its own chart is in the page).
const firstChart = [];
const firstPaint = [];
for (let i = 0; i < 7; i++) {
  const { context, page } = await open(browser, 'about:blank');
  const watch = await watchFirstChart(page);
  await page.goto(pageUrl('overview'));
  firstChart.push(await watch.times);
  firstPaint.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
  await context.close();
}

// Slider input-to-repaint, over 200 moves of a slider (a drag). Each move is made inside an
// animation-frame callback, so "update" (input event to the next task) covers the app's reaction
// (model, charts, DOM: Leptos runs effects in microtasks) and then that frame's style, layout and
// paint, which the browser does before running the next task. "frame" adds the wait for the
// following frame, so it is quantised by the 60 Hz clock.
// Three pages in turn, each a fresh context (so the wasm starts cold, as for a reader's first
// visit): one run's p95 moves by 2-3 ms with the machine's load, so the runs' median is reported,
// and every run's figures beside it.
let slider = null;
{
  const SLIDER = '#lever-hn-growth-mainstream';
  const runs = [];
  for (let r = 0; r < 3; r++) {
    const { context, page } = await open(browser, pageUrl('high-needs'));
    await ready(page);
    // The first moves a reader can make: once the app has replaced the pre-rendered page (before
    // that its sliders are hidden, and the first moves would wait behind the app's first view).
    await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
    // Always the same lever, one that moves every chart (mainstream EHCP growth), so runs compare.
    if (await page.locator(SLIDER).count()) {
      const times = await sliderMoves(page, SLIDER);
      runs.push({ update_median_ms: +median(times.upd).toFixed(2), update_p95_ms: +p95(times.upd).toFixed(2),
        frame_median_ms: +median(times.out).toFixed(2), frame_p95_ms: +p95(times.out).toFixed(2),
        // The first moves run before the browser has optimised the wasm: reported on their own.
        first_three_ms: times.upd.slice(0, 3).map((x) => +x.toFixed(1)), update_max_ms: +Math.max(...times.upd).toFixed(1) });
    }
    await context.close();
  }
  if (runs.length) {
    const mid = (k) => median(runs.map((r) => r[k]));
    slider = { lever: SLIDER.slice(1), samples_per_run: 200, runs: runs.length,
      update_median_ms: mid('update_median_ms'), update_p95_ms: mid('update_p95_ms'),
      frame_median_ms: mid('frame_median_ms'), frame_p95_ms: mid('frame_p95_ms'), each_run: runs };
  }
}
// Writing the High needs workbook, from the click to the file's bytes in the page: the first
// includes starting the worker (fetching and compiling its wasm), the rest do not.
let workbook = null;
{
  const { context, page } = await open(browser, pageUrl('high-needs'));
  await ready(page);
  const times = [];
  for (let i = 0; i < 6; i++) {
    await page.evaluate(() => { const s = document.querySelector('#hn-workbook-status'); if (s) s.dataset.ms = ''; });
    const dl = page.waitForEvent('download');
    await page.click('#hn-workbook');
    await dl;
    await page.waitForFunction(() => document.querySelector('#hn-workbook-status')?.dataset.ms);
    times.push(Number(await page.$eval('#hn-workbook-status', (e) => e.dataset.ms)));
  }
  workbook = { first_ms_with_worker_start: times[0], warm_median_ms: median(times.slice(1)), all_ms: times };
  await context.close();
}
// Big datasets through Sources' file input: time from the file being in the input to the "Loaded" status
// (the figures in use and Sources drawn), and the longest main-thread task meanwhile (a
// PerformanceObserver for 'longtask', which reports tasks of 50 ms or more; 0 means none).
const bigData = [];
{
  const shipped = await (await fetch(new URL('data/herefordshire-2024-25-mar25.json', BASE))).json();
  for (const n of [1_000, 10_000, 100_000]) {
    const text = JSON.stringify(withDocuments(shipped, n));
    const { context, page } = await open(browser, pageUrl('sources'));
    await ready(page);
    await page.evaluate(() => {
      window.__tasks = [];
      window.__since = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.startTime >= window.__since) window.__tasks.push(e.duration); }).observe({ type: 'longtask' });
    });
    await page.setInputFiles('#data-file', file(`big-${n}.json`, text));
    // Timed from the moment the file is in the input: Playwright's injection of the file into the
    // page is a long task of its own, which a person choosing a file does not cause.
    await page.evaluate(() => { window.__tasks = []; window.__since = performance.now(); });
    const t0 = Date.now();
    await page.waitForFunction(() => /^Loaded /.test(document.querySelector('#data-file-status')?.textContent ?? ''), null, { timeout: 120000 });
    await page.locator('ul.documents li[data-doc]').first().waitFor();
    const ms = Date.now() - t0;
    await page.waitForTimeout(100);
    const tasks = await page.evaluate(() => window.__tasks);
    bigData.push({ documents: n, file_bytes: Buffer.byteLength(text), load_ms: ms, longest_task_ms: +Math.max(0, ...tasks).toFixed(1), long_tasks: tasks.length });
    await context.close();
  }
}
await browser.close();

let native = {};
try { native = JSON.parse(process.env.NATIVE || '{}'); } catch { native = { raw: process.env.NATIVE }; }
console.log(JSON.stringify({
  date: new Date().toISOString(),
  bundle_bytes: sizes,
  bytes_before_first_paint_brotli: beforePaint,
  first_contentful_paint_ms: { loads: firstPaint.length, median: +median(firstPaint).toFixed(1), all: firstPaint.map((x) => +x.toFixed(1)) },
  first_chart_ms: {
    what: 'navigation to the app\'s interactive chart: the first task after the frame that shows it (bench/first_chart.mjs)',
    loads: firstChart.length, median: +median(firstChart.map((x) => x.shown)).toFixed(1), all: firstChart.map((x) => +x.shown.toFixed(1)),
    dom_change_median: +median(firstChart.map((x) => x.dom)).toFixed(1),
  },
  slider_input_to_repaint: slider,
  high_needs_workbook_write: workbook,
  big_dataset_load: bigData,
  native_projection: native,
  machine: { cores: os.cpus().length, load_average_1_5_15_before: loadBefore, load_average_1_5_15_after: os.loadavg().map((x) => +x.toFixed(2)) },
}, null, 2));
