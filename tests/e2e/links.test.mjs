// Links that name data: unknown ids, missing files and other sites never leave the user stuck.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, ready, axe, pageUrl } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an unknown dataset id falls back to the default figures with a notice naming "data"', async () => {
  const { context, page, problems } = await open(browser, pageUrl('overview', 'data=nowhere&dv=3'));
  await ready(page);
  const notice = page.locator('section[aria-labelledby="link-notices-h"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /data\s+no dataset "nowhere"/);
  assert.match(await page.locator('main').innerText(), /£13\.7m/);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a src naming another site is refused and the shipped figures are used', async () => {
  const { context, page, problems } = await open(browser, pageUrl('overview', 'src=https://example.org/x.json'));
  await ready(page);
  assert.match(await page.locator('section[aria-labelledby="link-notices-h"]').innerText(), /src\s+"https:\/\/example\.org\/x\.json" is not a path on this site/);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('a src naming a missing file explains the failure and offers to load a file', async () => {
  const { context, page } = await open(browser, pageUrl('overview', 'src=data/missing.json'));
  await page.locator('#load-issues-h').waitFor();
  assert.match(await page.locator('#load-issues-h').innerText(), /data\/missing\.json/);
  assert.match(await page.locator('main h1').innerText(), /No figures loaded/);
  assert.equal(await page.locator('#data-file').count(), 1);
  assert.deepEqual(await axe(page), []);
  await context.close();
});
