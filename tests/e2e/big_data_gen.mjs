// Big and hostile dataset files, made at test time from the shipped dataset (never committed).
// Used by big_data.test.mjs and bench/browser.mjs.

/** The shipped dataset with `n` papers in all (compact JSON, about 48 bytes a paper, so 100,000
 * papers make a 4.8 MB file), and the net budget citing the last one (a paper on a far page). */
export function withDocuments(shipped, n) {
  const d = structuredClone(shipped);
  const extra = n - d.documents.length;
  for (let i = 0; i < extra; i++) d.documents.push({ id: `p${i}`, title: 'P', date: '2024-01-31' });
  if (extra > 0) d.budget.net_budget.source = `p${extra - 1}`;
  return d;
}

export function file(name, text) {
  return { name, mimeType: 'application/json', buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) };
}

/** A seeded random generator, so a failure can be reproduced. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

/** Hostile files: [name, buffer, expect] where expect is 'refused', 'loaded' or 'either'. */
export function hostile(shipped, seed = 19) {
  const text = JSON.stringify(shipped, null, 2);
  const rand = rng(seed);
  const cases = [];
  const add = (name, body, expect) => cases.push([name, Buffer.isBuffer(body) ? body : Buffer.from(body), expect]);
  add('empty.json', '', 'refused');
  add('not-json.json', 'hello, this is not JSON', 'refused');
  add('binary.json', Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x9f, 0xc3, 0x28]), 'refused');
  add('truncated.json', text.slice(0, Math.floor(text.length / 2)), 'refused');
  add('truncated-end.json', text.slice(0, text.length - 2), 'refused');
  add('huge-number.json', text.replace('"schema_version": 1', '"schema_version": 1e400'), 'refused');
  add('huge-number-value.json', text.replace('"value": "212800000"', '"value": 1e400'), 'refused');
  add('deeply-nested.json', `{"schema_version": 1, "id": ${'['.repeat(100000)}${']'.repeat(100000)}}`, 'refused');
  add('top-level-list.json', '[1, 2, 3]', 'refused');
  add('over-5mb.json', text + ' '.repeat(5_000_001 - Buffer.byteLength(text)), 'refused');
  for (let i = 0; i < 20; i++) {
    const bytes = Buffer.from(text);
    const flips = 1 + Math.floor(rand() * 4);
    for (let j = 0; j < flips; j++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 128);
    add(`mutated-${i}.json`, bytes, 'either');
  }
  const over = (path, n, make) => {
    const d = structuredClone(shipped);
    const parts = path.split('.');
    const parent = parts.slice(0, -1).reduce((o, k) => o[k], d);
    const key = parts.at(-1);
    const first = parent[key]?.[0] ?? make?.();
    const list = [];
    for (let i = 0; i < n; i++) list.push({ ...structuredClone(first), ...(first.id !== undefined ? { id: `c${i}` } : {}) });
    parent[key] = list;
    return JSON.stringify(d);
  };
  add('over-documents.json', JSON.stringify(withDocuments(shipped, 100_001)), 'refused');
  add('over-schemes.json', over('capital.schemes', 1001), 'refused');
  add('over-placements.json', over('high_needs.model.placements', 51), 'refused');
  add('over-forecasts.json', over('high_needs.forecasts', 201), 'refused');
  add('over-ehcp-groups.json', over('high_needs.ehcp_groups', 101), 'refused');
  add('over-placement-costs.json', over('high_needs.placement_costs', 501), 'refused');
  add('over-directorates.json', over('savings.directorates', 101), 'refused');
  const html = structuredClone(shipped);
  html.council = '<img src=x onerror="window.__pwned=1">Htmlshire';
  html.documents[0].title = '<script>window.__pwned=2</script>Paper';
  html.documents[0].url = 'javascript:window.__pwned=3';
  html.budget.net_budget.label = '<b onmouseover="window.__pwned=4">Net</b>';
  add('html.json', JSON.stringify(html), 'loaded');
  return cases;
}
