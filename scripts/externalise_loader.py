#!/usr/bin/env python3
"""Trunk post-build hook: move Trunk's inline loader <script> into boot.js so the page's
Content-Security-Policy can forbid inline scripts. Also writes into the service worker the list of
files it precaches and a build id."""
import hashlib, json, os, pathlib, re, sys

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

# The service worker precaches every file of the build (the app, its styles and the shipped
# datasets) and names its cache by their contents: a new bundle or new data gets a new cache.
sw = staging / "sw.js"
if sw.exists():
    files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file() and p.name != "sw.js" and not p.name.startswith("."))
    # The page itself is cached as "./" (its address); index.html is the same file.
    urls = ["./" if f == "index.html" else f"./{f}" for f in files]
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.encode() + b"\0" + (staging / f).read_bytes())
    text = sw.read_text()
    marker = re.compile(r"/\*PRECACHE\*/.*?/\*END PRECACHE\*/", re.S)
    if not marker.search(text) or "__BUILD_ID__" not in text:
        sys.exit("externalise_loader: sw.js has no PRECACHE list or __BUILD_ID__ to fill in")
    text = marker.sub(lambda _: json.dumps(urls), text).replace("__BUILD_ID__", digest.hexdigest()[:12])
    sw.write_text(text)
