// Links from strangers: whatever a link says, the app opens, names every parameter it could not
// use, and never requests anything from another origin. Tests that matter for the origin rule run
// with the page's Content-Security-Policy switched off (bypassCSP), so the app's own checks are
// what is tested, not the CSP behind them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, ready, axe, pageUrl, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const NO_CSP = { contextOptions: { bypassCSP: true } };
const notices = (page) => page.locator('section[aria-labelledby="link-notices-h"] ul.issues li');

/** The notices shown, as [param, message] pairs. */
async function noticeList(page) {
  await page.locator('section[aria-labelledby="link-notices-h"]').waitFor();
  return notices(page).evaluateAll((lis) => lis.map((li) => [li.querySelector('code').textContent, li.textContent.slice(li.querySelector('code').textContent.length).trim()]));
}

/** A link query, percent-encoded only as the text is given (so `%09` stays a tab escape). */
const url = (query) => `${BASE}?${query}`;

test('an unknown dataset id falls back to the default figures with a notice naming "data"', async () => {
  const { context, page, problems } = await open(browser, pageUrl('overview', 'data=nowhere&dv=3'));
  await ready(page);
  const notice = page.locator('section[aria-labelledby="link-notices-h"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /data\s+no dataset "nowhere"/);
  assert.match(await page.locator('main').innerText(), /£13\.7m/);
  assert.deepEqual(await axe(page), []);
  // Dismissed from the keyboard, the box goes and focus stays in the page: on its main region,
  // not on the document (a keyboard reader lost their place).
  await notice.getByRole('button', { name: 'Dismiss' }).focus();
  await page.keyboard.press('Enter');
  await notice.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a src on another origin or with another scheme is refused by the app itself: named, shipped figures used, nothing fetched', async () => {
  const cases = [
    ['src=https://example.org/x.json', /another site \(https:\/\/example\.org\)/],
    ['src=https:evil.example/x.json', /another site \(https:\/\/evil\.example\)/],
    ['src=https:%09//evil.example/x.json', /another site \(https:\/\/evil\.example\)/],
    ['src=//evil.example/x.json', /another site \(http:\/\/evil\.example\)/],
    ['src=%5C%5Cevil.example%5Cx.json', /another site \(http:\/\/evil\.example\)/],
    ['src=ftp:evil.example/x.json', /"ftp" address/],
    ['src=blob:x.json', /"blob" address/],
    ['src=javascript:alert(1)//.json', /"javascript" address/],
    ['src=data:application/json,%7B%7D//x.json', /"data" address/],
  ];
  for (const [query, why] of cases) {
    const { context, page, problems } = await open(browser, url(`${query}&v=1&data=herefordshire`), NO_CSP);
    await ready(page);
    const list = await noticeList(page);
    const src = list.filter(([p]) => p === 'src');
    assert.equal(src.length, 1, `${query}: ${JSON.stringify(list)}`);
    assert.match(src[0][1], why, query);
    assert.match(src[0][1], /so the shipped figures are used instead$/, query);
    assert.match(await page.locator('main').innerText(), /£13\.7m/, `${query}: the shipped figures`);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems.foreign, [], `${query}: requests to another origin`);
    assert.deepEqual(problems.console, [], query);
    // A refused src is not carried into the links the page makes.
    await page.waitForFunction(() => !location.search.includes('src='), null, { timeout: 5000 }).catch(() => {});
    assert.ok(!(await page.evaluate(() => location.search)).includes('src='), `${query}: src kept in the address`);
    await context.close();
  }
});

