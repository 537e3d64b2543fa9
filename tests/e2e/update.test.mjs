// A newer build deployed under an open page: the page notices (on focus, visibility, coming online,
// every 30 minutes), says so in a status region, and its Reload button opens the same address on
// the new build, past the service worker, with a pinned dataset version's figures unchanged.
// The "deployment" is a copy of dist/ whose build id is changed, as a new build changes it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, ready, axe, openTables } from './lib.mjs';
import { REPO, serve } from './serve_lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const NEW_ID = 'feedfacecafe';

/** A copy of dist/ to deploy over; returns its folder and build id. */
function site() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'update-'));
  fs.cpSync(path.join(REPO, 'dist'), dir, { recursive: true });
  const id = JSON.parse(fs.readFileSync(path.join(dir, 'version.json'))).build;
  return { dir, id };
}

/** Deploys "a new build": the page, the service worker and version.json carry a new id. */
function deployNewBuild(dir, oldId) {
  for (const f of ['index.html', 'sw.js', 'version.json']) {
    const p = path.join(dir, f);
    const text = fs.readFileSync(p, 'utf8');
    assert.ok(text.includes(oldId), `${f} carries the build id`);
    fs.writeFileSync(p, text.replaceAll(oldId, NEW_ID));
    // Their pre-compressed copies are of the old build: a deployment replaces them (here: removes).
    for (const s of ['.br', '.gz']) fs.rmSync(p + s, { force: true });
  }
}

const buildOf = (page) => page.locator('meta[name="dsg-explorer-build"]').getAttribute('content');
const notice = (page) => page.locator('#update-notice');
const deficitRows = async (page) => {
  const fig = page.locator('figure[data-chart="hn-deficit"]');
  await openTables(fig);
  return fig.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
};

test('a newer build is announced, and Reload opens the same scenario on it with the same pinned figures', async () => {
  const { dir, id } = site();
  const server = await serve(dir);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const url = server.base + '?page=high-needs&data=herefordshire&dv=2024-25-q2.1&hn.growth.independent=14';
    await page.goto(url);
    await ready(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
    assert.equal(await buildOf(page), id);
    const before = await deficitRows(page);
    assert.ok(before.length > 2, 'the pinned figures are drawn');
    assert.equal(await notice(page).getAttribute('role'), 'status', 'an accessible status region, there before anything appears in it');

    // Coming back online checks, and the same build is not announced.
    let asked = page.waitForRequest((r) => r.url().endsWith('/version.json'));
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await asked;
    await page.waitForTimeout(300);
    assert.equal((await notice(page).innerText()).trim(), '', 'no notice while the build is current');

    deployNewBuild(dir, id);
    // The reader comes back to the tab.
    asked = page.waitForRequest((r) => r.url().endsWith('/version.json'));
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await asked;
    await page.getByRole('status').filter({ hasText: 'A new version of the explorer is available' }).waitFor({ timeout: 5000 });
    assert.deepEqual(await axe(page), [], 'axe-clean with the notice shown');
    assert.deepEqual(await deficitRows(page), before, 'nothing changes until the reader reloads');

    const address = await page.evaluate(() => location.href);
    assert.match(address, /dv=2024-25-q2\.1/);
    await Promise.all([page.waitForEvent('load'), notice(page).getByRole('button', { name: 'Reload' }).click()]);
    await ready(page);
    assert.equal(await page.evaluate(() => location.href), address, 'the same address');
    assert.equal(await buildOf(page), NEW_ID, 'the new build\'s page, not the service worker\'s or the HTTP cache\'s copy');
    assert.equal((await notice(page).innerText()).trim(), '', 'no notice on the new build');
    assert.equal(await page.locator('#lever-hn-growth-independent').inputValue(), '14', 'the scenario is kept');
    assert.deepEqual(await deficitRows(page), before, 'the pinned dataset version gives the same figures');
    // The new build's service worker takes over and drops the old build's cache.
    await page.waitForFunction(async (want) => {
      const keys = (await caches.keys()).filter((k) => k.startsWith('dsg-explorer-'));
      return keys.length === 1 && keys[0] === want;
    }, `dsg-explorer-${NEW_ID}`, { timeout: 20000 });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an open page checks every 30 minutes without being touched, and not before', async () => {
  const { dir, id } = site();
  const server = await serve(dir);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(server.base + '?page=overview');
    await ready(page);
    deployNewBuild(dir, id);
    await page.clock.runFor('29:00');
    await page.waitForTimeout(500);
    assert.equal((await notice(page).innerText()).trim(), '', 'not yet');
    await page.clock.runFor('01:01');
    await notice(page).getByText('A new version of the explorer is available').waitFor({ timeout: 5000 });
  } finally {
    await context.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
