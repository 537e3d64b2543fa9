// Every page is pre-rendered at build time (src/ui/prerender.rs): readable with JavaScript off,
// with the numbers the live app shows at the same address; a link with its own scenario never
// shows the default figures while the wasm loads; the app takes over without moving anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, BASE, PAGES, pageUrl, ready, openTables, axe } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const fileUrl = (slug, query = '') => BASE + (slug === 'overview' ? '' : `${slug}.html`) + (query ? `?${query}` : '');

/** What a reader gets from the page: its heading, charts, tables and all the text of the page
 * and its footer (the app's closed tables opened first, as a reader would). Status lines, which
 * say what a button just did, and the navigation's current-page mark are left out. */
async function reading(page) {
  return page.evaluate(() => {
    const root = document.getElementById('prerendered') || document.getElementById('app') || document.body;
    const main = root.querySelector('main');
    // Every text node's words, one space between nodes (the pre-render and the app may differ
    // in the white space between elements, never in the words).
    const text = (el) => {
      const c = el.cloneNode(true);
      // (The simulation's status gives its time in the app only: "10,000 draws in 25 ms".)
      c.querySelectorAll('[role="status"], #scenario-pending, #mc-status').forEach((s) => s.remove());
      // Of a chart's two drawings, the one the stylesheet hides at this width (the app does
      // not draw it; the pre-render, not knowing the width, draws both).
      const hosts = [...el.querySelectorAll('.svg')];
      [...c.querySelectorAll('.svg')].forEach((h, i) => { if (!hosts[i].getClientRects().length) h.remove(); });
      const words = [];
      const walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) { const t = n.data.replace(/\s+/g, ' ').trim(); if (t) words.push(t); }
      return words.join(' ');
    };
    return {
      h1: main.querySelector('h1')?.textContent.trim(),
      charts: [...main.querySelectorAll('figure.chart')].map((f) => ({ id: f.dataset.chart, svg: !!f.querySelector('.svg svg') })),
      tables: [...main.querySelectorAll('table')].map((t) => ({ caption: t.caption?.textContent, rows: t.querySelectorAll('tbody tr').length })),
      main: text(main),
      footer: text(root.querySelector('footer')),
    };
  });
}

/** Holds the page's wasm back until the returned function is called: the pre-rendered page,
 * before the app takes over. */
async function holdWasm(page) {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  return release;
}

/** Where two texts first differ, with a little of each around it. */
function difference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: pre-render "…${a.slice(Math.max(0, i - 60), i + 60)}…", app "…${b.slice(Math.max(0, i - 60), i + 60)}…"`;
}

test('with JavaScript off, every page shows its heading, figures, charts and tables, the same as the live app', async () => {
  for (const slug of PAGES) {
    const off = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const still = await off.newPage();
    await still.goto(fileUrl(slug));
    const a = await reading(still);
    assert.ok(a.h1, `${slug}: an h1`);
    // Nothing is offered that needs the app: no button, search or file box, share bar, saved
    // scenarios or move form is shown (they did nothing without JavaScript).
    const offered = await still.$$eval('button, input[type="file"], input[type="search"], input[type="checkbox"], .needs-js, a[href*="#own-data"]',
      (els) => els.filter((e) => e.getClientRects().length > 0).map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(offered, [], `${slug}: shown without JavaScript but needing it`);
    // The controls show the values used and cannot be changed (a moved slider changed no figure).
    const changeable = await still.$$eval('#prerendered input:not([disabled]), #prerendered select:not([disabled])', (els) => els.map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(changeable, [], `${slug}: a control that can be changed without JavaScript`);
    const nav = await still.$$eval('header nav a', (as) => as.map((x) => x.getAttribute('href')));
    assert.deepEqual(nav, PAGES.map((p) => (p === 'overview' ? './' : `${p}.html`)), `${slug}: the navigation links the page files`);
    // Every link to a page's file opens a file that is there (no `capital.html&…`).
    const fileLinks = await still.$$eval('a[href*=".html"]', (as) => [...new Set(as.map((x) => x.href))]);
    for (const href of fileLinks.filter((h) => h.startsWith(BASE))) {
      const u = new URL(href);
      assert.match(u.pathname, /\/[a-z-]+\.html$/, `${slug}: ${href}`);
      assert.equal((await still.request.get(`${u.origin}${u.pathname}`)).status(), 200, `${slug}: ${href}`);
    }
    await off.close();

    const { context, page, problems } = await open(browser, fileUrl(slug));
    await ready(page);
    await openTables(page.locator('main'));
    const b = await reading(page);
    // The one known difference: a link the app writes out whole, the pre-render can only give
    // from the app's folder (the site's address is not known when it is built).
    b.main = b.main.replaceAll(BASE, '');
    assert.equal(a.h1, b.h1, `${slug}: h1`);
    assert.deepEqual(a.charts, b.charts, `${slug}: charts`);
    assert.deepEqual(a.tables, b.tables, `${slug}: tables`);
    assert.equal(a.main, b.main, `${slug}: every word and number of the page; first difference: ${difference(a.main, b.main)}`);
    assert.equal(a.footer, b.footer, `${slug}: footer`);
    assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
    // With scripting on, the same controls are there (the rule hides them only without it).
    const shown = await page.$$eval('main button, footer.site .needs-js', (els) => els.filter((e) => e.getClientRects().length > 0).length);
    assert.ok(shown > 0, `${slug}: the app's buttons are shown`);
    await context.close();
  }
  // The pages with figures have them before the wasm: a chart drawn as SVG and its data table.
  for (const slug of ['overview', 'high-needs', 'uncertainty', 'savings', 'capital', 'compare']) {
    const off = await browser.newContext({ javaScriptEnabled: false });
    const still = await off.newPage();
    await still.goto(fileUrl(slug));
    const r = await reading(still);
    assert.ok(r.charts.length > 0 && r.charts.every((c) => c.svg), `${slug}: every chart is drawn`);
    assert.ok(r.tables.length > 0 && r.tables.every((t) => t.rows > 0), `${slug}: tables with rows`);
    await off.close();
  }
  // Without JavaScript a ?page= link opens the file it names (the Overview's): the page says
  // that the link's page was not read, and its menu links every page's own file.
  const off = await browser.newContext({ javaScriptEnabled: false });
  const still = await off.newPage();
  await still.goto(BASE + '?page=capital&cap.slip=20');
  assert.match(await still.locator('noscript, .fallback').first().textContent(), /\?page= is not read/);
  await still.locator('#prerendered header nav a', { hasText: 'Capital' }).click();
  await still.waitForURL(/capital\.html$/);
  assert.match(await still.locator('main h1').textContent(), /^Capital/);
  await off.close();
});

