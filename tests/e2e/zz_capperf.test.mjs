import { test, before, after } from 'node:test';
import { launch, open, ready, pageUrl } from './lib.mjs';
import fs from 'node:fs';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });
test('capital 1000 x 60 timing', async () => {
  const data = JSON.parse(fs.readFileSync(new URL('../../public/data/herefordshire-2024-25-mar25.json', import.meta.url)));
  const template = data.capital.schemes[1];
  const N = Number(process.env.N || 1000), Y = 60;
  data.capital.schemes = Array.from({ length: N }, (_, i) => {
    const profile = Object.fromEntries(Array.from({ length: Y }, (_, y) => [`${2024 + y}-${String((25 + y) % 100).padStart(2, '0')}`, '100000']));
    return { ...template, id: `scheme-${i}`, name: `Scheme number ${i}`, total: { ...template.total, value: String(100000 * Y) }, profile };
  });
  const { context, page } = await open(browser, 'about:blank');
  await page.route(/data\/many-schemes\.json$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(data) }));
  let t0 = Date.now();
  await page.goto(pageUrl('capital', 'src=data/many-schemes.json'), { timeout: 120000 });
  await ready(page);
  await page.waitForSelector('#scheme-table', { timeout: 120000 });
  console.log('open ms', Date.now() - t0);
  for (const [lever, value] of [['cap-slip', '10'], ['cap-rate', '8'], ['cap-slip', '20']]) {
    const sel = `#lever-${lever}-n`;
    if (!(await page.locator(sel).count())) { console.log('no', sel); continue; }
    const t = await page.evaluate(async ([sel, value]) => {
      const el = document.querySelector(sel);
      const t0 = performance.now();
      el.value = value; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    }, [sel, value]);
    console.log(lever, value, 'ms', t.toFixed(0));
  }
  await context.close();
});
