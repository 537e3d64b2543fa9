// The manifest and the default dataset download with the wasm (the page preloads them, written
// by scripts/externalise_loader.py) and the app's own fetches use those downloads: each is
// requested once, with no console warning of an unused or mismatched preload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, pageUrl, ready } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the manifest and the default dataset are preloaded, and the preloads are what the app reads', async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const json = [];
  page.on('request', (r) => { if (r.url().endsWith('.json')) json.push(new URL(r.url()).pathname.split('/').pop()); });
  await page.goto(pageUrl('high-needs', 'hn.transfer=0.5'));
  await ready(page);
  const preloads = await page.$$eval('link[rel="preload"][as="fetch"]', (ls) => ls.map((l) => l.getAttribute('href')));
  assert.ok(preloads.includes('data/manifest.json'), `${preloads}`);
  const dataset = preloads.find((h) => /^data\/.+\.json$/.test(h) && h !== 'data/manifest.json');
  assert.ok(dataset, `a dataset is preloaded: ${preloads}`);
  // Both arrive before the wasm has started: their downloads began with the page.
  const started = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop(), e.initiatorType])));
  assert.equal(started['manifest.json'], 'link');
  assert.equal(started[dataset.split('/').pop()], 'link');
  await page.waitForTimeout(3500); // Chromium warns of an unused preload some seconds after load
  assert.deepEqual(json.sort(), ['manifest.json', dataset.split('/').pop()].sort(), 'each requested once');
  assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), []);
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
  const preloads = await page.$$eval('link[rel="preload"][as="fetch"]', (ls) => ls.map((l) => l.getAttribute('href')));
  assert.deepEqual(preloads, ['data/manifest.json']);
  await page.waitForTimeout(3500); // Chromium warns of an unused preload some seconds after load
  assert.deepEqual(json.sort(), ['manifest.json', 'mine.json'], 'the default dataset is not downloaded');
  assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), []);
  assert.deepEqual(problems.console, []);
  await context.close();
});