/** Holds every .wasm response for `ms`, so the page can be sampled before the app starts. */
async function slowWasm(page, ms) {
  await page.route('**/*.wasm', async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

/** Samples, until the app has taken over, what a reader can see: the pre-rendered page's main
 * region and the "loading your scenario" line. */
async function sampleUntilReady(page) {
  const samples = [];
  for (let i = 0; i < 400; i++) {
    const s = await page.evaluate(() => {
      const pre = document.querySelector('#prerendered main');
      const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      // Where the heading, the first charts and the footer are on the page, and the scroll.
      const boxes = ['main h1', 'main figure.chart', 'main figure.chart ~ figure.chart', 'footer.site'].map((q) => {
        const r = [...document.querySelectorAll(q)].find((e) => e.getClientRects().length)?.getBoundingClientRect();
        return r ? [q, Math.round(r.top), Math.round(r.left), Math.round(r.width), Math.round(r.height)] : [q, null];
      });
      return {
        boxes: JSON.stringify(boxes) + ` scrollY ${Math.round(scrollY)}`,
        prerendered: !!document.getElementById('prerendered'),
        app: !!document.querySelector('#app:not([hidden])'),
        mainShown: shown(pre),
        pendingShown: shown(document.getElementById('scenario-pending')),
        h1: document.querySelector('main h1')?.textContent,
      };
    }).catch(() => null);
    if (s) samples.push(s);
    // Until the document has arrived there is neither; the app has taken over once it is shown.
    if (s && s.app) break;
    await page.waitForTimeout(25);
  }
  return samples;
}

test('a link with its own scenario never shows the default figures while the wasm loads', async () => {
  const cases = [
    // Levers, on the page's own file and on the ?page= form.
    [fileUrl('high-needs', 'hn.growth.independent=14'), 'High needs'],
    [pageUrl('high-needs', 'hn.growth.independent=14'), 'High needs'],
    // Another page than the file's: the Overview's figures must not show for Capital.
    [pageUrl('capital'), 'Capital'],
    // A pinned vintage other than the pre-rendered one.
    [pageUrl('overview', 'data=herefordshire&dv=2024-25-q2.1'), 'Where the budget stands'],
    // A link to another page's file, or to another link format.
    [fileUrl('savings', 'page=capital'), 'Capital'],
    [pageUrl('overview', 'v=1'), 'Where the budget stands'],
  ];
  for (const [url, heading] of cases) {
    const { context, page, problems } = await open(browser, 'about:blank');
    await slowWasm(page, 1500);
    await page.goto(url, { waitUntil: 'commit' });
    const samples = await sampleUntilReady(page);
    const before = samples.filter((s) => s.prerendered);
    assert.ok(before.length >= 10, `${url}: sampled ${before.length} times before the app started`);
    assert.ok(before.every((s) => !s.mainShown), `${url}: the default figures were shown`);
    assert.ok(before.slice(1).every((s) => s.pendingShown), `${url}: "Loading your scenario" is shown`);
    await ready(page);
    assert.ok((await page.locator('main h1').textContent()).startsWith(heading), url);
    assert.deepEqual(problems.console, []);
    await context.close();
  }
});

test('the pre-rendered page is shown at once for the default view, and the app takes over without a shift', async () => {
  // The default view's own link parameters, as "Copy link" writes them (v, data, dv).
  const off = await browser.newContext({ javaScriptEnabled: false });
  const p0 = await off.newPage();
  await p0.goto(fileUrl('overview'));
  const own = await p0.evaluate(() => document.documentElement.dataset.link);
  await off.close();
  assert.match(own, /^v=\d+&data=[^&]+&dv=[^&]+$/);
  const urls = [
    ['overview', fileUrl('overview')], ['high-needs', fileUrl('high-needs')], ['capital', fileUrl('capital')],
    // The app's first view is built in many tasks (a Monte Carlo in slices, parts drawn later):
    // it must still take over only once all of it is drawn.
    ['uncertainty', fileUrl('uncertainty')], ['sources', fileUrl('sources')],
    // A copied link of the default view is this very page: shown at once too.
    ['high-needs', fileUrl('high-needs', `page=high-needs&${own}`)], ['overview', fileUrl('overview', own)],
  ];
  for (const [slug, url] of urls) {
    const { context, page, problems } = await open(browser, 'about:blank');
    await slowWasm(page, 1000);
    await page.addInitScript(() => {
      window.__shift = 0;
      window.__shifted = [];
      // What moved, where from and to, and whether the app had taken over: for the message.
      const name = (n) => !n ? '(removed)' : n.nodeType !== 1 ? `text "${(n.textContent || '').slice(0, 30)}" in ${name(n.parentElement)}`
        : n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (typeof n.className === 'string' && n.className ? '.' + n.className.split(' ').join('.') : '');
      const box = (r) => `${r.x},${r.y} ${r.width}x${r.height}`;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) {
          if (e.hadRecentInput) continue;
          window.__shift += e.value;
          const when = document.getElementById('prerendered') ? 'before the takeover' : 'after the takeover';
          for (const s of e.sources || []) window.__shifted.push(`${name(s.node)} ${box(s.previousRect)} -> ${box(s.currentRect)} at ${Math.round(e.startTime)} ms, ${when}`);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(url, { waitUntil: 'commit' });
    const samples = await sampleUntilReady(page);
    const before = samples.filter((s) => s.prerendered);
    assert.ok(before.length >= 10, `${url}: sampled before the app started`);
    assert.ok(before.slice(1).every((s) => s.mainShown && !s.pendingShown), `${slug}: the page is shown, not a loading line`);
    const preH1 = before[before.length - 1].h1;
    // The layout-shift score cannot see the swap (the app's elements are new ones), so compare
    // where things are: the last look at the pre-rendered page against the first at the app's.
    const after = samples[samples.length - 1];
    assert.ok(after.app, `${url}: the app took over while sampled`);
    assert.equal(after.boxes, before[before.length - 1].boxes, `${url}: nothing moved at the swap`);
    await ready(page);
    assert.equal(await page.locator('main h1').textContent(), preH1, `${slug}: the same heading after the app took over`);
    assert.equal(await page.evaluate(() => document.querySelectorAll('#prerendered, #scenario-pending, [hidden]#app').length), 0);
    assert.equal(await page.evaluate(() => document.querySelectorAll('main').length), 1, `${slug}: one main region`);
    if (new URL(url).search) {
      // A copied link already names the view shown: the address is left as it is.
      await page.waitForTimeout(700);
      assert.equal(page.url(), url, `${url}: address unchanged`);
    } else {
      // The address becomes the page's link from the app's folder, pinned to the figures shown.
      await page.waitForFunction(() => location.search.includes('dv='));
      const u = new URL(page.url());
      assert.equal(u.pathname, new URL(BASE).pathname, `${slug}: address from the app folder`);
      assert.equal(u.searchParams.get('page'), slug === 'overview' ? null : slug);
    }
    // Under 0.0005 is a CLS of 0 as Lighthouse reports it (three decimals). Once so far, in a
    // full run, Uncertainty showed 0.0000013 here (a sub-pixel move, cause not yet found); a
    // real shift is thousands of times that. The message names what moved.
    const { shift, shifted } = await page.evaluate(() => ({ shift: window.__shift, shifted: window.__shifted }));
    assert.ok(shift < 0.0005, `${slug}: cumulative layout shift ${shift}: ${shifted.join('; ')}`);
    assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
    await context.close();
  }
});

test('the app takes over only once the browser has shown the pre-rendered page, and waits for that until boot.js\'s deadline, 1.5 s in all', async () => {
  // Headless Chrome on a loaded machine once drew the pre-rendered page but showed no frame of it
  // until the app's, which then became the page's first and largest paint (LCP 4 s, not 1 s).
  // The browser's record of its first contentful paint is held back here, as it was there: from
  // the app only ('release': then let go; 'deadline': never), or from boot.js too ('neither'),
  // which then fetches the wasm at its deadline, after which the app waits no longer.
  // 'background': a tab opened in the background (boot.js, which sees it hidden, does not wait
  // and sets no deadline), whose paint is then held back from the app: its own 1.5 s.
  for (const held of ['release', 'deadline', 'neither', 'background']) {
    const { context, page, problems } = await open(browser, 'about:blank');
    await page.addInitScript(([fromBoot, ownWait, background]) => {
      // Hidden to the first look (boot.js's, as it starts), shown after.
      let looked = false;
      if (background) Object.defineProperty(document, 'hidden', { get: () => !looked && (looked = true) });
      // 'release' tests the app's own wait, from when it is ready: boot.js's deadline (which
      // may pass first on a busy machine, and let the app take over at its first look) is not kept.
      if (ownWait) Object.defineProperty(window, '__firstPaintBy', { get: () => undefined, set: () => {} });
      window.__letPaint = false;
      window.__asked = [];
      const real = performance.getEntriesByName.bind(performance);
      performance.getEntriesByName = (name, type) => {
        if (name !== 'first-contentful-paint') return real(name, type);
        if (document.getElementById('prerendered')) window.__asked.push(performance.now());
        return window.__letPaint ? real(name, type) : [];
      };
      if (fromBoot) {
        const byType = performance.getEntriesByType.bind(performance);
        performance.getEntriesByType = (type) => (type === 'paint' ? [] : byType(type));
      }
      window.__swappedAt = null;
      new MutationObserver(() => {
        if (window.__swappedAt === null && document.readyState !== 'loading' && !document.getElementById('prerendered')) window.__swappedAt = performance.now();
      }).observe(document, { childList: true, subtree: true });
    }, [held === 'neither', held === 'release', held === 'background']);
    await page.goto(fileUrl('high-needs'));
    // The app has its figures and asks, a frame at a time, whether the page has been shown.
    await page.waitForFunction(() => window.__asked.length >= 1, null, { timeout: 20000 });
    if (held === 'release') {
      await page.waitForFunction(() => window.__asked.length >= 3, null, { timeout: 20000 });
      assert.ok(await page.evaluate(() => !!document.getElementById('prerendered')), 'the pre-rendered page stays until it has been shown');
      const let_ = await page.evaluate(() => { window.__letPaint = true; return performance.now(); });
      await page.waitForFunction(() => window.__swappedAt !== null, null, { timeout: 5000 });
      const waited = await page.evaluate((t) => window.__swappedAt - t, let_);
      assert.ok(waited < 500, `the app took over ${Math.round(waited)} ms after the page was shown`);
    } else {
      await page.waitForFunction(() => window.__swappedAt !== null, null, { timeout: 10000 });
      const { first, at, deadline } = await page.evaluate(() => ({ first: window.__asked[0], at: window.__swappedAt, deadline: window.__firstPaintBy }));
      if (held === 'background') assert.equal(deadline, undefined, 'boot.js, in a hidden tab, set no deadline');
      if (held === 'neither') {
        assert.ok(typeof deadline === 'number', 'boot.js waited for the paint, and set its deadline');
        assert.ok(first >= deadline - 20, 'boot.js held back the wasm until its deadline');
      }
      if (typeof deadline === 'number') {
        // A frame's grace: the app checks the time in a frame, the deadline is to the millisecond.
        assert.ok(at >= deadline - 20, `without a record of the first paint, the app took over ${Math.round(deadline - at)} ms before boot.js's deadline`);
        assert.ok(at - Math.max(first, deadline) < 500, `the app took over ${Math.round(at - Math.max(first, deadline))} ms after it was ready and the deadline had passed`);
      } else {
        // boot.js had the paint on record when it ran, so set no deadline: the app's own 1.5 s.
        assert.ok(at - first >= 1400 && at - first < 4000, `without a record of the first paint, the app took over ${Math.round(at - first)} ms after it was ready (1.5 s expected)`);
      }
    }
    await ready(page);
    assert.equal(await page.evaluate(() => document.querySelectorAll('#prerendered, [hidden]#app').length), 0);
    assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
    await context.close();
  }
});

test('the wasm is fetched only once the browser has shown the pre-rendered page, and waits for that 1.5 s at most', async () => {
  // On a loaded machine the first paint came after the wasm had arrived, and Lighthouse, which
  // takes every request that ended before the paint as one it waited for, put the LCP at 4 s.
  for (const release of [true, false]) {
    const { context, page, problems } = await open(browser, 'about:blank');
    await page.addInitScript(() => {
      window.__letPaint = false;
      window.__asked = [];
      const real = performance.getEntriesByType.bind(performance);
      performance.getEntriesByType = (type) => {
        if (type !== 'paint') return real(type);
        window.__asked.push(performance.now());
        return window.__letPaint ? real(type) : [];
      };
    });
    let wasmAt = null;
    page.on('request', (r) => { if (r.url().endsWith('.wasm') && wasmAt === null) wasmAt = Date.now(); });
    await page.goto(fileUrl('high-needs'));
    await page.waitForFunction(() => window.__asked.length >= 3, null, { timeout: 10000 });
    if (release) {
      // A check and two polls in, well inside the 1.5 s limit.
      assert.equal(wasmAt, null, 'no wasm fetched before the page was shown');
      const let_ = Date.now();
      await page.evaluate(() => { window.__letPaint = true; });
      await page.waitForFunction(() => !!window.wasmBindings, null, { timeout: 15000 });
      assert.ok(wasmAt !== null && wasmAt >= let_ && wasmAt - let_ < 500, `the wasm was fetched ${wasmAt - let_} ms after the page was shown`);
    } else {
      await ready(page);
      const first = await page.evaluate(() => window.__asked[0]);
      const started = await page.evaluate(() => performance.getEntriesByType.call(performance, 'resource').find((e) => e.name.endsWith('.wasm'))?.startTime);
      assert.ok(started - first >= 1400 && started - first < 4000, `without a record of the first paint, the wasm was fetched ${Math.round(started - first)} ms after boot.js asked (1.5 s expected)`);
    }
    await ready(page);
    assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
    await context.close();
  }
});

test('on a phone, every chart is drawn narrow in type a reader can read, before and after the app takes over, without a shift', async () => {
  const { context, page, problems } = await open(browser, 'about:blank', { width: 320, height: 700 });
  await slowWasm(page, 800);
  await page.goto(fileUrl('high-needs'), { waitUntil: 'commit' });
  const samples = await sampleUntilReady(page);
  const before = samples.filter((s) => s.prerendered);
  assert.ok(before.length >= 5, 'sampled before the app started');
  assert.equal(samples[samples.length - 1].boxes, before[before.length - 1].boxes, 'nothing moved at the swap');
  await ready(page);
  // What each chart shows: which drawing, its width in the page and in its own units, and the
  // size its letters come out at on the screen.
  const look = () => page.$$eval('main figure.chart', (figs) => figs.map((f) => {
    const shown = [...f.querySelectorAll('.svg')].filter((h) => h.getClientRects().length);
    const svg = shown[0]?.querySelector('svg');
    const units = svg ? Number(svg.getAttribute('viewBox').split(' ')[2]) : 0;
    const sizes = svg ? [...svg.querySelectorAll('text')].map((t) => Number(t.getAttribute('font-size')) * svg.getBoundingClientRect().width / units) : [];
    return { id: f.dataset.chart, shown: shown.map((h) => h.className), units, smallest: Math.min(...sizes), wideDrawn: !!f.querySelector('.svg.wide svg'),
      money: svg ? [...svg.querySelectorAll('text')].map((t) => t.textContent.trim()).filter((t) => /£/.test(t)).join(' ') : '' };
  }));
  const charts = await look();
  assert.ok(charts.length >= 3, JSON.stringify(charts));
  for (const c of charts) {
    assert.deepEqual(c.shown, ['svg narrow'], `${c.id}: the narrow drawing alone is shown`);
    assert.equal(c.units, 340, `${c.id}: drawn 340 units wide`);
    // The wide drawing's letters came out at 4px here; the narrow one's at 9.5px and more.
    assert.ok(c.smallest >= 9.5, `${c.id}: its smallest letters are ${c.smallest.toFixed(1)}px`);
    assert.equal(c.wideDrawn, false, `${c.id}: the hidden wide drawing is not made`);
  }
  // Each drawing names itself: no id is given twice in the page.
  assert.deepEqual(await page.evaluate(() => { const ids = [...document.querySelectorAll('[id]')].map((e) => e.id); return ids.filter((id, i) => ids.indexOf(id) !== i); }), []);
  // A change redraws the narrow drawing (the deficit chart's axis grows with the growth rate).
  const lever = page.locator('#lever-hn-growth-mainstream');
  await lever.fill(await lever.getAttribute('max'));
  await page.waitForFunction((m) => {
    const svg = document.querySelector('figure[data-chart="hn-deficit"] .svg.narrow svg');
    return [...svg.querySelectorAll('text')].map((t) => t.textContent.trim()).filter((t) => /£/.test(t)).join(' ') !== m;
  }, charts.find((c) => c.id === 'hn-deficit').money, { timeout: 5000 });
  assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
  await context.close();
});

test('on a phone, the pages are one row that scrolls sideways, with the current page in view before and after the app takes over', async () => {
  const { context, page, problems } = await open(browser, 'about:blank', { width: 320, height: 700 });
  await slowWasm(page, 800);
  await page.goto(fileUrl('glossary'), { waitUntil: 'commit' });
  // The list's rows, its scroll, its height, and whether the current page's link is wholly in
  // the part of the list that can be seen: as painted (read in a frame, after the page's own
  // work for that frame).
  const nav = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done((() => {
    const ul = document.querySelector('header.site nav ul');
    const a = ul?.querySelector('a[aria-current="page"]');
    if (!ul || !a || !ul.getClientRects().length) return null;
    const [u, r] = [ul.getBoundingClientRect(), a.getBoundingClientRect()];
    return {
      rows: new Set([...ul.children].map((li) => Math.round(li.getBoundingClientRect().top))).size,
      scrollLeft: Math.round(ul.scrollLeft), header: Math.round(document.querySelector('header.site').getBoundingClientRect().height),
      current: a.textContent, inView: r.left >= u.left - 0.5 && r.right <= u.right + 0.5,
      prerendered: !!document.getElementById('prerendered'),
    };
  })()))));
  // The pre-rendered page, until the app takes over (the list is put in place once the parser
  // is past it: a frame or two after the header's first paint, long before the wasm).
  let before = null;
  let after = null;
  for (let i = 0; i < 400 && !after; i++) {
    const s = await nav().catch(() => null);
    if (s?.prerendered) before = s;
    else if (s && before) after = s;
    await page.waitForTimeout(20);
  }
  assert.ok(before, 'the pre-rendered page was seen');
  assert.ok(after, 'the app took over');
  await ready(page);
  for (const s of [before, after]) {
    assert.equal(s.rows, 1, `one row of pages: ${JSON.stringify(s)}`);
    assert.ok(s.header < 100, `the header is ${s.header}px tall (it was 190px in three rows)`);
    assert.equal(s.current, 'Glossary');
    assert.ok(s.inView, `the current page's link can be seen: ${JSON.stringify(s)}`);
    assert.ok(s.scrollLeft > 0, 'the list was scrolled to it');
  }
  assert.ok(Math.abs(after.scrollLeft - before.scrollLeft) <= 1, `the list did not move at the takeover: ${before.scrollLeft} then ${after.scrollLeft}`);
  // A page chosen from the list (off to the left, out of sight) is brought into view. (Clicked
  // in the page: Playwright's own click would scroll the link into view first.)
  await page.evaluate(() => [...document.querySelectorAll('header.site nav a')].find((a) => a.textContent === 'Overview').click());
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent !== 'Glossary');
  await page.waitForFunction(() => { const ul = document.querySelector('header.site nav ul'); return ul.scrollLeft === 0; });
  assert.equal((await nav()).current, 'Overview');
  assert.ok((await nav()).inView);
  assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
  await context.close();
});

