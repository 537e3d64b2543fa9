// Starts scripts/serve.py (the server ./serve runs, serving dist/ as docs/hosting.md describes) on a
// free port for a test, and reads raw responses (node's fetch would undo the Content-Encoding).
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

/** A test server (`python3 script args…`) started and waited for: resolves once `base` answers
 * 200, with { base, stop }. */
export async function startServer(script, args, base) {
  const child = spawn('python3', [path.join(REPO, 'scripts', script), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  for (let i = 0; ; i++) {
    try { const r = await raw(base); if (r.status === 200) break; } catch { /* not up yet */ }
    if (i > 100 || child.exitCode !== null) throw new Error(`${script} did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill();
  });
  return { base, stop };
}

/** serve.py on `dir` under `prefix`; resolves once it answers, with { base, port, stop }. */
export async function serve(dir, { prefix = '/budget/', args = [] } = {}) {
  const port = await freePort();
  const server = await startServer('serve.py', [String(port), dir, '--prefix', prefix, '--quiet', ...args], `http://127.0.0.1:${port}${prefix}`);
  return { ...server, port };
}

/** A GET (or `method`) with exactly these request headers; the body as sent, not decoded. */
export function raw(url, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