test('a same-origin src that cannot be loaded is named, the shipped figures open, and the other notices are kept', async () => {
  const { context, page, problems } = await open(browser, url('src=data/missing.json&v=abc&cap.life=NaN&page=capital'), NO_CSP);
  await ready(page);
  const list = await noticeList(page);
  const params = list.map(([p]) => p);
  assert.deepEqual(params.sort(), ['cap.life', 'src', 'v'], JSON.stringify(list));
  const src = list.find(([p]) => p === 'src')[1];
  assert.match(src, /^"data\/missing\.json" could not be used, so the shipped figures are used instead\. Why: could not fetch \S*data\/missing\.json: HTTP 404\. Until you change anything, the page's address still names the file, so reloading the page tries it again\.$/);
  assert.equal(await page.locator('nav a[aria-current="page"]').innerText(), 'Capital');
  assert.match(await page.locator('main h1').innerText(), /\S/);
  assert.doesNotMatch(await page.locator('main h1').innerText(), /No figures loaded/);
  assert.deepEqual(problems.foreign, []);
  assert.deepEqual(await axe(page), []);
  // The address keeps the link as it came until the reader changes something (a trial's file
  // failed once, the address became the shipped figures', and a reload showed those).
  await page.waitForTimeout(800);
  assert.match(await page.evaluate(() => location.search), /src=data\/missing\.json/);
  await page.locator('header nav a', { hasText: 'Overview' }).click();
  await page.waitForFunction(() => !location.search.includes('src=') && !location.search.includes('page=capital'));
  // Back to the link's own entry keeps it as it came, not tidied to the shipped figures' (a
  // review found a reload there then showing those with no notice).
  await page.goBack();
  await page.locator('main h1', { hasText: 'Capital' }).waitFor();
  await page.waitForTimeout(800);
  assert.match(await page.evaluate(() => location.search), /src=data\/missing\.json/);
  await context.close();
});

test('Back to a failed src link\'s entry after loading a file reads the link again, not its levers on the file', async () => {
  const fs = await import('node:fs');
  const fixture = fs.readFileSync(new URL('../fixtures/exampleshire-2025-26.json', import.meta.url));
  const { context, page } = await open(browser, url('src=data/missing.json&hn.horizon=12&page=sources'), NO_CSP);
  await ready(page);
  await page.waitForTimeout(800);
  await page.locator('#data-file').setInputFiles({ name: 'exampleshire-2025-26.json', mimeType: 'application/json', buffer: fixture });
  await page.waitForFunction(() => document.querySelector('footer.site')?.textContent.includes('exampleshire'));
  await page.waitForFunction(() => !location.search.includes('src='));
  // A review found the link's entry decoded on the file's figures, its notice gone.
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('footer.site')?.textContent.includes('exampleshire'), null, { timeout: 20000 });
  await ready(page);
  assert.match(await page.evaluate(() => location.search), /src=data\/missing\.json/);
  assert.match((await noticeList(page)).find(([p]) => p === 'src')[1], /could not be used, so the shipped figures are used instead/);
  await context.close();
});

test('a src file that was read and found wanting is not promised to work on a reload, and an older version it names is offered the newer', async () => {
  const { context, page } = await open(browser, 'about:blank', NO_CSP);
  await page.route('**/data/wanting.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"schema_version": 1' }));
  await page.goto(url('src=data/wanting.json&data=herefordshire&dv=2024-25-q2.1'));
  await ready(page);
  const src = (await noticeList(page)).find(([p]) => p === 'src')[1];
  assert.match(src, /could not be used/);
  assert.doesNotMatch(src, /reloading/);
  await page.waitForFunction(() => !location.search.includes('src='));
  await context.close();
  // A file not reached keeps the address, and the older version named is offered the newer (its
  // check had read the address's src).
  const again = await open(browser, url('src=data/missing.json&data=herefordshire&dv=2024-25-q2.1'), NO_CSP);
  await ready(again.page);
  await again.page.locator('#newer-figures').waitFor();
  await again.context.close();
});