test('on a phone, each page of the menu reached with Tab is scrolled clear of the faded edges', async () => {
  // A reviewer tabbed to "Compare" at 320 px: it sat at 270 to 352 px, mostly out of sight.
  for (const width of [320, 390]) {
    const { context, page, problems } = await open(browser, fileUrl('glossary'), { width, height: 700 });
    await ready(page);
    const seen = [];
    for (let i = 0; i < 16 && seen.length < 8; i++) {
      await page.keyboard.press('Tab');
      const s = await page.evaluate(() => {
        const a = document.activeElement;
        const ul = document.querySelector('header.site nav ul');
        if (!ul.contains(a)) return null;
        const [u, r] = [ul.getBoundingClientRect(), a.getBoundingClientRect()];
        const pad = parseFloat(getComputedStyle(ul).scrollPaddingLeft);
        const atStart = ul.scrollLeft <= 0.5;
        const atEnd = ul.scrollLeft >= ul.scrollWidth - ul.clientWidth - 0.5;
        return { name: a.textContent, pad, clear: (r.left >= u.left + pad - 0.5 || atStart) && (r.right <= u.right - pad + 0.5 || atEnd) && r.left >= u.left && r.right <= u.right };
      });
      if (s) seen.push(s);
    }
    assert.equal(seen.length, 8, `${width}: every page's link was reached: ${JSON.stringify(seen)}`);
    assert.ok(seen[0].pad >= 30, 'the fade is kept clear');
    for (const s of seen) assert.ok(s.clear, `${width}px: ${s.name} is under the fade or out of sight`);
    assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
    await context.close();
  }
});

