// Everyone can use it: every page at 320px and 1280px without horizontal scrolling and without
// axe violations (screenshots saved as artefacts); a keyboard-only walk-through; a strict CSP;
// a clear message without JavaScript; working offline once loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, ready, axe, pageUrl, screenshot, PAGES, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const width of [320, 1280]) {
  test(`every page at ${width}px: no horizontal overflow, no axe violations`, async () => {
    for (const slug of PAGES) {
      const { context, page, problems } = await open(browser, pageUrl(slug), { width, height: 800 });
      await ready(page);
      const { sw, cw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
      assert.ok(sw <= cw, `${slug} at ${width}px scrolls sideways: ${sw} > ${cw}`);
      assert.deepEqual(await axe(page), [], `axe on ${slug} at ${width}px`);
      // On a phone every control is a 44px target (links in running text aside; a radio's or a
      // checkbox's whole label is its target).
      if (width === 320) {
        const small = await page.$$eval('header a, main button, main summary, main select, main a.button, main input:not([type=radio]):not([type=checkbox])', (els) => els
          .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
          .map((e) => `${e.id || e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 30)}" ${Math.round(e.getBoundingClientRect().height)}px`)
          .filter((x) => Number(x.split(' ').pop().replace('px', '')) < 44));
        assert.deepEqual(small, [], `${slug}: controls under 44px tall`);
        // A closed select shows its choice on one line: cut, it read "£17.2m, March 2025
        // forecas". Its text, as the browser measures it, fits inside the box and its arrow.
        const cut = await page.$$eval('main select', (els) => els
          .filter((e) => e.getClientRects().length && e.selectedIndex >= 0)
          .map((e) => {
            const cs = getComputedStyle(e);
            const c = document.createElement('canvas').getContext('2d');
            c.font = `${cs.fontSize} ${cs.fontFamily}`;
            const room = e.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 16;
            return [e.id, e.options[e.selectedIndex].text, Math.round(c.measureText(e.options[e.selectedIndex].text).width), Math.round(room)];
          })
          .filter(([, , text, room]) => text > room));
        assert.deepEqual(cut, [], `${slug}: selects whose choice is cut`);
      }
      // The way past the levers is for a narrow screen, where they come before the charts.
      if (width >= 1280) assert.equal(await page.locator('a.to-results:visible').count(), 0, `${slug}: no skip link beside the charts`);
      await screenshot(page, `${slug}-${width}`);
      assert.deepEqual(problems.console, [], `console errors on ${slug}`);
      await context.close();
    }
  });
}

test('every page at 320px with text at 200%: no horizontal overflow', async () => {
  // WCAG 1.4.4: a reviewer's headline cards (a 14rem column), sliders (9rem), selects (7.5rem)
  // and Capital's move forms were wider than a 320px phone at 200% text.
  for (const slug of PAGES) {
    const { context, page } = await open(browser, pageUrl(slug), { width: 320, height: 800 });
    await ready(page);
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    const wide = await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => {
      const w = document.documentElement.clientWidth;
      done({ sw: document.documentElement.scrollWidth, w, what: [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > w + 0.5 && !e.closest('.table-wrap, svg')).slice(0, 3).map((e) => e.id || e.className || e.tagName) });
    })));
    assert.ok(wide.sw <= wide.w, `${slug} at 200% text scrolls sideways: ${JSON.stringify(wide)}`);
    await context.close();
  }
});

