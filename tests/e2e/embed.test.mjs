// ?embed=1: one chart for an iframe on another site (issue 18).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, ready, axe, pageUrl, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const tableRows = (fig) => fig.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));

test('an embed shows one chart with its table and a link to the full scenario, and no navigation', async () => {
  const { context, page, problems } = await open(browser, pageUrl('high-needs', 'embed=1&hn.transfer=0.5'));
  await page.locator('figure[data-chart="hn-deficit"] svg').waitFor();
  assert.equal(await page.locator('nav').count(), 0, 'no navigation');
  assert.equal(await page.locator('.share-bar').count(), 0, 'no share bar');
  assert.equal(await page.locator('figure.chart').count(), 1, 'one chart');
  assert.match(await page.locator('h1').innerText(), /DSG high-needs deficit/);
  assert.equal(await page.locator('section[aria-labelledby="link-notices-h"]').count(), 0, 'embed is a known parameter');
  const fig = page.locator('figure[data-chart="hn-deficit"]');
  await fig.locator('details summary').click();
  await fig.locator('tbody tr').first().waitFor();
  const rows = await tableRows(fig);
  // It says whose assumptions these are: not the council's published defaults.
  assert.match(await page.locator('.embed-assumptions').innerText(), /^Assumptions changed from the published defaults: Transfer from the schools block: 0\.5% \(default 0%\)\.$/);
  assert.deepEqual(await axe(page), []);

  // The address the app writes keeps embed=1, so a reload (or the frame's host page going Back
  // to it) is still the embed, and a server that allows framing only for embeds still does.
  await page.waitForFunction(() => new URLSearchParams(location.search).get('v') === '2');
  assert.equal(new URL(page.url()).searchParams.get('embed'), '1');
  assert.equal(new URL(page.url()).searchParams.get('hn.transfer'), '0.5');
  await page.reload();
  await page.locator('figure[data-chart="hn-deficit"] svg').waitFor();
  assert.equal(await page.locator('nav').count(), 0, 'still the embed after a reload');

  // The link opens the same scenario in the full app.
  const href = await page.locator('.embed-link a').getAttribute('href');
  assert.ok(!href.includes('embed='), href);
  assert.match(href, /hn\.transfer=0\.5/);
  const full = await open(browser, href);
  await ready(full.page);
  assert.ok(await full.page.locator('nav').count() > 0);
  const f2 = full.page.locator('figure[data-chart="hn-deficit"]');
  await f2.locator('details summary').click();
  await f2.locator('tbody tr').first().waitFor();
  assert.deepEqual(await tableRows(f2), rows, 'the same numbers');
  // The full app offers the iframe snippet for its scenario.
  await full.page.locator('.embed-snippet summary').click();
  assert.match(await full.page.locator('#embed-code').inputValue(), /^<iframe src="[^"]*hn\.transfer=0\.5&amp;embed=1"/);
  await full.context.close();
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('an embed fits 320px, tells its host page its height, and the pasted snippet sizes the frame to it', async () => {
  // What a web team pastes: the share bar's snippet, the frame and its script.
  const app = await open(browser, pageUrl('high-needs'), { width: 320, height: 700 });
  await ready(app.page);
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE).origin });
  await app.page.locator('.embed-snippet summary').click();
  const snippet = await app.page.locator('#embed-code').inputValue();
  // "Copy the code" copies it, or, where the clipboard cannot be used, selects it all.
  await app.page.locator('#copy-embed').click();
  const said = app.page.locator('.embed-snippet [role="status"]');
  await said.filter({ hasText: /Code copied|Could not copy/ }).waitFor();
  if ((await said.innerText()).includes('Code copied')) {
    assert.equal(await app.page.evaluate(() => navigator.clipboard.readText()), snippet);
  } else {
    assert.deepEqual(await app.page.evaluate(() => { const t = document.activeElement; return [t.id, t.selectionEnd - t.selectionStart]; }), ['embed-code', snippet.length]);
  }
  await app.context.close();
  assert.match(snippet, /<\/iframe>\n<script>/);
  // The host page is on the same server (Chromium refuses a frame from 127.0.0.1 in about:blank).
  const { context, page, problems } = await open(browser, new URL('data/manifest.json', BASE).href, { width: 320, height: 700 });
  await page.waitForTimeout(500);
  problems.console.length = 0; // the JSON page's own favicon request is not the embed's
  await page.setContent(`<!doctype html><title>Host</title><link rel="icon" href="data:,"><script>window.heights=[];addEventListener('message',(e)=>{if(e.data&&e.data.type==='dsg-explorer:height')heights.push(e.data.height)})</script>${snippet}`);
  await page.waitForFunction(() => window.heights.length > 0 && window.heights[window.heights.length - 1] > 300, null, { timeout: 20000 });
  const frame = page.frames().find((f) => f.url().includes('embed=1'));
  await frame.locator('figure[data-chart="hn-deficit"] svg').waitFor();
  assert.equal(await frame.locator('.embed-assumptions').innerText(), 'The published figures, with every assumption at its published default.');
  const { sw, cw } = await frame.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
  assert.ok(sw <= cw, `no sideways scroll in the frame: ${sw} > ${cw}`);
  const h = await page.evaluate(() => window.heights[window.heights.length - 1]);
  const real = await frame.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(Math.abs(h - real) <= 2, `posted ${h}, page ${real}`);
  // The snippet's script has set the frame to that height (620px as pasted).
  await page.waitForFunction(() => document.querySelector('iframe').style.height === `${window.heights[window.heights.length - 1]}px`);
  assert.deepEqual(problems.console, []);
  await context.close();
});