test('a window narrowed (or widened) after a change shows the other drawing of the scenario as it is now', async () => {
  const { context, page, problems } = await open(browser, pageUrl('high-needs'), { width: 1280, height: 900 });
  await ready(page);
  const money = (kind) => page.$eval(`figure[data-chart="hn-deficit"] .svg.${kind} svg`, (svg) => [...svg.querySelectorAll('text')].map((t) => t.textContent.trim()).filter((t) => /£/.test(t)).join(' '));
  assert.equal(await page.locator('figure[data-chart="hn-deficit"] .svg.narrow svg').count(), 0, 'not drawn while hidden');
  const before = await money('wide');
  const lever = page.locator('#lever-hn-growth-mainstream');
  await lever.fill(await lever.getAttribute('max'));
  await page.waitForFunction((m) => [...document.querySelectorAll('figure[data-chart="hn-deficit"] .svg.wide svg text')].map((t) => t.textContent.trim()).filter((t) => /£/.test(t)).join(' ') !== m, before);
  const wide = await money('wide');
  await page.setViewportSize({ width: 320, height: 700 });
  await page.locator('figure[data-chart="hn-deficit"]').scrollIntoViewIfNeeded();
  await page.locator('figure[data-chart="hn-deficit"] .svg.narrow svg').waitFor();
  // The same axis as the wide drawing of the changed scenario, not the default's.
  assert.equal(await money('narrow'), wide);
  // And back: a change while narrow, then widened, redraws the wide one.
  await lever.fill(await lever.getAttribute('min'));
  await page.waitForFunction((m) => [...document.querySelectorAll('figure[data-chart="hn-deficit"] .svg.narrow svg text')].map((t) => t.textContent.trim()).filter((t) => /£/.test(t)).join(' ') !== m, wide);
  const narrow = await money('narrow');
  await page.setViewportSize({ width: 1280, height: 900 });
  // Brought into view, as a chart out of view is drawn when it comes into view (the page is
  // shorter when wide, so the narrow page's scroll position is past it).
  await page.locator('figure[data-chart="hn-deficit"]').scrollIntoViewIfNeeded();
  await page.waitForFunction((m) => [...document.querySelectorAll('figure[data-chart="hn-deficit"] .svg.wide svg text')].map((t) => t.textContent.trim()).filter((t) => /£/.test(t)).join(' ') === m, narrow, { timeout: 5000 });
  assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
  await context.close();
});

test('a page file served at a "pretty" address (no .html) still opens its own page', async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  const file = (await import('node:fs')).readFileSync(new URL('../../dist/capital.html', import.meta.url));
  await page.route(`${BASE}capital`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: file }));
  await page.goto(`${BASE}capital`);
  await ready(page);
  assert.match(await page.locator('main h1').textContent(), /^Capital/);
  await page.waitForFunction(() => location.search.includes('dv='));
  assert.equal(new URL(page.url()).searchParams.get('page'), 'capital');
  assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
  await context.close();
});

test('a page file opens its page in the app, and a change writes the ?page= link from the app folder', async () => {
  const { context, page, problems } = await open(browser, fileUrl('high-needs'));
  await ready(page);
  assert.match(await page.locator('main h1').textContent(), /^High needs/);
  await page.locator('#lever-hn-growth-independent-n').fill('14');
  await page.locator('#lever-hn-growth-independent-n').press('Enter');
  await page.waitForFunction(() => location.search.includes('hn.growth.independent=14'));
  const u = new URL(page.url());
  assert.equal(u.pathname, new URL(BASE).pathname, 'from the app folder');
  assert.equal(u.searchParams.get('page'), 'high-needs');
  // In the app, Back to an Overview address is the Overview, though the file was high-needs.html.
  await page.locator('header nav a', { hasText: 'Overview' }).click();
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('page'));
  await page.locator('header nav a', { hasText: 'Savings' }).click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('page') === 'savings');
  await page.goBack();
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('page'));
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent.startsWith('Where the budget stands'));
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent.startsWith('High needs'));
  // The address written reopens the scenario.
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#lever-hn-growth-independent-n').inputValue(), '14');
  assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
  await context.close();
});

