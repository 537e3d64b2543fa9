// No stray files in dist/: every file the build ships is one the site needs, none is empty,
// and nothing hidden (Trunk's `.trunk-lock`) is served.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { BASE, PAGES } from './lib.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(REPO, 'dist');

function files(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
}

// Text and wasm: scripts/build writes .br and .gz beside each (scripts/precompress.mjs).
const COMPRESSIBLE = /\.(html|js|css|json|wasm|svg|txt)$/;

test('dist holds only the files the site needs, none of them empty', () => {
  const shipped = files(DIST).sort();
  const data = fs.readdirSync(path.join(REPO, 'public/data')).map((f) => `data/${f}`);
  const expected = [
    /^index\.html$/, /^boot\.js$/, /^sw\.js$/, /^version\.json$/,
    /^style-[0-9a-f]+\.css$/, /^dsg_explorer-[0-9a-f]+\.js$/, /^dsg_explorer-[0-9a-f]+_bg\.wasm$/,
    // The workbook worker (fetched only when a workbook is asked for): Trunk names it by the link's id.
    /^workbook_worker\.js$/, /^workbook_worker_bg\.wasm$/, /^workbook_worker_loader\.js$/,
    // The pre-rendered pages (src/bin/prerender.rs) and the script that sets one aside while a
    // link's own scenario loads.
    /^prerender\.js$/, ...PAGES.filter((p) => p !== 'overview').map((p) => new RegExp(`^${p}\\.html$`)),
  ];
  const site = shipped.filter((f) => !/\.(br|gz)$/.test(f));
  const stray = site.filter((f) => !data.includes(f) && !expected.some((re) => re.test(f)));
  assert.deepEqual(stray, [], 'files in dist/ that the site does not need');
  for (const re of expected) assert.equal(site.filter((f) => re.test(f)).length, 1, `exactly one file matches ${re}`);
  for (const f of data) assert.ok(shipped.includes(f), `${f} ships`);
  const empty = shipped.filter((f) => fs.statSync(path.join(DIST, f)).size === 0);
  assert.deepEqual(empty, [], 'empty files in dist/');
});

test('beside each text and wasm file, its brotli and gzip copies, smaller and decoding to it exactly', () => {
  const shipped = files(DIST);
  const orphans = shipped.filter((f) => /\.(br|gz)$/.test(f) && !shipped.includes(f.replace(/\.(br|gz)$/, '')));
  assert.deepEqual(orphans, [], 'compressed copies of files that are not there');
  const sources = shipped.filter((f) => COMPRESSIBLE.test(f));
  assert.ok(sources.length >= 10, `${sources}`);
  for (const f of sources) {
    const raw = fs.readFileSync(path.join(DIST, f));
    for (const [suffix, decode] of [['.br', zlib.brotliDecompressSync], ['.gz', zlib.gunzipSync]]) {
      const p = path.join(DIST, f + suffix);
      // A copy is left out only when it would not be smaller (a few bytes of version.json).
      if (!fs.existsSync(p)) {
        assert.ok(raw.length < 200, `${f + suffix} is missing (${raw.length} bytes)`);
        continue;
      }
      const packed = fs.readFileSync(p);
      assert.ok(packed.length < raw.length, `${f + suffix} is smaller`);
      assert.ok(decode(packed).equals(raw), `${f + suffix} decodes to ${f}`);
    }
  }
});

test('one build id in the page, version.json and the service worker\'s cache name', () => {
  const id = JSON.parse(fs.readFileSync(path.join(DIST, 'version.json'), 'utf8')).build;
  assert.match(id, /^[0-9a-f]{12}$/);
  assert.match(fs.readFileSync(path.join(DIST, 'index.html'), 'utf8'), new RegExp(`<meta name="dsg-explorer-build" content="${id}">`));
  assert.match(fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8'), new RegExp(`const CACHE = PREFIX \\+ "${id}"`));
});

test('Trunk\'s build lock is not served', async () => {
  assert.equal((await fetch(BASE + '.trunk-lock')).status, 404);
});

test('the stylesheet names fonts, never system-ui (which Chromium on Linux lays out slowly in long runs of text)', () => {
  const css = fs.readdirSync(DIST).filter((f) => /^style-[0-9a-f]+\.css$/.test(f));
  assert.equal(css.length, 1);
  const text = fs.readFileSync(path.join(DIST, css[0]), 'utf8');
  const families = [...text.matchAll(/font-family:\s*([^;]+);/g)].map((m) => m[1]);
  assert.ok(families.length > 0);
  for (const f of families) assert.doesNotMatch(f, /system-ui/, f);
});
