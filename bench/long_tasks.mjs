// Run from tests/e2e (for its node_modules) by bench/run: the main thread's long tasks while each
// pre-rendered page loads and the app takes over, in headless Chromium at Lighthouse's mobile CPU
// slowdown (4x). Lighthouse's performance score here moves mostly with its Total Blocking Time
// (84-98 for TBT 620-154 ms on 2026-12-07), which sums each long task's time over 50 ms after the
// first contentful paint; this reports the same sum, observed rather than simulated, as
// `blocking_ms`, so a change to the start-up can be judged without Lighthouse's run-to-run spread.
// Writes its JSON to stdout (bench/run keeps it in bench/results/long-tasks.json).
import os from 'node:os';
import { launch, open, BASE } from '../tests/e2e/lib.mjs';

const pages = (process.env.PAGES || 'overview,high-needs,uncertainty,savings,capital,compare,sources,glossary').split(',');
const runs = Number(process.env.RUNS || 3);
const loadBefore = os.loadavg().map((x) => +x.toFixed(2));
const browser = await launch();
const out = Object.fromEntries(pages.map((p) => [p, []]));
// Interleaved (each round visits every page once), so a busy minute does not fall on one page.
for (let r = 0; r < runs; r++) {
  for (const p of pages) {
    const { context, page } = await open(browser, 'about:blank', { width: 412, height: 823 });
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(BASE + (p === 'overview' ? '' : `${p}.html`));
    await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 60000 });
    // The takeover's last work (focus, the first catch-up of charts out of view) comes after it.
    await page.waitForTimeout(1000);
    out[p].push(await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
      const after = window.__longTasks.filter(([start]) => start >= fcp);
      return { blocking_ms: Math.round(after.reduce((a, [, d]) => a + Math.max(0, d - 50), 0)), tasks_ms: after.map(([, d]) => Math.round(d)).join(' ') };
    }));
    await context.close();
  }
}
await browser.close();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const result = {
  what: 'long tasks after first contentful paint until 1 s after the takeover, 4x CPU slowdown, 412x823; blocking_ms = sum of (task - 50 ms); tasks_ms = each long task, in order',
  runs,
  pages: Object.fromEntries(pages.map((p) => [p, { blocking_ms_median: median(out[p].map((x) => x.blocking_ms)), runs: out[p] }])),
  machine: { cores: os.cpus().length, load_average_1_5_15_before: loadBefore, load_average_1_5_15_after: os.loadavg().map((x) => +x.toFixed(2)) },
};
console.log(JSON.stringify(result, null, 1));
