// A quick A/B of builds (bench/ab): time to the first chart on the Overview (N loads, a fresh
// context each) and 200 moves of the High needs mainstream-growth slider, one JSON line.
// Run from tests/e2e (for its node_modules) with BASE_URL set.
import { launch, open, pageUrl, ready } from '../tests/e2e/lib.mjs';
import { sliderMoves } from './slider.mjs';
import { watchFirstChart } from './first_chart.mjs';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]; };
const browser = await launch();
const fc = [];
const N = Number(process.env.N || 7);
for (let i = 0; i < N; i++) {
  const { context, page } = await open(browser, 'about:blank');
  const watch = await watchFirstChart(page);
  await page.goto(pageUrl(process.env.PAGE || 'overview'));
  fc.push((await watch.times).shown);
  await context.close();
}
const { context, page } = await open(browser, pageUrl('high-needs'));
await ready(page);
// As bench/browser.mjs: the first moves a reader can make, once the app is shown.
await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
const t = (await sliderMoves(page, '#lever-hn-growth-mainstream')).upd;
await context.close(); await browser.close();
console.log(JSON.stringify({ first_chart_median: +median(fc).toFixed(0), all: fc.map(x=>+x.toFixed(0)), slider_median: +median(t).toFixed(2), slider_p95: +p95(t).toFixed(2), first3: t.slice(0,3).map(x=>+x.toFixed(1)) }));