test("a src that fails once is tried again by a reload, the link's own settings with it", async () => {
  const { context, page, problems } = await open(browser, 'about:blank', NO_CSP);
  let refused = 0;
  await page.route('**/herefordshire-2024-25-q2.json', (route) => (refused++ ? route.continue() : route.fulfill({ status: 503, body: 'busy' })));
  await page.goto(url('src=data/herefordshire-2024-25-q2.json&hn.horizon=12&page=high-needs'));
  await ready(page);
  assert.match((await noticeList(page)).find(([p]) => p === 'src')[1], /HTTP 503\. Until you change anything, the page's address still names the file/);
  await page.waitForTimeout(800);
  assert.match(await page.evaluate(() => location.search), /src=data\/herefordshire-2024-25-q2\.json&hn\.horizon=12/);
  await page.reload();
  await ready(page);
  assert.equal(await notices(page).count(), 0);
  assert.equal(refused, 2);
  await page.waitForFunction(() => location.search.includes('src=data%2Fherefordshire-2024-25-q2.json') && location.search.includes('hn.horizon=12'));
  assert.deepEqual(problems.console.filter((m) => !/503/.test(m)), []);
  await context.close();
});

test('a same-origin src that loads is used and kept in the link', async () => {
  const { context, page, problems } = await open(browser, url('src=data/herefordshire-2024-25-q2.json&hn.horizon=12'), NO_CSP);
  await ready(page);
  assert.equal(await notices(page).count(), 0);
  await page.waitForFunction(() => location.search.includes('src=data%2Fherefordshire-2024-25-q2.json'));
  assert.match(await page.evaluate(() => location.search), /hn\.horizon=12/);
  // So is every link in the page that carries the scenario (a glossary term's had dropped it, and
  // opened in a new tab the shipped figures with a notice), and one opened in a new tab loads it.
  await page.locator('nav a[href*="page=high-needs"]').click();
  await page.waitForFunction(() => !document.getElementById('prerendered') && document.querySelector('h1')?.textContent.startsWith('High needs'));
  // Every link to another page in the page's text: none may drop the scenario or src (the
  // glossary terms, "Sources" and each key answer's "Based on" links had, as plain links).
  const hrefs = await page.$$eval('main a[href^="?page="]', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length >= 10, JSON.stringify(hrefs));
  for (const h of hrefs) assert.match(h, /[?&]src=data%2Fherefordshire-2024-25-q2\.json(&|#|$)/, h);
  const term = await page.locator('main a[href*="page=glossary"][href*="v="]').first().getAttribute('href');
  const tab = await context.newPage();
  await tab.goto(new URL(term, page.url()).href);
  await ready(tab);
  assert.equal(await notices(tab).count(), 0);
  assert.match(await tab.evaluate(() => location.search), /src=data%2Fherefordshire-2024-25-q2\.json.*hn\.horizon=12/);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('links to other pages follow the scenario after a pause, and are current when pressed', async () => {
  const { context, page, problems } = await open(browser, pageUrl('high-needs'));
  await ready(page);
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  const got = await page.evaluate(async () => {
    const el = document.getElementById('lever-hn-growth-independent');
    const rest = (h) => new URL(h, location.href).search.slice(1).split('&').filter((p) => !p.startsWith('page=')).join('&');
    const links = () => [...document.querySelectorAll('main a[href^="?page="], header nav a')];
    const before = rest(document.getElementById('copy-link').dataset.link);
    const move = (v) => { el.value = String(v); el.dispatchEvent(new Event('input', { bubbles: true })); };
    // Two moves a frame apart, as a drag makes them.
    move(Number(el.min));
    await new Promise((r) => requestAnimationFrame(r));
    move(Number(el.max));
    await new Promise((r) => setTimeout(r, 0));
    const want = rest(document.getElementById('copy-link').dataset.link);
    // A drag does not rewrite every link on each move (that was a share of each move's work)...
    const current = links().filter((a) => rest(a.getAttribute('href')) === want).length;
    // ...but a link is current by the time a press on it can follow or copy it.
    const a = document.querySelector('main a[href*="page=glossary"]');
    a.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    return { before, want, current, pressed: rest(a.getAttribute('href')), n: links().length };
  });
  assert.notEqual(got.want, got.before, 'the lever is in the link');
  assert.match(got.want, /hn\.growth\.independent=/);
  assert.ok(got.n >= 20, `${got.n} links`);
  assert.equal(got.current, 0, 'no link was rewritten during the drag');
  assert.equal(got.pressed, got.want, 'the pressed link carries the scenario');
  // After the pause every link, the navigation's too, carries it.
  await page.waitForFunction((want) => [...document.querySelectorAll('main a[href^="?page="], header nav a')]
    .every((a) => new URL(a.getAttribute('href'), location.href).search.slice(1).split('&').filter((p) => !p.startsWith('page=')).join('&') === want), got.want);
  // A number typed and, with nothing else, a Ctrl-click on the navigation: the box commits its
  // value as the press takes focus from it, after the press began, and the new tab still has it.
  await page.locator('#lever-hn-growth-independent-n').fill('13');
  const [tab] = await Promise.all([context.waitForEvent('page'), page.locator('header nav a', { hasText: 'Capital' }).click({ modifiers: ['Control'] })]);
  await ready(tab);
  assert.equal(await notices(tab).count(), 0);
  const params = new URL(await tab.evaluate(() => location.href)).searchParams;
  assert.equal(params.get('hn.growth.independent'), '13');
  assert.equal(params.get('page'), 'capital');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a link to a place on a page opens there, and a page changed to later opens at its top', async () => {
  // The page is drawn after the figures load, too late for the browser's own jump: a fresh load
  // of Compare's saved scenarios opened at the top of the page.
  const { context, page, problems } = await open(browser, `${BASE}?page=compare#saved-scenarios`, { height: 700 });
  await ready(page);
  await page.waitForFunction(() => document.activeElement?.id === 'saved-scenarios');
  const top = await page.evaluate(() => document.getElementById('saved-scenarios').getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 250, `the section's top is at ${top}px`);
  assert.ok(await page.evaluate(() => scrollY) > 200, 'the page scrolled to it');
  assert.deepEqual(problems.console, []);
  await context.close();
  // A place every page has (the share bar's "Save or compare"): a page opened later by the
  // navigation, while the address still names it, opens at its top with the main region focused.
  const second = await open(browser, `${BASE}?page=compare#go-saved`);
  await ready(second.page);
  await second.page.waitForFunction(() => document.activeElement?.id === 'go-saved');
  await second.page.locator('header nav a', { hasText: 'Savings' }).click();
  await second.page.waitForFunction(() => document.querySelector('h1')?.textContent.startsWith('Savings'));
  await second.page.waitForFunction(() => document.activeElement?.id === 'main');
  await second.page.waitForTimeout(200);
  assert.equal(await second.page.evaluate(() => document.activeElement?.id), 'main');
  // From far down a page, another opens at its top, with the site's title and menu in view (it
  // had opened at the main region's top, 94px down).
  await second.page.evaluate(() => { scrollTo(0, 3000); document.querySelector('header nav a[href*="page=capital"]').click(); });
  await second.page.waitForFunction(() => document.querySelector('h1')?.textContent.startsWith('Capital'));
  await second.page.waitForTimeout(200);
  assert.equal(await second.page.evaluate(() => [scrollY, document.activeElement?.id].join()), '0,main');
  assert.deepEqual(second.problems.console, []);
  await second.context.close();
});

test('Back over a lever change stays on the page as it was, not drawn again', async () => {
  const { context, page, problems } = await open(browser, `${BASE}?page=high-needs#hn-questions`);
  await ready(page);
  await page.waitForFunction(() => document.activeElement?.id === 'hn-questions');
  const box = page.locator('#lever-hn-growth-independent-n');
  await box.fill('13');
  await box.press('Enter');
  await page.waitForFunction(() => location.search.includes('hn.growth.independent=13'));
  await box.focus();
  await page.evaluate(() => { document.querySelector('main h1').dataset.marked = '1'; });
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes('hn.growth.independent=13'));
  await page.waitForFunction(() => document.getElementById('lever-hn-growth-independent-n')?.value !== '13');
  assert.equal(await page.evaluate(() => document.querySelector('main h1').dataset.marked), '1', 'the page was not drawn again');
  // Chrome moves focus (and scroll) to the address's #fragment just after Back: the app puts
  // back the reader's, on the box they used (in the frame after).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'lever-hn-growth-independent-n');
  // A reader with no control focused (a mouse user) is not given one.
  await page.goForward();
  await page.waitForFunction(() => location.search.includes('hn.growth.independent=13'));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  await page.evaluate(() => document.activeElement.blur());
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes('hn.growth.independent=13'));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'BODY');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a link to a place in the app names it in the address, and Back returns from it', async () => {
  const { context, page, problems } = await open(browser, pageUrl('sources'));
  await ready(page);
  // "On this page": a new entry naming the place, so a copied address comes back to it.
  await page.evaluate(() => { document.querySelector('main h1').dataset.marked = '1'; });
  await page.locator('nav.on-this-page a', { hasText: "The explorer's own assumptions" }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'own-assumptions');
  assert.equal(await page.evaluate(() => location.hash), '#own-assumptions');
  assert.match(await page.evaluate(() => location.search), /page=sources/);
  assert.ok(await page.evaluate(() => scrollY) > 300, 'scrolled to the section');
  await page.goBack();
  await page.waitForFunction(() => location.hash === '');
  await page.waitForFunction(() => scrollY < 100);
  assert.equal(await page.evaluate(() => document.querySelector('main h1').dataset.marked), '1', 'Back within the page does not draw it again');
  // A figure's paper, and a figure a sum names, are places too.
  const paper = page.locator('dd.cite a[href^="#doc-"]').first();
  const docId = (await paper.getAttribute('href')).slice(1);
  await paper.click();
  await page.waitForFunction((id) => location.hash === `#${id}` && document.activeElement?.id === id, docId);
  await page.goBack();
  await page.waitForFunction(() => location.hash === '');
  const term = page.locator('dd.formula a[href^="#fig-"]').first();
  const figId = (await term.getAttribute('href')).slice(1);
  await term.click();
  await page.waitForFunction((id) => location.hash === `#${id}` && document.activeElement?.id === id, figId);
  // A glossary term's link from another page: the glossary's entry names the term.
  await page.locator('main a[href*="glossary"][href$="#published"]').first().click();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.startsWith('Glossary'));
  await page.waitForFunction(() => location.hash === '#published');
  assert.match(await page.evaluate(() => location.search), /page=glossary/);
  // The glossary's own index.
  await page.locator('nav.glossary-index a[href="#vintage"]').click();
  await page.waitForFunction(() => location.hash === '#vintage' && document.activeElement?.id === 'vintage');
  await page.goBack();
  await page.waitForFunction(() => location.hash === '#published');
  // The term's link named its place in the glossary's own entry (not one more): Back from it is
  // Sources.
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.startsWith('Sources'));
  assert.match(await page.evaluate(() => location.search), /page=sources/);
  // "Save or compare" opens Compare at the saved scenarios; the address, reloaded, does too.
  await page.goto(pageUrl('high-needs', 'hn.growth.independent=13'));
  await ready(page);
  await page.locator('#go-saved').click();
  await page.waitForFunction(() => document.activeElement?.id === 'saved-scenarios');
  const address = page.url();
  assert.match(address, /page=compare.*hn\.growth\.independent=13.*#saved-scenarios$/);
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => document.activeElement?.id === 'saved-scenarios');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a change made just before a link is followed is one Back away', async () => {
  const { context, page, problems } = await open(browser, pageUrl('high-needs'));
  await ready(page);
  // Typed and not yet committed: the press on the link commits it, then changes page at once,
  // before the change's own pause (it had gone straight to the new page's entry).
  await page.locator('#lever-hn-growth-post16-n').fill('17');
  await page.locator('header nav a', { hasText: 'Savings' }).click();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.startsWith('Savings'));
  assert.match(await page.evaluate(() => location.search), /page=savings.*hn\.growth\.post16=17/);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.startsWith('High needs'));
  assert.match(await page.evaluate(() => location.search), /page=high-needs.*hn\.growth\.post16=17/);
  await page.waitForFunction(() => document.getElementById('lever-hn-growth-post16-n')?.value === '17');
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes('post16'));
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('an unknown page is named and the Overview opens', async () => {
  for (const [query, said] of [['page=admin', '"admin" is not a page'], ['page=high_needs', 'did you mean high-needs?'], ['page=', 'is empty'], ['page=../x', '"../x" is not a page']]) {
    const { context, page, problems } = await open(browser, url(query));
    await ready(page);
    const list = await noticeList(page);
    assert.equal(list.length, 1, `${query}: ${JSON.stringify(list)}`);
    assert.equal(list[0][0], 'page');
    assert.ok(list[0][1].includes(said), `${query}: ${list[0][1]}`);
    assert.match(list[0][1], /the Overview is shown instead$/);
    assert.equal(await page.locator('nav a[aria-current="page"]').innerText(), 'Overview');
    assert.deepEqual(problems.console, []);
    await context.close();
  }
});

