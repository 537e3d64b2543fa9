#!/usr/bin/env node
// Writes `FILE.br` (brotli, quality 11) and `FILE.gz` (gzip, level 9) beside every text and wasm
// file of a built site, so a host can send the smallest encoding a browser accepts without
// compressing on each request (nginx `gzip_static`/`brotli_static`, scripts/serve.py, ...).
// Node's own zlib does both: no dependency.
//
//   node scripts/precompress.mjs [DIR]      (default: dist)
//
// A variant that is not smaller than the file itself (a tiny version.json) is not written: a host
// then sends the file as it is. Variants left from an earlier build, whose file is gone, are removed.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = path.resolve(process.argv[2] || 'dist');
// Text formats the site ships, and wasm (compresses to about a third).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.md', '.xml', '.wasm', '.webmanifest', '.map']);

function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory() ? walk(p) : e.isFile() ? [p] : [];
  });
}

let written = 0, before = 0, after = 0;
for (const file of walk(dir)) {
  const ext = path.extname(file);
  if (ext === '.br' || ext === '.gz') {
    // A stale variant (its file was removed by a rebuild) must not be served.
    if (!fs.existsSync(file.slice(0, -ext.length))) fs.rmSync(file);
    continue;
  }
  if (!COMPRESSIBLE.has(ext)) continue;
  const raw = fs.readFileSync(file);
  const variants = {
    '.br': zlib.brotliCompressSync(raw, { params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: ext === '.wasm' ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    } }),
    '.gz': zlib.gzipSync(raw, { level: 9 }),
  };
  before += raw.length;
  let smallest = raw.length;
  for (const [suffix, body] of Object.entries(variants)) {
    const out = file + suffix;
    if (body.length >= raw.length) { fs.rmSync(out, { force: true }); continue; }
    fs.writeFileSync(out, body);
    // The same modification time as the file, so a host's Last-Modified agrees across encodings.
    const { atime, mtime } = fs.statSync(file);
    fs.utimesSync(out, atime, mtime);
    written++;
    smallest = Math.min(smallest, body.length);
  }
  after += smallest;
}
console.log(`precompress: ${written} .br/.gz files in ${path.relative(process.cwd(), dir) || '.'}; ${(before / 1024).toFixed(0)} kB of text and wasm, ${(after / 1024).toFixed(0)} kB as the smallest encodings`);
