// The manifest and the default dataset download with the wasm (public/prerender.js asks for them
// as the page is read; the manifest is preloaded too, written by scripts/externalise_loader.py)
// and the app takes those responses: each is requested once, with no console warning of an
// unused or mismatched preload, even when the wasm arrives seconds after the page has loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, pageUrl, ready } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the manifest and the default dataset download as the page is read, and are what the app reads, however late the wasm', async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const json = [];
  page.on('request', (r) => { if (r.url().endsWith('.json')) json.push(new URL(r.url()).pathname.split('/').pop()); });
  // A slow line: the wasm arrives 5 s after it is asked for, past the seconds after the page's
  // load within which Chromium expects a preload to be used (a trial saw both warned of).
  await page.route(/_bg\.wasm$/, async (r) => { await new Promise((ok) => setTimeout(ok, 5000)); await r.continue(); });
  await page.goto(pageUrl('high-needs', 'hn.transfer=0.5'));
  const preloads = await page.$$eval('link[rel="preload"][as="fetch"]', (ls) => ls.map((l) => l.getAttribute('href')));
  assert.deepEqual(preloads, ['data/manifest.json']);
  const dataset = await page.$eval('meta[name="dsg-default-data"]', (m) => m.content);
  assert.match(dataset, /^data\/.+\.json$/);
  await ready(page);
  // Both were asked for before the wasm had arrived: their downloads began with the page.
  const timing = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop(), { by: e.initiatorType, start: e.startTime, end: e.responseEnd }])));
  const wasm = Object.entries(timing).find(([n]) => n.endsWith('_bg.wasm'))[1];
  assert.equal(timing['manifest.json'].by, 'link');
  assert.equal(timing[dataset.split('/').pop()].by, 'fetch');
  for (const f of ['manifest.json', dataset.split('/').pop()]) assert.ok(timing[f].end < wasm.end - 3000, `${f} downloaded with the page: ${JSON.stringify(timing[f])}, the wasm ${JSON.stringify(wasm)}`);
  assert.deepEqual(json.sort(), ['manifest.json', dataset.split('/').pop()].sort(), 'each requested once');
  assert.deepEqual(await page.evaluate(() => Object.keys(window.__dsgEarly)), [], 'both responses taken by the app');
  assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), []);
  // The link's own figure, worked out from those responses.
  assert.equal(await page.inputValue('#lever-hn-transfer-n'), '0.5');
  assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
  await context.close();
});

test('a link with its own src does not preload the default dataset, which it never reads', async () => {
  const fs = await import('node:fs');
  const body = fs.readFileSync(new URL('../../public/data/herefordshire-2024-25-q2.json', import.meta.url), 'utf8');
  const { context, page, problems } = await open(browser, 'about:blank');
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const json = [];
  page.on('request', (r) => { if (r.url().endsWith('.json')) json.push(new URL(r.url()).pathname.split('/').pop()); });
  await page.route(/data\/mine\.json$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  await page.goto(pageUrl('high-needs', 'src=data/mine.json'));
  await ready(page);
  // prerender.js asked for the manifest only, and the app took that response.
  assert.deepEqual(await page.evaluate(() => Object.keys(window.__dsgEarly)), []);
  await page.waitForTimeout(3500); // Chromium warns of an unused preload some seconds after load
  assert.deepEqual(json.sort(), ['manifest.json', 'mine.json'], 'the default dataset is not downloaded');
  assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), []);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a link to another version of the figures downloads that version only', async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  const json = [];
  page.on('request', (r) => { if (r.url().endsWith('.json')) json.push(new URL(r.url()).pathname.split('/').pop()); });
  await page.goto(pageUrl('high-needs', 'data=herefordshire&dv=2024-25-q2.1'));
  await ready(page);
  await page.waitForFunction(() => document.querySelector('footer.site')?.textContent.includes('2024-25-q2.1'));
  assert.deepEqual(json.sort(), ['herefordshire-2024-25-q2.json', 'manifest.json']);
  assert.deepEqual(problems.console, []);
  await context.close();
});