test('on a phone, tables read: words wrap at the left, Compare stacks each row under the scenarios\' names, and every link can be seen', async () => {
  const { context, page, problems } = await open(browser, pageUrl('overview'), { width: 390, height: 800 });
  await ready(page);
  // The deficit table's column of sources: set left and wrapped, so a row is readable, where it
  // was one right-aligned line two screens wide.
  const figure = await page.evaluate(() => {
    const t = [...document.querySelectorAll('main table')].find((x) => [...x.querySelectorAll('thead th')].some((h) => h.textContent === 'Figure'));
    const col = [...t.querySelectorAll('thead th')].findIndex((h) => h.textContent === 'Figure');
    const cell = [...t.querySelectorAll('tbody tr')].map((r) => r.children[col]).find((c) => c.textContent.length > 30);
    const s = getComputedStyle(cell);
    return { align: s.textAlign, wrap: s.whiteSpace, width: cell.getBoundingClientRect().width, lines: Math.round(cell.getBoundingClientRect().height / parseFloat(s.lineHeight || '20')) };
  });
  assert.equal(figure.align, 'left');
  assert.equal(figure.wrap, 'normal');
  assert.ok(figure.width < 390, `the column fits the screen: ${figure.width}px`);
  // Every table's caption wraps within its scrolling box, where it was as wide as the table and
  // cut mid-sentence ("The deficit at each 31 March, and what car…"), and stays there as it scrolls.
  await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => { d.open = true; }));
  const captions = () => page.$$eval('main .table-wrap', (ws) => ws.filter((w) => w.getClientRects().length).map((w) => {
    const [c, b] = [w.querySelector('caption').getBoundingClientRect(), w.getBoundingClientRect()];
    return { text: w.querySelector('caption').textContent.slice(0, 40), inside: c.left >= b.left - 1 && c.right <= b.left + w.clientWidth + 1, scrolls: w.scrollWidth > w.clientWidth };
  }));
  const before = await captions();
  assert.ok(before.filter((c) => c.scrolls).length >= 2, JSON.stringify(before));
  assert.deepEqual(before.filter((c) => !c.inside), [], 'captions cut at the box\'s edge');
  await page.$$eval('main .table-wrap', (ws) => ws.forEach((w) => { w.scrollLeft = w.scrollWidth; }));
  assert.deepEqual((await captions()).filter((c) => !c.inside), [], 'captions scrolled out of view');
  // Each row's heading (the year) stays at the box's left edge as its figures scroll past it:
  // the tables are to the penny, several screens wide on a phone, and the year went out of view.
  const heads = await page.$$eval('main .table-wrap:not(.stack)', (ws) => ws.filter((w) => w.getClientRects().length && w.scrollWidth > w.clientWidth).map((w) => {
    const [th, col] = [w.querySelector('tbody th[scope="row"]'), w.querySelector('thead th')];
    const left = w.getBoundingClientRect().left;
    return th && { text: th.textContent.slice(0, 30), scrolled: w.scrollLeft, row: Math.round(th.getBoundingClientRect().left - left), head: Math.round(col.getBoundingClientRect().left - left) };
  }).filter(Boolean));
  assert.ok(heads.length >= 2 && heads.every((h) => h.scrolled > 0), JSON.stringify(heads));
  assert.deepEqual(heads.filter((h) => Math.abs(h.row) > 1 || Math.abs(h.head) > 1), [], 'row headings scrolled out of view');
  // Compare: each key figure is a block, its figures under the scenarios' names, none off the screen.
  await page.goto(pageUrl('compare'));
  await ready(page);
  const rows = await page.$$eval('.key-figures tbody tr', (trs) => trs.map((tr) => ({
    display: getComputedStyle(tr).display,
    right: Math.max(...[...tr.children].map((c) => c.getBoundingClientRect().right)),
    labels: [...tr.querySelectorAll('td')].map((td) => getComputedStyle(td, '::before').content),
    // Each name with no text for a screen reader (`/ ""`): it reads the column header already.
    heads: [...tr.closest('table').querySelectorAll('thead th')].slice(1).map((h) => `${JSON.stringify(h.textContent)} / ""`),
    roles: [tr.getAttribute('role'), tr.querySelector('td')?.getAttribute('role'), tr.querySelector('th')?.getAttribute('role')],
  })));
  assert.ok(rows.length >= 5, `${rows.length} key figures`);
  for (const r of rows) {
    assert.equal(r.display, 'grid');
    assert.ok(r.right <= 390, `a figure off the screen at ${r.right}px`);
    assert.deepEqual(r.labels, r.heads, 'each figure is under its column\'s name');
    assert.deepEqual(r.roles, ['row', 'cell', 'rowheader'], 'still a table to a screen reader');
  }
  // A lever's unit stays beside its number box, not alone on a line under the slider.
  await page.goto(pageUrl('high-needs'));
  await ready(page);
  const apart = await page.$$eval('.lever .row', (rows) => rows.filter((r) => r.querySelector('input[type=number]')).map((r) => {
    const box = r.querySelector('input[type=number]').getBoundingClientRect();
    const unit = r.querySelector('.unit').getBoundingClientRect();
    return { id: r.querySelector('input[type=number]').id, gap: Math.abs((unit.top + unit.bottom) / 2 - (box.top + box.bottom) / 2) };
  }).filter((x) => x.gap > 4));
  assert.deepEqual(apart, [], 'units on a line of their own');
  // Past the levers (many screens of them) to the charts in one step, by touch or keyboard.
  const skip = page.locator('a.to-results');
  assert.equal(await skip.count(), 1);
  await skip.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'hn-results');
  const top = await page.$eval('#hn-results figure.chart', (f) => f.getBoundingClientRect().top);
  assert.ok(top > -1 && top < 200, `the first chart is at the top of the screen (to within a pixel's rounding): ${top}px`);
  // The base year's reconciliation stacks each row, its amounts on the screen (a trial at 320 px
  // found the Amount column off-screen and row names wrapped to seven lines).
  await page.waitForSelector('#hn-reconcile .table-wrap.stack tbody tr');
  const recon = await page.$$eval('#hn-reconcile .table-wrap.stack tbody tr', (trs) => trs.map((tr) => ({ display: getComputedStyle(tr).display, right: Math.max(...[...tr.children].map((c) => c.getBoundingClientRect().right)), role: tr.getAttribute('role') })));
  assert.ok(recon.length >= 5, `${recon.length} rows`);
  assert.deepEqual(recon.filter((r) => r.display !== 'grid' || r.right > 390 || r.role !== 'row'), [], 'rows not stacked, or off the screen');
  // A total's empty Count and Average cost show no column name over nothing and take no space,
  // and are still cells to a screen reader, so the Amount is read under its own header.
  const totals = await page.$$eval('#hn-reconcile .table-wrap.stack tbody tr', (trs) => trs.filter((tr) => [...tr.querySelectorAll('td')].some((td) => td.textContent === '')).map((tr) => ({
    shown: [...tr.querySelectorAll('td')].filter((td) => td.textContent === '' && td.getClientRects().length).length,
    label: [...tr.querySelectorAll('td')].filter((td) => td.textContent === '').map((td) => getComputedStyle(td, '::before').content).find((c) => c !== 'none') || null,
  })));
  assert.ok(totals.length >= 3, `${totals.length} total rows`);
  assert.deepEqual(totals.filter((t) => t.shown || t.label), [], 'empty cells with a name shown over them');
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const node = new Map(nodes.map((n) => [n.nodeId, n]));
  const cells = nodes.filter((n) => n.role?.value === 'row').map((r) => (r.childIds || []).map((id) => node.get(id)).filter(Boolean))
    .find((kids) => kids.some((k) => k.role?.value === 'rowheader' && /^Placements:/.test(k.name?.value || '')));
  assert.deepEqual(cells?.map((k) => k.role?.value), ['rowheader', 'cell', 'cell', 'cell'], 'a total row keeps its empty cells for a screen reader');
  // The Glossary's and Sources' jump links are in the page's link colour, not the header's white.
  for (const [slug, nav] of [['glossary', 'nav.glossary-index'], ['sources', 'nav.on-this-page']]) {
    await page.goto(pageUrl(slug));
    await ready(page);
    const colour = await page.$eval(`${nav} a`, (a) => getComputedStyle(a).color);
    assert.notEqual(colour, 'rgb(255, 255, 255)', `${slug}: jump links are white on white`);
  }
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('on a phone the figures come before the tools: the first headline figure is on the first screen, the share bar after it, and chart text is at least 11px', async () => {
  // A reviewer on a 320px phone saw only h1 and the share, print and workbook buttons.
  for (const slug of ['high-needs', 'savings', 'capital']) {
    const { context, page } = await open(browser, pageUrl(slug), { width: 320, height: 640 });
    await ready(page);
    const at = await page.evaluate(() => {
      const [card, bar] = [document.querySelector('main .headlines li .big'), document.querySelector('main .share-bar')];
      return { top: card.getBoundingClientRect().bottom, before: !!(card.compareDocumentPosition(bar) & Node.DOCUMENT_POSITION_FOLLOWING) };
    });
    assert.ok(at.before, `${slug}: the share bar comes before the headline figures`);
    assert.ok(at.top <= 640, `${slug}: the first headline figure ends at ${Math.round(at.top)}px, below the first screen`);
    // The charts' letters, as drawn in the phone's column: they were 9.9px.
    const small = await page.$$eval('main figure.chart svg text', (ts) => ts.filter((t) => t.getClientRects().length && t.textContent.trim()).map((t) => {
      const svg = t.ownerSVGElement;
      return parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    }));
    assert.ok(small.length > 0 && Math.min(...small) >= 11, `${slug}: chart text at ${Math.min(...small).toFixed(1)}px`);
    await context.close();
  }
  // Uncertainty has no cards: its headline sentence and run status come before the share bar.
  const { context, page } = await open(browser, pageUrl('uncertainty'), { width: 320, height: 640 });
  await ready(page);
  assert.ok(await page.evaluate(() => !!(document.querySelector('main .mc-headline').compareDocumentPosition(document.querySelector('main .share-bar')) & Node.DOCUMENT_POSITION_FOLLOWING)), 'uncertainty: the share bar comes before the headline');
  await context.close();
});