test('what a reader did on the pre-rendered page carries over to the app: changed controls and keyboard focus', async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  const release = await holdWasm(page);
  await page.goto(fileUrl('high-needs'));
  await page.locator('#prerendered main h1').waitFor();
  // With scripting, prerender.js has enabled the controls (the pre-render writes them disabled);
  // one the page disables itself, a setting not in use, stays so.
  assert.equal(await page.locator('#prerendered [data-until-js]:disabled, #prerendered input[type="range"][disabled]:not(#lever-hn-unexplained-years)').count(), 0);
  assert.equal(await page.locator('#prerendered #lever-hn-unexplained-years').isDisabled(), true);
  // Before the app arrives: a slider moved (as a drag does: value, then input), a box typed in,
  // and focus left on a menu link, which has no id.
  await page.$eval('#prerendered #lever-hn-growth-independent', (el) => { el.value = '13'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  assert.equal(await page.locator('#prerendered #lever-hn-growth-independent-n').inputValue(), '13', 'the box follows its slider, as in the app');
  await page.locator('#prerendered #lever-hn-inflation-n').fill('7');
  await page.locator('#prerendered #lever-hn-inflation-n').press('Tab');
  assert.equal(await page.locator('#prerendered #lever-hn-inflation').inputValue(), '7', 'and the slider its box');
  // A number the slider cannot show is not put on it (a trial's 99% income growth had put it at
  // its end, 20%, which the app then used); the app refuses it, as it would have.
  const income = await page.locator('#prerendered #lever-hn-income').inputValue();
  const years = await page.locator('#prerendered #lever-hn-horizon').inputValue();
  await page.locator('#prerendered #lever-hn-income-n').fill('99');
  await page.locator('#prerendered #lever-hn-income-n').press('Tab');
  assert.equal(await page.locator('#prerendered #lever-hn-income').inputValue(), income);
  // A whole-number setting given a fraction: the slider shows the nearest step, but the box is
  // what the app takes, and it refuses the fraction (a trial's 7.5 years had become 8).
  await page.locator('#prerendered #lever-hn-horizon-n').fill('7.5');
  await page.locator('#prerendered #lever-hn-horizon-n').press('Tab');
  // A radio button (a policy preset: radios have no id), chosen after the default one.
  await page.locator('#prerendered input[name="hn-preset"][value="override-2028"]').check();
  const mainstream = await page.locator('#prerendered #lever-hn-growth-mainstream').inputValue();
  await page.locator('#prerendered header nav a', { hasText: 'Savings' }).focus();
  // What the reader is told meanwhile: the figures are the default view's until the app is here.
  const bar = page.locator('#prerendered #before-app');
  assert.ok(await bar.isVisible(), 'the bar is shown once a control has changed');
  assert.match(await bar.textContent(), /still loading: your change will be worked out as soon as it is ready\. Until then, the figures shown are those of the default assumptions\./);
  release();
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  await ready(page);
  assert.equal(await page.locator('#before-app').count(), 0, 'the bar went with the pre-rendered page');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('before-app-bar')), false, 'and its room at the foot of the page');
  assert.equal(await page.locator('#lever-hn-growth-independent').inputValue(), '13');
  assert.equal(await page.locator('#lever-hn-growth-independent-n').inputValue(), '13', 'the app took the value, not just the box');
  assert.equal(await page.locator('#lever-hn-inflation-n').inputValue(), '7');
  await page.waitForFunction(() => { const q = new URLSearchParams(location.search); return q.get('hn.growth.independent') === '13' && q.get('hn.inflation') === '7'; });
  assert.deepEqual(await page.evaluate(() => [document.activeElement.tagName, document.activeElement.textContent, !!document.activeElement.closest('#app')]), ['A', 'Savings', true]);
  assert.equal(await page.locator('input[name="hn-preset"]:checked').getAttribute('value'), 'override-2028');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('hn.override') === '2027-28');
  // Untouched controls stay as the pre-rendered page had them.
  assert.equal(await page.locator('#lever-hn-growth-mainstream').inputValue(), mainstream);
  // The refused entries are refused by the app: the scenario keeps its values, the link names
  // neither, and each box says why.
  assert.equal(await page.locator('#lever-hn-income').inputValue(), income);
  assert.equal(await page.locator('#lever-hn-horizon').inputValue(), years);
  const query = new URLSearchParams(new URL(page.url()).search);
  assert.equal(query.get('hn.income'), null);
  assert.equal(query.get('hn.horizon'), null);
  assert.notEqual(await page.locator('#lever-hn-income-err').innerText(), '');
  assert.notEqual(await page.locator('#lever-hn-horizon-err').innerText(), '');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a lever changed on the pre-rendered page goes with the reader to another page before the app takes over', async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  const release = await holdWasm(page);
  await page.goto(fileUrl('high-needs'));
  await page.locator('#prerendered main h1').waitFor();
  // Nothing changed yet: the menu's links are the pages' own files.
  const menu = page.locator('#prerendered header nav a', { hasText: 'Capital' });
  await menu.hover();
  assert.equal(new URL(await menu.getAttribute('href'), page.url()).search, '');
  await page.locator('#prerendered #lever-hn-income-n').fill('1');
  await page.locator('#prerendered #lever-hn-income-n').press('Tab');
  await page.locator('#prerendered #lever-hn-override').selectOption('2027-28');
  await page.locator('#prerendered input[type="radio"][name="lever-hn-unexplained"][value="grow"]').check();
  // A link within the page stays one (with a query it would load the page again).
  const skip = page.locator('#prerendered a.skip');
  await skip.focus();
  await page.keyboard.press('Enter');
  assert.equal(await skip.getAttribute('href'), '#main');
  assert.equal(new URL(page.url()).search, '', 'still this page, not loaded again');
  // A change undone is taken out of the link again.
  await page.locator('#prerendered #lever-hn-transfer-n').fill('0.3');
  await page.locator('#prerendered #lever-hn-transfer-n').press('Tab');
  await menu.dispatchEvent('pointerdown');
  assert.match(await menu.getAttribute('href'), /hn\.transfer=0\.3/);
  await page.locator('#prerendered #lever-hn-transfer-n').fill(await page.locator('#prerendered #lever-hn-transfer-n').evaluate((el) => el.defaultValue));
  await page.locator('#prerendered #lever-hn-transfer-n').press('Tab');
  await menu.dispatchEvent('pointerdown');
  assert.doesNotMatch(await menu.getAttribute('href'), /hn\.transfer/);
  await menu.click();
  await page.waitForURL(/capital\.html\?/);
  const q = new URL(page.url()).searchParams;
  assert.equal(q.get('hn.income'), '1');
  assert.equal(q.get('hn.override'), '2027-28');
  assert.equal(q.get('hn.unexplained'), 'grow');
  assert.equal(q.get('hn.growth.mainstream'), null, 'only what was changed');
  assert.ok(q.get('data') && q.get('dv') && q.get('v'), 'with the dataset and its version, as Copy link writes');
  release();
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  await ready(page);
  assert.match(await page.locator('main h1').textContent(), /^Capital/);
  await page.waitForTimeout(800);
  const after = new URL(page.url()).searchParams;
  assert.equal(after.get('hn.income'), '1', 'the app keeps the change');
  assert.equal(after.get('hn.override'), '2027-28');
  assert.equal(after.get('hn.unexplained'), 'grow');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test("before the app takes over, a deficit goal hides the goal seek's year, as the app does, and the app takes the goal", async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  const release = await holdWasm(page);
  await page.goto(fileUrl('uncertainty'));
  await page.locator('#prerendered main h1').waitFor();
  await page.waitForFunction(() => document.querySelector('#prerendered #mc-seek-goal')?.disabled === false);
  const goal = page.locator('#prerendered #mc-seek-goal');
  const year = page.locator('#prerendered #mc-seek-year');
  assert.equal(await year.isVisible(), true, 'the in-year goal has a year');
  // A trial chose a deficit goal before the app and still saw "Balanced by".
  await goal.selectOption('usable');
  assert.equal(await year.isVisible(), false);
  await goal.selectOption('in-year');
  assert.equal(await year.isVisible(), true);
  await goal.selectOption('general-fund');
  assert.equal(await year.isVisible(), false);
  // Back to the page from another: the browser puts the goal back, without a change event, and
  // the year stays hidden (a review found it shown).
  await page.goto(fileUrl('glossary'));
  await page.locator('#prerendered main h1').waitFor();
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#prerendered #mc-seek-goal')?.value === 'general-fund');
  await page.waitForFunction(() => document.querySelector('#prerendered #mc-seek-year')?.closest('[data-shown-when]')?.hidden === true);
  release();
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  await ready(page);
  assert.equal(await page.locator('#mc-seek-goal').inputValue(), 'general-fund');
  assert.equal(await page.locator('#mc-seek-year').isVisible(), false);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('before the app takes over, a result worked out for other choices says so, and its button does nothing', async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  const release = await holdWasm(page);
  await page.goto(fileUrl('uncertainty'));
  await page.waitForFunction(() => document.querySelector('#prerendered #mc-seek-var')?.disabled === false);
  const answer = page.locator('#prerendered .seek-answer');
  const note = answer.locator('[data-stale-note]');
  const apply = answer.locator('[data-apply]');
  assert.equal(await note.isVisible(), false);
  // A trial pressed Apply under another goal's answer, and the app applied an answer never seen.
  await apply.click();
  await page.locator('#prerendered #mc-seek-var').selectOption('saving');
  assert.equal(await note.isVisible(), true);
  assert.equal(await apply.isDisabled(), true);
  assert.equal(await answer.getAttribute('data-stale'), '');
  assert.doesNotMatch(await page.locator('#before-app').textContent(), /button you pressed/, 'the press is forgotten');
  // The ranking, for another year.
  const ranking = page.locator('#prerendered section[aria-labelledby="mc-tornado-part"]');
  assert.equal(await ranking.locator('[data-stale-note]').isVisible(), false);
  const last = await page.locator('#prerendered #mc-tornado-year option').last().getAttribute('value');
  await page.locator('#prerendered #mc-tornado-year').selectOption(last);
  assert.equal(await ranking.locator('[data-stale-note]').isVisible(), true);
  assert.deepEqual(await axe(page), [], 'and is still readable');
  // Back to the first choices, the answer is theirs again.
  await page.locator('#prerendered #mc-seek-var').selectOption('places');
  assert.equal(await note.isVisible(), false);
  assert.equal(await apply.isDisabled(), false);
  await page.locator('#prerendered #mc-seek-var').selectOption('saving');
  release();
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  await ready(page);
  await page.waitForFunction(() => /saving/.test(document.querySelector('.seek-answer .answer')?.textContent || ''));
  assert.equal(await page.locator('#mc-seek-var').inputValue(), 'saving');
  assert.equal(await page.locator('#mc-tornado-year').inputValue(), last);
  assert.equal(await page.locator('.seek-answer .apply-status').textContent(), '', 'nothing applied');
  assert.equal(new URL(page.url()).searchParams.get('hn.saving.amount'), null);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('Back to a pre-rendered page puts back a changed lever as a change: the bar says so and the links carry it', async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  const release = await holdWasm(page);
  await page.goto(fileUrl('high-needs'));
  await page.waitForFunction(() => document.querySelector('#prerendered #lever-hn-income-n')?.disabled === false);
  await page.locator('#prerendered #lever-hn-income-n').fill('1');
  await page.locator('#prerendered #lever-hn-income-n').press('Tab');
  await page.goto(fileUrl('glossary'));
  await page.locator('#prerendered main h1').waitFor();
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#prerendered #lever-hn-income-n')?.value === '1');
  await page.waitForFunction(() => /your change will be worked out/.test(document.getElementById('before-app')?.textContent || ''));
  const menu = page.locator('#prerendered header nav a', { hasText: 'Savings' });
  await menu.dispatchEvent('pointerdown');
  assert.equal(new URL(await menu.getAttribute('href'), page.url()).searchParams.get('hn.income'), '1');
  release();
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  await ready(page);
  await page.waitForFunction(() => new URLSearchParams(location.search).get('hn.income') === '1');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('before the app takes over, a policy preset sets its levers and goes to another page, and "fades out" enables its years', async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  const release = await holdWasm(page);
  await page.goto(fileUrl('high-needs'));
  await page.locator('#prerendered main h1').waitFor();
  const years = page.locator('#prerendered #lever-hn-unexplained-years');
  const yearsBox = page.locator('#prerendered #lever-hn-unexplained-years-n');
  assert.equal(await years.isDisabled(), true, 'not used while the part is held in real terms');
  // A trial chose "fades out" before the app and could not set the years.
  await page.locator('#prerendered input[name="lever-hn-unexplained"][value="fade"]').check();
  assert.equal(await years.isDisabled(), false);
  assert.equal(await yearsBox.isDisabled(), false);
  const idleWhy = page.locator('#prerendered #lever-hn-unexplained-years-help [data-idle-why]');
  assert.equal(await idleWhy.isVisible(), false, 'nor says it is unused');
  await yearsBox.fill('8');
  await yearsBox.press('Tab');
  await page.locator('#prerendered input[name="lever-hn-unexplained"][value="grow"]').check();
  assert.equal(await yearsBox.isDisabled(), true, 'and disabled again with another choice');
  assert.equal(await idleWhy.isVisible(), true);
  await page.locator('#prerendered input[name="lever-hn-unexplained"][value="fade"]').check();
  // A preset sets its levers on the page, as in the app: every one it sets, so dates chosen
  // before it go too.
  const override = page.locator('#prerendered #lever-hn-override');
  const share = page.locator('#prerendered #lever-hn-writeoff-share-n');
  const to = page.locator('#prerendered #lever-hn-writeoff-to');
  const defaults = [await override.inputValue(), await share.inputValue(), await to.inputValue()];
  await to.selectOption('2026-27');
  await page.locator('#prerendered input[name="hn-preset"][value="override-2028-writeoff-90"]').check();
  assert.equal(await override.inputValue(), '2027-28');
  assert.equal(await share.inputValue(), '90');
  assert.equal(await to.inputValue(), '2025-26', 'the write-off of deficit to 31 March 2026');
  assert.equal(await page.locator('#prerendered #lever-hn-writeoff-share').inputValue(), '90', 'the slider with its box');
  assert.match(await page.locator('#prerendered #lever-hn-writeoff-share').getAttribute('aria-valuetext'), /^90 /, 'and its spoken value');
  // Another preset sets back what this one changed.
  await page.locator('#prerendered input[name="hn-preset"][value="papers"]').check();
  assert.deepEqual([await override.inputValue(), await share.inputValue(), await to.inputValue()], defaults);
  // The presets follow the levers, as in the app: none is chosen while they differ from every one
  // ("Custom"), and the one they agree with is.
  const custom = page.locator('#prerendered #hn-preset-custom');
  assert.equal(await custom.isVisible(), false);
  await override.selectOption('2029-30');
  assert.equal(await page.locator('#prerendered input[name="hn-preset"]:checked').count(), 0);
  assert.equal(await custom.isVisible(), true);
  await override.selectOption('2027-28');
  assert.equal(await page.locator('#prerendered input[name="hn-preset"]:checked').getAttribute('value'), 'override-2028');
  assert.equal(await custom.isVisible(), false);
  await page.locator('#prerendered input[name="hn-preset"][value="override-2028-writeoff-90"]').check();
  // And it goes to another page with the reader (a trial's preset had been lost there).
  const menu = page.locator('#prerendered header nav a', { hasText: 'Savings' });
  await menu.click();
  await page.waitForURL(/savings\.html\?/);
  const q = new URL(page.url()).searchParams;
  assert.equal(q.get('hn.override'), '2027-28');
  assert.equal(q.get('hn.writeoff.share'), '90');
  assert.equal(q.get('hn.unexplained'), 'fade');
  assert.equal(q.get('hn.unexplained.years'), '8');
  release();
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  await ready(page);
  await page.waitForTimeout(800);
  const after = new URL(page.url()).searchParams;
  assert.deepEqual(['hn.override', 'hn.writeoff.share', 'hn.unexplained', 'hn.unexplained.years'].map((k) => after.get(k)), ['2027-28', '90', 'fade', '8'], 'the app keeps them');
  assert.equal(after.get('hn.writeoff.to'), null, 'the date chosen before the preset went with it');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a default between a slider\'s steps is not taken for a reader\'s change at the takeover', async () => {
  // A council's own 4.25% on a 0.1 slider: the browser shows the slider at 4.3, its default
  // value still 4.25. That difference was carried to the app as if the reader had moved it,
  // and the link rewritten to cap.rate=4.3. Here the pre-rendered page is given such a default.
  const { context, page, problems } = await open(browser, 'about:blank');
  await page.route('**/capital.html', async (route) => {
    const r = await route.fetch();
    const html = (await r.text())
      .replace(/(<input type="range" id="lever-cap-rate" [^>]*?)value="5"/, '$1value="4.25"')
      .replace(/(<input type="number" id="lever-cap-rate-n" [^>]*?)step="0.1"([^>]*?)value="5"/, '$1step="any"$2value="4.25"');
    assert.match(html, /id="lever-cap-rate" [^>]*value="4.25"/, 'the pre-rendered slider was given an in-between default');
    await route.fulfill({ response: r, body: html, headers: { ...r.headers(), 'content-encoding': 'identity' } });
  });
  await page.goto(fileUrl('capital'));
  assert.equal(await page.evaluate(() => document.getElementById('lever-cap-rate').value), '4.3', 'the browser shows it at the nearest step');
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  await ready(page);
  await page.waitForFunction(() => location.search.includes('dv='));
  assert.equal(new URL(page.url()).searchParams.get('cap.rate'), null, 'no change was made, so the link names no rate');
  assert.equal(await page.locator('#lever-cap-rate-n').inputValue(), '5', 'the app shows its own default');
  assert.deepEqual(problems, { console: [], foreign: [], failed: [] });
  await context.close();
});

test('a button pressed on the pre-rendered page is pressed in the app when it takes over, and a form is not sent', async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  let release;
  const held = () => new Promise((r) => { release = r; });
  let hold = held();
  await page.route('**/*.wasm', async (route) => { await hold; await route.continue(); });
  // High needs: "What would it take to balance it?" (no id: found by its name), pressed from the keyboard.
  await page.goto(fileUrl('high-needs'));
  await page.locator('#prerendered main h1').waitFor();
  await page.locator('#prerendered [data-what-it-takes]').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#prerendered #hn-questions .takes').innerText(), '', 'nothing happens before the app');
  release();
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  await page.waitForFunction(() => /saving of about £[\d.]+m a year/.test(document.querySelector('#hn-questions .takes')?.textContent || ''));

  // A slider moved and Reset pressed before the app: the app makes the change, then resets, and
  // its controls show the reset values (a trial saw the figures reset beside the moved slider).
  hold = held();
  await page.goto(fileUrl('high-needs'));
  await page.locator('#prerendered main h1').waitFor();
  const built = await page.locator('#prerendered #lever-hn-income').inputValue();
  await page.$eval('#prerendered #lever-hn-income', (el) => { el.value = '1'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.locator('#prerendered button', { hasText: 'Reset high-needs assumptions' }).click();
  assert.match(await page.locator('#before-app').textContent(), /your change will be worked out as soon as it is ready, and the button you pressed will act then\./);
  release();
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  await ready(page);
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#lever-hn-income').inputValue(), built);
  assert.equal(await page.locator('#lever-hn-income-n').inputValue(), built);
  assert.equal(new URLSearchParams(new URL(page.url()).search).get('hn.income'), null);

  // Capital: a move typed and sent before the app arrives is made by the app, and the form
  // was not sent to the server (which would have reloaded the page with its fields).
  hold = held();
  await page.goto(fileUrl('capital'));
  await page.locator('#prerendered main h1').waitFor();
  const id = 'resurfacing-herefordshire-highways';
  const form = page.locator(`#prerendered form.move-form[data-scheme="${id}"]`);
  await form.locator('select[name="from"]').selectOption('2025-26');
  await form.locator('select[name="to"]').selectOption('2026-27');
  await form.locator('input[name="amount"]').fill('100000');
  await form.locator('button[type="submit"]').click();
  await page.waitForTimeout(300);
  assert.equal(new URL(page.url()).search, '', 'the form was not sent');
  release();
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  await ready(page);
  await page.waitForURL(/cap\.move=/);
  assert.equal(await page.locator('#moves-list li').count(), 1);
  assert.equal(await page.locator(`#scheme-table tr[data-scheme="${id}"] td[data-year="2026-27"]`).innerText(), '£100,000');

  // A press long before the app arrives is dropped: the reader has moved on.
  hold = held();
  await page.goto(fileUrl('high-needs'));
  await page.locator('#prerendered [data-what-it-takes]').click();
  assert.equal(await page.locator('#before-app').textContent(), 'The explorer is still loading: the button you pressed will act as soon as it is ready.');
  await page.waitForTimeout(5500);
  // Too long ago to be pressed by the app: the bar asks for it again.
  assert.equal(await page.locator('#before-app').textContent(), 'The explorer is still loading: press the button again once it is ready.');
  release();
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  await ready(page);
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#hn-questions .takes').innerText(), '');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('if the figures cannot be loaded, the pre-rendered default view stays and says why; a link of its own shows the problem', async () => {
  const { context, page } = await open(browser, 'about:blank');
  let fail;
  const failing = new Promise((r) => { fail = r; });
  await page.route(/data\/manifest\.json$/, async (route) => { await failing; await route.fulfill({ status: 404, body: 'gone' }); });
  await page.goto(fileUrl('high-needs'));
  // A slider moved while the figures load: with none to work it out, it goes back to the value
  // the page shows the figures of, and the bar that said the change was waiting goes.
  const slider = page.locator('#prerendered #lever-hn-growth-mainstream');
  const built = await slider.inputValue();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await slider.inputValue(), built);
  assert.ok(await page.locator('#before-app').isVisible());
  fail();
  const note = page.locator('#prerendered #figures-failed');
  await note.waitFor({ timeout: 20000 });
  assert.match(await note.textContent(), /could not load its figures \(data\/manifest\.json: .+\)/);
  assert.match(await note.textContent(), /default assumptions/);
  assert.match(await page.locator('#prerendered main h1').textContent(), /^High needs/);
  assert.ok(await page.locator('#prerendered figure.chart svg').first().isVisible(), 'the page and its charts stay');
  assert.equal(await page.locator('#app').getAttribute('hidden'), '', 'the app, with nothing to show, stays hidden');
  assert.equal(await slider.inputValue(), built, 'the moved slider is back at the figures\' value');
  // The reader was using the page: told why where they are, at the foot of the screen, as well
  // as at the top.
  const bar = page.locator('#before-app');
  assert.match(await bar.textContent(), /^The explorer could not load its figures \(data\/manifest\.json: .+\), so the assumptions cannot be changed\./);
  assert.equal(await bar.evaluate((el) => getComputedStyle(el).position), 'fixed');
  // Its controls could change nothing, so they are disabled; the way forward the app offers, a
  // dataset file of one's own, is a button away.
  const controls = await page.$$eval('#prerendered main input, #prerendered main select', (els) => els.map((e) => e.disabled));
  assert.ok(controls.length > 5 && controls.every(Boolean), `every control disabled: ${controls}`);
  assert.deepEqual(await axe(page), [], 'the kept page passes axe');
  await note.getByRole('button', { name: 'Use a dataset file of your own instead' }).click();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  assert.match(await page.locator('main h1').textContent(), /No figures loaded/);
  assert.ok(await page.locator('main input[type="file"]').isEnabled(), 'the app\'s own file loader');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  // A link with its own scenario: its figures cannot be worked out, so the app says so.
  await page.goto(fileUrl('high-needs', 'hn.growth.independent=14'));
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  assert.match(await page.locator('main h1').textContent(), /No figures loaded/);
  assert.match(await page.locator('#load-issues-h').textContent(), /Could not load data\/manifest\.json/);
  // The problem is the file's as a whole: said without an empty place-in-the-file box before it.
  const issue = page.locator('ul.issues li').first();
  assert.match(await issue.textContent(), /^\S/);
  assert.equal(await issue.locator('code').count(), 0);
  // No figures, so no workbook of them is offered; the blank one is.
  assert.equal(await page.locator('#data-workbook').count(), 0);
  assert.equal(await page.locator('#blank-workbook').count(), 1);
  await context.close();
});

test('if the wasm cannot start, a link with its own scenario says so and shows the default figures as what they are', async () => {
  const { context, page } = await open(browser, 'about:blank');
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(fileUrl('high-needs', 'hn.growth.independent=14'));
  const note = page.locator('#scenario-pending');
  await note.filter({ hasText: 'could not start' }).waitFor({ timeout: 10000 });
  assert.match(await note.textContent(), /The figures below are Herefordshire Council’s published figures with the default assumptions, not this link’s\./, 'whose figures they are');
  // A missing file is said to be one: the browser is not blamed for lacking WebAssembly.
  assert.match(await note.textContent(), /files could not be downloaded/);
  assert.doesNotMatch(await note.textContent(), /does not run WebAssembly/);
  assert.ok(await page.locator('#prerendered main h1').isVisible(), 'the page is shown under the note');
  // A `?page=` link opens the folder's index.html, the Overview: the note says it is not the page asked for.
  await page.goto(`${BASE}?page=capital&cap.slip=20`);
  await note.filter({ hasText: 'could not start' }).waitFor({ timeout: 10000 });
  assert.match(await note.textContent(), /not this link’s\. This is the Overview page; the link asked for Capital\.$/);
  await page.goto(fileUrl('capital', 'cap.slip=20'));
  await note.filter({ hasText: 'could not start' }).waitFor({ timeout: 10000 });
  assert.doesNotMatch(await note.textContent(), /This is the/, 'the page asked for needs no such words');
  // Without a scenario of its own, the pre-rendered page stays, saying at its top why nothing
  // can be changed; its controls are disabled again (prerender.js had enabled them for the app;
  // now they would change nothing), and one moved while the wasm downloaded goes back to the
  // value the figures are for.
  await page.unrouteAll();
  let fail;
  const failing = new Promise((r) => { fail = r; });
  await page.route('**/*.wasm', async (route) => { await failing; await route.fulfill({ status: 404, body: 'gone' }); });
  await page.goto(fileUrl('high-needs'));
  const slider = page.locator('#prerendered #lever-hn-growth-mainstream');
  const built = await slider.inputValue();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await slider.inputValue(), built);
  // A setting enabled by a choice (the fade-out years, with "fades out") goes back with it.
  await page.locator('#prerendered input[name="lever-hn-unexplained"][value="fade"]').check();
  assert.equal(await page.locator('#prerendered #lever-hn-unexplained-years-n').isDisabled(), false);
  const bar = page.locator('#prerendered #before-app');
  assert.match(await bar.textContent(), /still loading/);
  fail();
  await page.waitForFunction(() => window.__bootError);
  assert.ok(await page.locator('#prerendered main h1').isVisible());
  assert.ok(!(await note.isVisible()));
  assert.equal(await bar.textContent(), 'The explorer could not start: its files could not be downloaded; reloading the page may help. This page shows the published figures with the default assumptions, as they were when it was built, and they cannot be changed. Your changes are kept in the page\'s address, so reloading it will try them again.');
  // The changes are in the address (a trial's were lost to the reset), and go with the menu's links.
  const kept = new URL(page.url()).searchParams;
  assert.equal(kept.get('hn.unexplained'), 'fade');
  assert.ok(kept.get('hn.growth.mainstream') && kept.get('hn.growth.mainstream') !== built, page.url());
  assert.ok(kept.get('v') && kept.get('data'), 'with the dataset, as Copy link writes');
  const capital = page.locator('#prerendered header nav a', { hasText: 'Capital' });
  await capital.dispatchEvent('pointerdown');
  assert.equal(new URL(await capital.getAttribute('href'), page.url()).searchParams.get('hn.unexplained'), 'fade');
  assert.ok(await bar.isVisible());
  // Said where the reader was using the page, at the foot of the screen; its buttons are disabled.
  assert.equal(await bar.evaluate((el) => getComputedStyle(el).position), 'fixed');
  assert.equal(await page.locator('#prerendered main button:enabled').count(), 0);
  assert.equal(await slider.inputValue(), built);
  assert.equal(await slider.getAttribute('aria-valuetext'), `${built} % a year`, 'its spoken value with it');
  assert.equal(await slider.isDisabled(), true);
  assert.equal(await page.locator('#prerendered [data-until-js]:enabled').count(), 0);
  assert.equal(await page.locator('#prerendered input[name="lever-hn-unexplained"]:checked').getAttribute('value'), 'real');
  assert.equal(await page.locator('#prerendered [data-needs]:enabled').count(), 0);
  assert.deepEqual(await axe(page), [], 'the page with its note passes axe');
  // A reader who had not used the page gets the note at its top.
  await page.goto(fileUrl('savings'));
  await page.waitForFunction(() => window.__bootError);
  assert.match(await bar.textContent(), /^The explorer could not start: its files could not be downloaded/);
  assert.equal(await bar.evaluate((el) => getComputedStyle(el).position), 'static');
  assert.ok((await bar.boundingBox()).y < 400, 'under the header');
  // A wasm cut short in download does not compile: a reload is suggested as well as a newer browser.
  await page.unrouteAll();
  await page.route('**/*.wasm', async (route) => {
    const whole = await route.fetch();
    await route.fulfill({ response: whole, body: (await whole.body()).subarray(0, 4096) });
  });
  await page.goto(fileUrl('high-needs', 'hn.growth.independent=13'));
  await note.filter({ hasText: 'could not start' }).waitFor({ timeout: 10000 });
  assert.match(await note.textContent(), /could not run its WebAssembly: if its download was cut short, reloading the page may help/);
  // The app's JavaScript missing stops boot.js no more than the wasm does (a static import that
  // failed stopped it before it ran, and the note said "loading" for ever).
  await page.unrouteAll();
  await page.route(/dsg_explorer-[0-9a-f]+\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(fileUrl('high-needs', 'hn.growth.independent=15'));
  await note.filter({ hasText: 'could not start' }).waitFor({ timeout: 10000 });
  assert.match(await note.textContent(), /files could not be downloaded/);
  assert.ok(await page.locator('#prerendered main h1').isVisible());
  await page.unrouteAll();
  await context.close();
});

test("Uncertainty's own view choices in a link set only its pre-rendered page aside, and do not go with its links", async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  const release = await holdWasm(page);
  await page.goto(fileUrl('uncertainty', 'tornado.year=2029-30&hn.income=1'));
  await page.locator('#prerendered main h1').waitFor({ state: 'attached' });
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('scenario-pending')), true, 'its own view: the default one is set aside');
  const menu = page.locator('#prerendered header nav a', { hasText: 'Sources' });
  await menu.dispatchEvent('pointerdown');
  const href = new URL(await menu.getAttribute('href'), page.url()).searchParams;
  assert.equal(href.get('hn.income'), '1', 'the scenario goes');
  assert.equal(href.get('tornado.year'), null, 'the view does not');
  // Another page given one (an older link, or one edited by hand) is still its default view.
  await page.goto(fileUrl('sources', 'tornado.year=2029-30'));
  await page.locator('#prerendered main h1').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('scenario-pending')), false);
  release();
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  assert.deepEqual(problems.console, []);
  await context.close();
});

