// Navigation to the app's interactive chart, timed by the page's own clock (bench/browser.mjs and
// bench/ab.mjs share it). Before the page loads, a script watches the DOM: the first time a change
// leaves the app's chart in the page and the pre-rendered page gone, it posts a task, which runs
// once that frame's style, layout and paint are done (as the slider's `upd`); that task's time is
// `shown`, and the change's own time `dom`. The page reports them on the console, so nothing of
// Playwright's runs in the page while it loads. (Until 2026-12-04 this polled from Playwright once
// a frame and then read the clock in one more round trip: that added up to a frame, two round
// trips and Playwright's own script, injected into the page while the app was starting.)
const TAG = 'dsg-bench-first-chart ';

/** Call before `page.goto`; `times` then resolves to `{ dom, shown }`, in ms from navigation. */
export async function watchFirstChart(page) {
  await page.addInitScript((tag) => {
    const done = () => !document.getElementById('prerendered') && document.querySelector('main figure.chart svg rect');
    const watch = new MutationObserver(() => {
      if (!done()) return;
      watch.disconnect();
      const dom = performance.now();
      setTimeout(() => console.debug(tag + JSON.stringify({ dom, shown: performance.now() })), 0);
    });
    watch.observe(document, { childList: true, subtree: true });
  }, TAG);
  const times = page.waitForEvent('console', { predicate: (m) => m.text().startsWith(TAG), timeout: 20000 })
    .then((m) => JSON.parse(m.text().slice(TAG.length)));
  times.catch(() => {}); // awaited by the caller after goto; a timeout is reported there
  return { times };
}