test('repeated reserved parameters and a dv without data are named', async () => {
  const { context, page } = await open(browser, url('page=capital&page=savings&src=data/a.json&src=data/b.json&dv=2024-25-q2.1&dv=9&v=1&v=1'));
  await ready(page);
  const list = await noticeList(page);
  const byParam = {};
  for (const [p, m] of list) (byParam[p] ??= []).push([p, m]);
  assert.deepEqual(Object.keys(byParam).sort(), ['dv', 'page', 'src', 'v'], JSON.stringify(list));
  assert.ok(byParam.page.some(([, m]) => m.includes('more than once') && m.includes('"savings" was ignored')));
  assert.ok(byParam.v.some(([, m]) => m.includes('more than once')));
  assert.ok(byParam.src.some(([, m]) => m.includes('more than once') && m.includes('"data/b.json"')));
  assert.ok(byParam.dv.some(([, m]) => m.includes('more than once')));
  // The first src (a missing same-origin file) is tried and named as well.
  assert.ok(byParam.src.some(([, m]) => m.includes('"data/a.json" could not be used')));
  assert.equal(await page.locator('nav a[aria-current="page"]').innerText(), 'Capital');
  await context.close();

  const second = await open(browser, url('dv=2024-25-q2.1'));
  await ready(second.page);
  const only = await noticeList(second.page);
  assert.equal(only.length, 1, JSON.stringify(only));
  assert.equal(only[0][0], 'dv');
  assert.match(only[0][1], /no data parameter/);
  await second.context.close();
});

