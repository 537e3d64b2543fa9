// No stray files in dist/: every file the build ships is one the site needs, none is empty,
// and nothing hidden (Trunk's `.trunk-lock`) is served.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE } from './lib.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(REPO, 'dist');

function files(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
}

test('dist holds only the files the site needs, none of them empty', () => {
  const shipped = files(DIST).sort();
  const data = fs.readdirSync(path.join(REPO, 'public/data')).map((f) => `data/${f}`);
  const expected = [
    /^index\.html$/, /^boot\.js$/, /^sw\.js$/,
    /^style-[0-9a-f]+\.css$/, /^dsg_explorer-[0-9a-f]+\.js$/, /^dsg_explorer-[0-9a-f]+_bg\.wasm$/,
  ];
  const stray = shipped.filter((f) => !data.includes(f) && !expected.some((re) => re.test(f)));
  assert.deepEqual(stray, [], 'files in dist/ that the site does not need');
  for (const re of expected) assert.equal(shipped.filter((f) => re.test(f)).length, 1, `exactly one file matches ${re}`);
  for (const f of data) assert.ok(shipped.includes(f), `${f} ships`);
  const empty = shipped.filter((f) => fs.statSync(path.join(DIST, f)).size === 0);
  assert.deepEqual(empty, [], 'empty files in dist/');
});

test('Trunk\'s build lock is not served', async () => {
  assert.equal((await fetch(BASE + '.trunk-lock')).status, 404);
});
