// Shared set-up for browser tests: Debian's Chromium through playwright-core, a fresh profile
// per run, and a guard that fails a test on console errors or requests to any other origin.
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';

export const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080/budget/';
export const ORIGIN = new URL(BASE).origin;
export const ARTIFACTS = path.resolve(process.env.ARTIFACTS || 'artifacts');
export const PAGES = ['overview', 'high-needs', 'uncertainty', 'savings', 'capital', 'compare', 'sources', 'glossary'];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new context and page that record console errors and foreign requests (every request the
 * browser starts, so with `contextOptions: { bypassCSP: true }` also those the CSP would stop). */
export async function open(browser, url = BASE, { width = 1280, height = 900, contextOptions = {} } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, ...contextOptions });
  const page = await context.newPage();
  const problems = { console: [], foreign: [], failed: [] };
  page.on('console', (m) => { if (m.type() === 'error') problems.console.push(m.text()); });
  page.on('pageerror', (e) => problems.console.push(String(e)));
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== ORIGIN) problems.foreign.push(u);
  });
  page.on('requestfailed', (r) => problems.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  await page.goto(url);
  return { context, page, problems };
}

export function pageUrl(slug, query = '') {
  const q = new URLSearchParams(query);
  if (slug && slug !== 'overview') q.set('page', slug);
  const s = q.toString();
  return BASE + (s ? `?${s}` : '');
}

/** Waits for the app to have loaded its data and drawn the page. */
export async function ready(page) {
  await page.waitForSelector('main h1', { timeout: 20000 });
  await page.waitForFunction(() => !document.querySelector('.loading'), null, { timeout: 20000 });
}

export async function axe(page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  // axe puts text of the same colour as its background under "needs review", not violations
  // (it may be hidden on purpose): here it was the Glossary's and Sources' jump links, white on
  // white, so it counts as a violation.
  const unseen = r.incomplete.filter((v) => v.id === 'color-contrast')
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => [...n.any, ...n.all, ...n.none].some((c) => /1:1 contrast ratio/.test(c.message || ''))) }))
    .filter((v) => v.nodes.length);
  return [...r.violations, ...unseen].map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`);
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Opens the closed data tables under `scope` (tables are drawn when opened, as a reader does). */
export async function openTables(scope) {
  // One at a time, the first still closed: opening one takes it out of the list.
  const closed = scope.locator('details.data:not([open]) > summary');
  for (let n = await closed.count(); n > 0; n--) await closed.first().click();
  // The table is drawn on the `toggle` event, which the browser fires in a later task than the
  // click: wait for every open table's rows, or a reader of `tbody tr` races the drawing.
  for (const d of await scope.locator('details.data').all()) await d.locator('table tbody tr').first().waitFor();
}