test('an out-of-range lever is named once, not twice', async () => {
  const { context, page } = await open(browser, url('page=capital&cap.life=1000'));
  await ready(page);
  const list = await noticeList(page);
  assert.equal(list.length, 1, JSON.stringify(list));
  assert.equal(list[0][0], 'cap.life');
  assert.ok(!list[0][1].includes('cap.life'), list[0][1]);
  await context.close();
});

test('a value between a slider\'s steps is used exactly, and its number box is not marked invalid', async () => {
  const { context, page } = await open(browser, url('page=high-needs&hn.growth.independent=13.33333'));
  await ready(page);
  const box = page.locator('#lever-hn-growth-independent-n');
  assert.equal(await box.inputValue(), '13.33333');
  assert.equal(await box.evaluate((e) => e.validity.valid), true, 'a stepMismatch would mark it :invalid');
  assert.equal(await page.locator('section[aria-labelledby="link-notices-h"]').count(), 0, 'the value is in range: nothing to tell');
  assert.ok(new URL(page.url()).searchParams.get('hn.growth.independent') === '13.33333', page.url());
  // Back on a step, the box steps as the slider does.
  await box.fill('14');
  await box.press('Enter');
  await page.waitForFunction(() => document.querySelector('#lever-hn-growth-independent-n').getAttribute('step') !== 'any');
  assert.equal(await box.getAttribute('step'), await page.locator('#lever-hn-growth-independent').getAttribute('step'));
  await context.close();
});

