// The walking skeleton: the release build loads, draws a chart from the shipped data, reacts to
// a control, talks only to its own origin, and every page passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, ready, axe, pageUrl, PAGES, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the first page loads with no console errors and draws the DSG position from the data', async () => {
  const { context, page, problems } = await open(browser, BASE);
  await ready(page);
  const svg = page.locator('figure.chart svg').first();
  await svg.waitFor();
  assert.match(await svg.locator('title').textContent(), /\S/);
  assert.ok(await svg.locator('rect').count() >= 3, 'bars drawn');
  const text = await page.locator('main').innerText();
  for (const figure of ['£6.1m', '£11.1m', '£17.2m', '£13.7m']) assert.ok(text.includes(figure), `shows ${figure}`);
  await page.locator('figure.chart details summary').first().click();
  const table = await page.locator('figure.chart table').first().innerText();
  assert.match(table, /£6,100,000/);
  assert.match(table, /£17,200,000/);
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('navigating changes the page and the address, and back returns', async () => {
  const { context, page, problems } = await open(browser, BASE);
  await ready(page);
  await page.locator('nav').getByRole('link', { name: 'Sources' }).click();
  await page.waitForURL(/page=sources/);
  assert.equal(await page.locator('nav a[aria-current="page"]').innerText(), 'Sources');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('nav a[aria-current="page"]')?.textContent === 'Overview');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('no request goes to any other origin, on any page', async () => {
  for (const slug of PAGES) {
    const { context, page, problems } = await open(browser, pageUrl(slug));
    await ready(page);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems.foreign, [], `foreign requests on ${slug}`);
    assert.deepEqual(problems.failed, [], `failed requests on ${slug}`);
    await context.close();
  }
});

test('every page passes an axe-core audit', async () => {
  for (const slug of PAGES) {
    const { context, page } = await open(browser, pageUrl(slug));
    await ready(page);
    assert.deepEqual(await axe(page), [], `axe violations on ${slug}`);
    await context.close();
  }
});
