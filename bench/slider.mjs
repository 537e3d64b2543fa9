// The slider measurement bench/browser.mjs and bench/ab.mjs share: 200 moves of one slider, each
// made inside an animation-frame callback. `upd` is input event to the next task (the app's
// reaction, then that frame's style, layout and paint); `out` adds the wait for the next frame.
export async function sliderMoves(page, selector) {
  return page.evaluate(async (sel) => {
    const el = document.querySelector(sel);
    const min = Number(el.min), max = Number(el.max), step = Number(el.step) || 1;
    const out = [], upd = [];
    for (let i = 0; i < 200; i++) {
      const v = min + ((i * 7) % Math.max(1, Math.round((max - min) / step))) * step;
      const t0 = performance.now();
      el.value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
      upd.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(r));
      out.push(performance.now() - t0);
    }
    return { out, upd };
  }, selector);
}
