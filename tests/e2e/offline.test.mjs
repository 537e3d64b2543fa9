// Offline for real: served by a host that forbids caching (`Cache-Control: no-cache, no-store`,
// scripts/serve_nostore.py), a second visit still works once the server is gone, because the
// service worker precached the app and the shipped data when it installed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, ready } from './lib.mjs';
import { REPO, freePort, startServer } from './serve_lib.mjs';

const DIST = path.join(REPO, 'dist');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Starts the no-store server on a folder holding `budget` -> dist; resolves once it answers. */
async function serveNoStore() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-'));
  fs.symlinkSync(DIST, path.join(root, 'budget'));
  const port = await freePort();
  return startServer('serve_nostore.py', [String(port), root], `http://127.0.0.1:${port}/budget/`);
}

test('a second visit works offline under no-store headers: the service worker precached the app and data', async () => {
  const server = await serveNoStore();
  const { base } = server;
  try {
    const first = await fetch(base);
    await first.arrayBuffer();
    assert.equal(first.headers.get('cache-control'), 'no-cache, no-store', 'the server forbids caching');
    const sw = await (await fetch(base + 'sw.js')).text();
    const precache = JSON.parse(sw.match(/const PRECACHE = (\[.*?\]);/s)[1]);
    for (const f of ['./', './boot.js', './data/manifest.json', './data/herefordshire-2024-25-q2.json', './data/template.json']) {
      assert.ok(precache.includes(f), `sw.js precaches ${f}: ${precache}`);
    }
    assert.ok(precache.some((f) => f.endsWith('.wasm')), 'the wasm is precached');
    assert.ok(!precache.some((f) => f.includes('.trunk-lock') || f.endsWith('sw.js')), `${precache}`);

    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // An older cache of this app, and another app's cache on the same origin, before the worker installs.
    await page.goto(base + 'data/manifest.json');
    await page.evaluate(async () => { await caches.open('dsg-explorer-0ld0ld0ld0ld'); await caches.open('someone-else'); });

    // First visit, online.
    await page.goto(base + '?page=capital');
    await ready(page);
    // Installed (so precached), activated and in control of this page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const mine = keys.filter((k) => k.startsWith('dsg-explorer-'));
      const entries = mine.length === 1 ? (await (await caches.open(mine[0])).keys()).map((r) => new URL(r.url).pathname) : [];
      return { keys, entries };
    });
    assert.equal(cached.keys.filter((k) => k.startsWith('dsg-explorer-')).length, 1, `only the current cache is left: ${cached.keys}`);
    assert.ok(!cached.keys.includes('dsg-explorer-0ld0ld0ld0ld'), 'the old cache was deleted on activate');
    assert.ok(cached.keys.includes('someone-else'), 'another app\'s cache is left alone');
    for (const f of precache) {
      const want = new URL(f, base).pathname;
      assert.ok(cached.entries.includes(want), `${want} is in the cache`);
    }

    // The server goes away: nothing can come from the network now.
    await server.stop();
    await assert.rejects(fetch(base), 'the server is really gone');

    // Reload, another page by its link, and a fresh tab: all from the service worker's cache.
    await page.reload();
    await ready(page);
    assert.match(await page.locator('main h1').innerText(), /\S/);
    assert.equal(await page.locator('nav a[aria-current="page"]').innerText(), 'Capital');
    await page.goto(base + '?page=high-needs&hn.growth.independent=14');
    await ready(page);
    assert.equal(await page.locator('nav a[aria-current="page"]').innerText(), 'High needs');
    await page.locator('figure.chart svg').first().waitFor();
    const tab = await context.newPage();
    await tab.goto(base);
    await ready(tab);
    assert.match(await tab.locator('main').innerText(), /£13\.7m/, 'the shipped figures, from the cache');
    // The app's page by its file name too (it is cached by its folder's address).
    for (const [q, title] of [['', 'Overview'], ['?page=savings', 'Savings']]) {
      await tab.goto(base + 'index.html' + q);
      await ready(tab);
      assert.equal(await tab.locator('nav a[aria-current="page"]').innerText(), title, `index.html${q} offline`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await server.stop();
  }
});

test('the service worker is registered only after the first figures are shown, so its precache does not slow them', async () => {
  const server = await serveNoStore();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // Hold the dataset's response: the page is up and idle, but its figures are not shown yet.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route(/herefordshire-2024-25-mar25\.json$/, async (route) => { await held; await route.continue(); });
    await page.goto(server.base);
    // The app has started (mounted, hidden, over the pre-rendered page) and waits for the data.
    await page.locator('#app[hidden] main .loading').waitFor({ state: 'attached' });
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0,
      'no service worker while the figures are loading');
    release();
    await ready(page);
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistrations()).length === 1, null, { timeout: 20000, polling: 100 });
  } finally {
    await context.close();
    await server.stop();
  }
});

test('the service worker waits for the reader to pause, so its precache does not slow a slider being dragged', async () => {
  const server = await serveNoStore();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(server.base + '?page=high-needs');
    await ready(page);
    await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
    const registrations = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
    // A drag of 4 s, one move a frame: more than the 2 s pause the registration waits for.
    const moves = await page.evaluate(async () => {
      const el = document.querySelector('#lever-hn-growth-mainstream');
      const t0 = performance.now();
      let n = 0;
      while (performance.now() - t0 < 4000) {
        el.value = String(Number(el.min) + (n % 40) * Number(el.step));
        el.dispatchEvent(new Event('input', { bubbles: true }));
        n++;
        await new Promise((r) => requestAnimationFrame(r));
      }
      return n;
    });
    assert.ok(moves > 20, `the slider moved (${moves} moves)`);
    assert.equal(await registrations(), 0, 'no service worker while the slider is being moved');
    // Once the reader stops, it is registered (2 s later, when the browser is idle).
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistrations()).length === 1, null, { timeout: 20000, polling: 100 });
  } finally {
    await context.close();
    await server.stop();
  }
});