test('on a phone, a table\'s column names wrap to its figures: the spending table is not pages wide', async () => {
  const { context, page, problems } = await open(browser, pageUrl('high-needs'), { width: 320, height: 700 });
  await ready(page);
  const fig = page.locator('figure.chart[data-chart="hn-spend"]');
  await fig.locator('details.data summary').click();
  const { width, headers } = await fig.locator('table').evaluate((t) => ({
    width: t.getBoundingClientRect().width,
    headers: [...t.querySelectorAll('thead th')].map((th) => [th.textContent, Math.round(th.getBoundingClientRect().width)]),
  }));
  // Each column is as wide as its widest figure, or a few words of its name: never a long name
  // on one line (the independent schools' column was over 400px).
  for (const [name, w] of headers) assert.ok(w <= 200, `${name}: ${w}px`);
  // 1,000px for its nine columns once the names wrap (2,609px before).
  assert.ok(width <= 130 * headers.length, `${Math.round(width)}px for ${headers.length} columns`);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('on a phone, a field reached by Tab is not hidden behind the bar of headline figures', async () => {
  const { context, page, problems } = await open(browser, pageUrl('high-needs'), { width: 320, height: 700 });
  await ready(page);
  const from = page.locator('#lever-hn-growth-mainstream-n');
  // The next field starts just above the bottom of the screen, under the sticky bar.
  await from.evaluate((el) => {
    const all = [...document.querySelectorAll('.levers input, .levers select, .levers button, .levers a[href]')].filter((e) => e.getClientRects().length);
    const next = all[all.indexOf(el) + 1];
    window.scrollBy(0, next.getBoundingClientRect().top - (innerHeight - 30));
    el.focus({ preventScroll: true });
  });
  await page.keyboard.press('Tab');
  const { field, bar } = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    const e = document.querySelector('.lever-echo').getBoundingClientRect();
    return { field: { id: document.activeElement.id, top: r.top, bottom: r.bottom }, bar: { top: e.top, bottom: e.bottom } };
  });
  assert.ok(field.id, 'a field has focus');
  assert.ok(field.bottom <= bar.top + 1 || field.top >= bar.bottom - 1, `${field.id} (${field.top}-${field.bottom}px) is behind the bar (${bar.top}-${bar.bottom}px)`);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('keyboard only: reach every page and change a lever', async () => {
  const { context, page, problems } = await open(browser, BASE);
  await ready(page);
  // The skip link is the first stop and moves focus to the content.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  // Follow each navigation link with Enter. Opening a page moves focus to the content, so the
  // navigation is just before it: walk back to the link with Shift+Tab.
  for (const name of ['High needs', 'Savings', 'Capital', 'Compare', 'Sources', 'Glossary', 'Overview']) {
    let found = await page.evaluate((n) => document.activeElement?.tagName === 'A' && document.activeElement.textContent === n, name);
    for (let i = 0; i < 12 && !found; i++) {
      await page.keyboard.press(name === 'High needs' ? 'Tab' : 'Shift+Tab');
      found = await page.evaluate((n) => document.activeElement?.tagName === 'A' && document.activeElement.textContent === n, name);
    }
    assert.ok(found, `reached the ${name} link by Tab`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelector('nav a[aria-current="page"]')?.textContent === n, name);
    const visible = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return true;
      const s = getComputedStyle(el);
      return s.outlineStyle !== 'none' || s.boxShadow !== 'none' || el.id === 'main';
    });
    assert.ok(visible, `focus visible after opening ${name}`);
  }
  // Change a lever with the keyboard alone: focus the slider and press the arrow key.
  await page.goto(pageUrl('high-needs'));
  await ready(page);
  const before = await page.locator('.headlines').innerText();
  const slider = page.locator('#lever-hn-growth-independent');
  await slider.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction((b) => document.querySelector('.headlines')?.innerText !== b, before);
  assert.notEqual(await page.locator('.headlines').innerText(), before);
  // A screen reader hears the change once, as the page's headline line, when the levers are
  // still: no chart summary is a live region (six presses read out eighteen sentences).
  assert.equal(await page.locator('figure p.summary[aria-live], #mc-status[role]').count(), 0);
  const said = page.locator('.echo-said[role="status"]');
  await page.waitForFunction(() => document.querySelector('.echo-said')?.textContent.startsWith('Deficit: '));
  assert.equal((await said.innerText()).replace(/\s+/g, ' ').trim(), (await page.locator('.lever-echo').innerText()).replace(/\s+/g, ' ').trim());
  assert.equal(await said.count(), 1);
  // The number box beside it accepts a typed value (WCAG 2.5.7).
  await page.locator('#lever-hn-growth-independent-n').fill('2');
  await page.keyboard.press('Tab');
  assert.equal(await slider.inputValue(), '2');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a strict Content Security Policy with no inline scripts or handlers', async () => {
  const { context, page, problems } = await open(browser, BASE);
  await ready(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const inline = await page.evaluate(() => ({
    scripts: [...document.scripts].filter((s) => !s.src).length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    styles: [...document.querySelectorAll('[style]')].length,
  }));
  assert.deepEqual(inline, { scripts: 0, handlers: 0, styles: 0 });
  assert.deepEqual(problems.console, [], 'no CSP violations reported');
  await context.close();
});

test('without JavaScript the page says what it needs', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(BASE);
  assert.match(await page.locator('body').innerText(), /needs JavaScript and WebAssembly/);
  await context.close();
});

test('keeps working offline once loaded', async () => {
  const { context, page } = await open(browser, pageUrl('high-needs'));
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await ready(page);
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  assert.match(await page.locator('h1').innerText(), /High needs/);
  assert.match(await page.locator('.headlines').innerText(), /£/);
  await context.close();
});