test("while a link's own scenario loads, the pre-rendered page's links to other pages carry it", async () => {
  const { context, page, problems } = await open(browser, 'about:blank');
  let release;
  const held = new Promise((r) => { release = r; });
  await context.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(`${fileUrl('savings')}?rev.atrisk=50`);
  await page.locator('#prerendered header nav a', { hasText: 'Capital' }).waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('scenario-pending')));
  // A new tab from the menu: it opens with the link's scenario, not the default view's.
  const [tab] = await Promise.all([context.waitForEvent('page'), page.locator('#prerendered header nav a', { hasText: 'Capital' }).click({ modifiers: ['Control'] })]);
  const opened = new URL(tab.url());
  assert.match(opened.pathname, /\/capital\.html$/);
  assert.equal(opened.searchParams.get('rev.atrisk'), '50');
  await tab.close();
  // A link in the page's text keeps its own page and fragment, with the scenario for its query.
  const term = page.locator('#prerendered main a[href*="glossary.html"][href*="#"]').first();
  await term.dispatchEvent('pointerdown');
  const href = new URL(await term.getAttribute('href'), page.url());
  assert.equal(href.searchParams.get('rev.atrisk'), '50');
  assert.equal(href.searchParams.get('v'), null, "the default view's scenario is not kept");
  assert.ok(href.hash.length > 1, href.href);
  // A plain click follows it.
  await page.locator('#prerendered header nav a', { hasText: 'Compare' }).click();
  await page.waitForURL(/compare\.html\?rev\.atrisk=50$/);
  release();
  await ready(page);
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  assert.match(await page.evaluate(() => location.search), /rev\.atrisk=50/);
  assert.deepEqual(problems.console, []);
  await context.close();
});
