// Measures the four opt-level × wasm-opt variants that bench/optlevel built (run from tests/e2e).
//   node ../../bench/optlevel.mjs WORK DIST PROFILE_LEVEL
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { freePort } from '../tests/e2e/serve_lib.mjs';

const [work, dist, profileLevel] = process.argv.slice(2);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const HERE = path.dirname(new URL(import.meta.url).pathname);
const shippedWasm = fs.readdirSync(dist).find((f) => /^dsg_explorer-[0-9a-f]+_bg\.wasm$/.test(f));
const shippedJs = fs.readdirSync(dist).find((f) => /^dsg_explorer-[0-9a-f]+\.js$/.test(f));

async function browserBench(level, wasmFile) {
  // A copy of dist/ with this variant's wasm and its wasm-bindgen glue under the shipped names.
  const site = path.join(work, `site-${level}-${path.basename(wasmFile, '.wasm')}`);
  fs.rmSync(site, { recursive: true, force: true });
  fs.cpSync(dist, path.join(site, 'budget'), { recursive: true, filter: (f) => !/\.(br|gz)$/.test(f) });
  fs.copyFileSync(wasmFile, path.join(site, 'budget', shippedWasm));
  fs.copyFileSync(path.join(work, level, 'dsg_explorer.js'), path.join(site, 'budget', shippedJs));
  const port = await freePort();
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', site], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 700));
    const out = execFileSync('node', [path.join(HERE, 'browser.mjs')], {
      env: { ...process.env, BASE_URL: `http://127.0.0.1:${port}/budget/`, DIST: path.join(site, 'budget') }, encoding: 'utf8' });
    const r = JSON.parse(out);
    return { first_chart_median_ms: r.first_chart_ms.median, slider_update_median_ms: r.slider_input_to_repaint?.update_median_ms,
      slider_update_p95_ms: r.slider_input_to_repaint?.update_p95_ms, slider_first_three_ms: r.slider_input_to_repaint?.each_run?.map((x) => x.first_three_ms) };
  } finally {
    server.kill();
    fs.rmSync(site, { recursive: true, force: true });
  }
}

const variants = {};
for (const level of ['s', 'z']) {
  for (const w of ['s', 'z']) {
    const file = path.join(work, level, `O${w}.wasm`);
    const buf = fs.readFileSync(file);
    const compile = [];
    for (let i = 0; i < 5; i++) { const t = performance.now(); await WebAssembly.compile(buf); compile.push(performance.now() - t); }
    const key = `opt-level=${level}, wasm-opt -O${w}`;
    variants[key] = {
      raw: buf.length,
      gzip: zlib.gzipSync(buf, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      node_compile_median_ms: +median(compile).toFixed(1),
      ...(await browserBench(level, file)),
    };
    console.error(key, JSON.stringify(variants[key]));
  }
}
const smallest = Object.entries(variants).sort((a, b) => a[1].brotli - b[1].brotli)[0][0];
console.log(JSON.stringify({ date: new Date().toISOString(), release_profile_opt_level: profileLevel, shipped: `opt-level=${profileLevel}, wasm-opt -Oz`,
  smallest_brotli: smallest, variants }, null, 2));
