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

test('a link pinned to the first release reopens its numbers and offers the latest with one click', async () => {
  const { context, page, problems } = await open(browser, pageUrl('high-needs', 'v=1&data=herefordshire&dv=2024-25-q2.1&hn.transfer=0.5'));
  await ready(page);
  const fig = page.locator('figure[data-chart="hn-deficit"]');
  await fig.locator('details summary').click();
  await fig.locator('tbody tr').first().waitFor();
  assert.match(await fig.locator('tbody tr').first().innerText(), /£13,700,000/, 'the quarter 2 start it was made with');
  const offer = page.locator('#newer-figures');
  assert.match(await offer.innerText(), /version 2024-25-q2\.1/);
  assert.deepEqual(await axe(page), []);
  await offer.getByRole('button', { name: 'Open with the latest figures' }).click();
  await page.waitForURL((u) => !u.search.includes('dv=2024-25-q2.1') && u.search.includes('hn.transfer=0.5'));
  await ready(page);
  await page.waitForFunction(() => document.querySelector('footer.site')?.textContent.includes('2024-25-mar25.1'));
  const fig2 = page.locator('figure[data-chart="hn-deficit"]');
  await fig2.locator('details summary').click();
  await fig2.locator('tbody tr').first().waitFor();
  assert.match(await fig2.locator('tbody tr').first().innerText(), /£17,200,000/);
  assert.equal(await page.locator('#newer-figures').count(), 0);
  assert.equal(await page.locator('#lever-hn-transfer-n').inputValue(), '0.5', 'the other levers are kept');
  assert.deepEqual(problems.console, []);
  await context.close();
});
