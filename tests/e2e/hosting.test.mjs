// dist/ served as docs/hosting.md asks a host to, by scripts/serve.py (what ./serve runs): the
// pre-compressed files chosen by Accept-Encoding, hashed files immutable and the rest revalidated,
// the CSP as a header with frame-ancestors, under a sub-path; and the app works through it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, ready } from './lib.mjs';
import { REPO, serve, raw, freePort } from './serve_lib.mjs';

const DIST = path.join(REPO, 'dist');
let browser, server;
before(async () => { server = await serve(DIST, { prefix: '/budget/' }); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

const hashed = (re) => fs.readdirSync(DIST).find((f) => re.test(f));
const WASM = hashed(/^dsg_explorer-[0-9a-f]+_bg\.wasm$/);
const JS = hashed(/^dsg_explorer-[0-9a-f]+\.js$/);
const CSS = hashed(/^style-[0-9a-f]+\.css$/);
const read = (f) => fs.readFileSync(path.join(DIST, f));

test('each file comes in the encoding the browser prefers, byte for byte the built file', async () => {
  for (const f of ['index.html', WASM, JS, CSS, 'boot.js', 'data/manifest.json', 'data/herefordshire-2024-25-mar25.json']) {
    const url = server.base + (f === 'index.html' ? '' : f);
    const want = read(f);
    const cases = [
      ['gzip, deflate, br', 'br'], // what Chromium sends
      ['gzip', 'gzip'],
      ['br;q=0.5, gzip', 'gzip'], // q-values count
      ['br;q=0, gzip;q=0', undefined],
      ['identity', undefined],
      [undefined, undefined], // no header at all
    ];
    for (const [accept, encoding] of cases) {
      const r = await raw(url, accept === undefined ? {} : { 'Accept-Encoding': accept });
      assert.equal(r.status, 200, `${f} (${accept})`);
      assert.equal(r.headers['content-encoding'], encoding, `${f} with Accept-Encoding: ${accept}`);
      assert.equal(r.headers.vary, 'Accept-Encoding', `${f}: caches must keep encodings apart`);
      const body = encoding === 'br' ? zlib.brotliDecompressSync(r.body) : encoding === 'gzip' ? zlib.gunzipSync(r.body) : r.body;
      assert.ok(body.equals(want), `${f} in ${encoding ?? 'identity'} is the built file`);
      assert.equal(Number(r.headers['content-length']), r.body.length);
    }
  }
  // The wasm is served as wasm (streaming compilation needs the type) and is much smaller in brotli.
  const w = await raw(server.base + WASM, { 'Accept-Encoding': 'br' });
  assert.equal(w.headers['content-type'], 'application/wasm');
  assert.ok(w.body.length < read(WASM).length / 2, `brotli wasm ${w.body.length} of ${read(WASM).length} bytes`);
});

test('hashed files are immutable; the page, its loader, the worker, version.json and data are revalidated', async () => {
  for (const f of [WASM, JS, CSS]) {
    const r = await raw(server.base + f, { 'Accept-Encoding': 'br' });
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable', f);
  }
  for (const f of ['', 'index.html', 'boot.js', 'sw.js', 'version.json', 'data/manifest.json', 'data/herefordshire-2024-25-q2.json']) {
    const r = await raw(server.base + f, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(r.status, 200, f);
    assert.equal(r.headers['cache-control'], 'no-cache', `${f || './'} is revalidated on every use`);
    const etag = r.headers.etag;
    assert.match(etag ?? '', /^"[^"]+"$/, `${f || './'} has a strong ETag`);
    const again = await raw(server.base + f, { 'Accept-Encoding': 'gzip, deflate, br', 'If-None-Match': etag });
    assert.equal(again.status, 304, `${f || './'} unchanged: 304`);
    assert.equal(again.body.length, 0);
    // A different encoding is a different body, so its ETag must differ too.
    const plain = await raw(server.base + f, { 'If-None-Match': etag });
    if (r.headers['content-encoding']) assert.equal(plain.status, 200, `${f || './'}: an identity request does not match the br ETag`);
  }
});

test('the CSP header is the page\'s own policy plus frame-ancestors: the app only framed by itself, an embed by anyone', async () => {
  const html = read('index.html').toString();
  const meta = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  const page = (await raw(server.base + '?page=high-needs')).headers['content-security-policy'];
  assert.equal(page, `${meta}; frame-ancestors 'self'`, 'the header repeats the <meta> policy (they must not drift apart)');
  const embed = (await raw(server.base + '?page=high-needs&embed=1')).headers['content-security-policy'];
  assert.equal(embed, `${meta}; frame-ancestors *`);
  const data = await raw(server.base + 'data/manifest.json');
  assert.equal(data.headers['x-content-type-options'], 'nosniff');
});

test('under a sub-path: only /budget/ is served, nothing hidden, nothing outside dist/', async () => {
  const root = `http://127.0.0.1:${server.port}`;
  assert.equal((await raw(root + '/')).status, 404);
  assert.equal((await raw(root + '/index.html')).status, 404);
  const bare = await raw(root + '/budget?page=capital&sv.delivery=80');
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.location, '/budget/?page=capital&sv.delivery=80', 'the query (the scenario) is kept');
  assert.equal((await raw(root + '/budget/.trunk-lock')).status, 404);
  assert.equal((await raw(root + '/budget/..%2f..%2fetc/passwd')).status, 404);
  assert.equal((await raw(root + '/budget/%2e%2e/%2e%2e/etc/passwd')).status, 404);
  assert.equal((await raw(root + '/budget/no-such-file.js')).status, 404);
  // A file is not a folder: `high-needs.html/` would resolve the page's relative addresses under
  // a folder that is not there (an unstyled page that never starts).
  assert.equal((await raw(root + '/budget/high-needs.html')).status, 200);
  assert.equal((await raw(root + '/budget/high-needs.html/')).status, 404);
  assert.equal((await raw(root + '/budget/high-needs.html/?page=capital')).status, 404);
  const head = await raw(server.base + WASM, { 'Accept-Encoding': 'br' }, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
});

test('the app works through it: brotli on the wire, no console errors, a chart drawn', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const encodings = {};
  page.on('response', async (r) => { encodings[new URL(r.url()).pathname] = (await r.allHeaders())['content-encoding']; });
  await page.goto(server.base + '?page=high-needs&hn.growth.independent=14');
  await ready(page);
  await page.locator('figure[data-chart="hn-deficit"] svg').waitFor();
  assert.equal(await page.locator('nav a[aria-current="page"]').innerText(), 'High needs');
  assert.equal(await page.locator('#lever-hn-growth-independent').inputValue(), '14', 'the link\'s lever is applied');
  assert.equal(encodings[`/budget/${WASM}`], 'br', `the wasm came as brotli: ${JSON.stringify(encodings)}`);
  assert.equal(encodings['/budget/'], 'br');
  assert.deepEqual(errors, []);
  await context.close();
});

test('frame-ancestors holds in the browser: another site can frame an embed, not the app', async () => {
  // A host page on another origin (its own port) framing both.
  const port = await freePort();
  const app = server.base + '?page=high-needs';
  const host = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Council site</title><link rel="icon" href="data:,">
      <iframe id="embed" title="Chart" src="${app}&amp;embed=1" style="width:600px;height:600px"></iframe>
      <iframe id="app" title="App" src="${app}" style="width:600px;height:600px"></iframe>`);
  });
  await new Promise((r) => host.listen(port, '127.0.0.1', r));
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const blocked = [];
    page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) blocked.push(m.text()); });
    await page.goto(`http://127.0.0.1:${port}/`);
    const embed = page.frames().find((f) => f.url().includes('embed=1'));
    await embed.locator('figure[data-chart="hn-deficit"] svg >> visible=true').waitFor({ timeout: 20000 });
    await page.waitForFunction(() => true);
    for (let i = 0; i < 50 && blocked.length === 0; i++) await page.waitForTimeout(100);
    assert.equal(blocked.length, 1, `the full app refused to be framed: ${blocked}`);
    assert.match(blocked[0], /frame-ancestors 'self'/);
    const appFrame = page.frames().find((f) => f !== page.mainFrame() && !f.url().includes('embed=1'));
    assert.equal(await appFrame.locator('main h1').count(), 0, 'nothing of the app in the refused frame');
  } finally {
    await context.close();
    await new Promise((r) => host.close(r));
  }
});
