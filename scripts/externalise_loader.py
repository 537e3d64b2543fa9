#!/usr/bin/env python3
"""Trunk post-build hook: move Trunk's inline loader <script> into boot.js so the page's
Content-Security-Policy can forbid inline scripts. Also stamps the service worker with a build id."""
import hashlib, os, pathlib, re, sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", sys.argv[1] if len(sys.argv) > 1 else "dist"))
index = staging / "index.html"
html = index.read_text()
pattern = re.compile(r'<script type="module"(?: nonce="[^"]*")?>(.*?)</script>', re.S)
m = pattern.search(html)
if not m:
    sys.exit("externalise_loader: no inline module script found in index.html")
lines = m.group(1).strip().splitlines()
imports = [l for l in lines if l.lstrip().startswith("import ")]
rest = [l for l in lines if not l.lstrip().startswith("import ")]
# A clear message instead of a silent blank page when WebAssembly cannot start.
body = "\n".join(imports) + "\n" + """const boot = document.getElementById('boot');
try {
""" + "\n".join(rest) + """
  boot?.remove();
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('./sw.js').catch(() => {});
  }
} catch (e) {
  if (boot) boot.textContent = 'The explorer could not start in this browser (it needs WebAssembly). ' + e;
}
"""
(staging / "boot.js").write_text(body)
html = html[: m.start()] + '<script type="module" src="./boot.js"></script>' + html[m.end():]
if pattern.search(html):
    sys.exit("externalise_loader: more than one inline script")
index.write_text(html)

# The service worker caches by build: a new bundle gets a new cache name.
sw = staging / "sw.js"
if sw.exists():
    digest = hashlib.sha256(html.encode()).hexdigest()[:12]
    sw.write_text(sw.read_text().replace("__BUILD_ID__", digest))