test('a dataset document url that is not http(s) is shown as text, never as a link', async () => {
  const shipped = await (await fetch(new URL('data/herefordshire-2024-25-q2.json', BASE))).json();
  const bad = ['javascript:alert(document.domain)', '\tjava\nscript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x'];
  const copy = structuredClone(shipped);
  copy.id = 'testshire';
  copy.council = 'Testshire Council';
  copy.documents.forEach((d, i) => { d.url = i < bad.length ? bad[i] : 'https://example.gov.uk/papers/' + d.id; });
  const { context, page, problems } = await open(browser, pageUrl('sources'), NO_CSP);
  await ready(page);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.locator('#data-file').setInputFiles({ name: 'testshire.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(copy)) });
  await page.waitForFunction(() => /Loaded Testshire Council/.test(document.querySelector('#data-file-status')?.textContent ?? ''));
  const docs = page.locator('ul.documents li[data-doc]');
  assert.equal(await docs.count(), copy.documents.length);
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
  assert.deepEqual(hrefs.filter((h) => !/^https?:/i.test(h)), [], 'every link on the page is http(s)');
  for (const [i, d] of copy.documents.entries()) {
    const li = page.locator(`ul.documents li[data-doc="${d.id}"]`);
    if (i < bad.length) {
      assert.equal(await li.locator('a[href*="script" i], a[href^="data:" i]').count(), 0, d.url);
      assert.match(await li.innerText(), /not a web address, so not a link/, d.url);
    } else {
      assert.equal(await li.locator(`a[href="https://example.gov.uk/papers/${d.id}"]`).count(), 1, d.id);
    }
  }
  // Clicking the texts does nothing.
  for (const t of await page.locator('.unlinked-url code').all()) await t.click();
  assert.equal(dialogs, 0);
  assert.deepEqual(problems.console, []);
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
  // The button drops the link's starting point: said before it is pressed (a trial's projection
  // moved from £24.4m to £30.2m with no word).
  assert.match(new URL(page.url()).search, /hn\.start=q2-2024-25/);
  assert.match(await offer.innerText(), /the projection starts from their latest forecast, not the starting point this link names; your other assumptions are kept\./);
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

test('Back to another page of the app returns to where the reader left it', async () => {
  // A trial: High needs left 3,000 px down for another page, then Back: High needs opened at its
  // top (the browser's own restoring ran before the app had drawn the page).
  const { context, page, problems } = await open(browser, pageUrl('high-needs'));
  await ready(page);
  const link = page.locator('#hn-reconcile a', { hasText: 'Every count, cost and its status' });
  await link.scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const left = await page.evaluate(() => scrollY);
  assert.ok(left > 1000, `scrolled to ${left}`);
  // Clicked at once, usually before the scrolling has settled: the place is kept either way.
  await link.click();
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent.startsWith('Sources'));
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent.startsWith('High needs'));
  await page.waitForFunction((y) => Math.abs(scrollY - y) <= 2, left, { timeout: 5000 });
  // Uncertainty draws its charts after a simulation run in slices, above much of the page: Back
  // to it keeps the place as the page grows, and ends where the reader was. (The menu is
  // clicked where it is, as a reader with it in view would; the place left is the one scrolled to.)
  await page.evaluate(() => document.querySelector('header nav a[href*="page=uncertainty"]').click());
  await page.locator('#mc-drift-h').waitFor();
  await page.locator('#mc-drift-h').scrollIntoViewIfNeeded();
  await page.waitForTimeout(400);
  const there = await page.evaluate(() => [scrollY, Math.round(document.getElementById('mc-drift-h').getBoundingClientRect().top)]);
  assert.ok(there[0] > 1000, `scrolled to ${there}`);
  await page.evaluate(() => document.querySelector('header nav a[href*="page=glossary"]').click());
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent.startsWith('Glossary'));
  await page.goBack();
  await page.locator('#mc-drift-h').waitFor();
  await page.waitForTimeout(2500);
  const back = await page.evaluate(() => [scrollY, Math.round(document.getElementById('mc-drift-h').getBoundingClientRect().top)]);
  assert.ok(Math.abs(back[0] - there[0]) <= 2 && Math.abs(back[1] - there[1]) <= 2, `left at ${there}, back at ${back}`);
  assert.deepEqual(problems.console, []);
  await context.close();
});
