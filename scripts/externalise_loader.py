#!/usr/bin/env python3
"""Trunk post-build hook: move Trunk's inline loader <script> into boot.js so the page's
Content-Security-Policy can forbid inline scripts. Also gives the build an id (in the page and in
version.json) and writes into the service worker the list of files it precaches."""
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
# Trunk's static import becomes a dynamic one inside the try below: a static import that fails
# (the file missing, the line down) would stop the module before any of it ran, with no message,
# and a link's pending scenario would say "loading" for ever. The modulepreload Trunk puts in the
# page still fetches it as early as before.
binding = re.compile(r"import init, \* as bindings from '(\./[A-Za-z0-9_.-]+\.js)';")
if len(imports) != 1 or not binding.fullmatch(imports[0].strip()):
    sys.exit(f"externalise_loader: expected Trunk's one import line, found {imports!r}")
js_file = binding.fullmatch(imports[0].strip()).group(1)
# A clear message instead of a silent blank page when the app cannot start, naming why: no
# WebAssembly in this browser, WebAssembly it cannot compile or run, no network, or its files
# not to be had.
body = """const boot = document.getElementById('boot');
try {"""
rest = [f"  const bindings = await import('{js_file}');", "  const init = bindings.default;"] + rest
body = body + """
  // A pre-rendered page is shown before the wasm is fetched and started. The app's start is
  // main-thread work that would otherwise hold back the first paint of a page that is already
  // readable; and Lighthouse takes every request that ended before the first paint as one the
  // paint waited for (on a loaded machine, whose first paint came late, its estimate of the LCP
  // went through the wasm's download, to 4 s). So the fetch waits until the browser has the
  // first paint on record, polling a frame at a time, 1.5 s at most; not at all in a tab
  // opened in the background, which paints nothing until it is shown. When it waits, the app's
  // takeover waits for the same paint until the same time (`__firstPaintBy`, takeover.rs), so a
  // browser that never reports it waits 1.5 s in all, not once here and again there; when it
  // does not (a background tab), the takeover keeps its own 1.5 s from the app being ready.
  const painted = () => (performance.getEntriesByType?.('paint') ?? []).some((e) => e.name === 'first-contentful-paint');
  const timed = window.PerformanceObserver?.supportedEntryTypes?.includes('paint');
  if (document.getElementById('prerendered') && timed && !document.hidden && !painted()) {
    window.__firstPaintBy = performance.now() + 1500;
    await new Promise((done) => {
      const poll = () => (painted() || performance.now() > window.__firstPaintBy ? done() : requestAnimationFrame(() => setTimeout(poll, 0)));
      requestAnimationFrame(() => setTimeout(poll, 0));
      setTimeout(done, 1500);
    });
  }
""" + "\n".join(rest) + """
  boot?.remove();
  // Offline support, registered once the app has shown its first figures (it says so with
  // `dsg-figures-shown`), the reader has paused (no input for 2 s) and the browser is idle: the
  // service worker's precache fetches and stores every file of the build, which on a first visit
  // would otherwise slow the first chart and a reader's first moves of a slider.
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    const register = () => navigator.serviceWorker.register('./sw.js').catch(() => {});
    const inputs = ['input', 'keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'scroll'];
    let pause;
    const paused = () => {
      for (const e of inputs) removeEventListener(e, again, true);
      if ('requestIdleCallback' in window) requestIdleCallback(register, { timeout: 2000 }); else setTimeout(register, 200);
    };
    const again = () => { clearTimeout(pause); pause = setTimeout(paused, 2000); };
    addEventListener('dsg-figures-shown', () => {
      for (const e of inputs) addEventListener(e, again, { capture: true, passive: true });
      again();
    }, { once: true });
  }
} catch (e) {
  const wasmError = typeof WebAssembly === 'object' && [WebAssembly.CompileError, WebAssembly.LinkError, WebAssembly.RuntimeError].some((E) => E && e instanceof E);
  const why = typeof WebAssembly !== 'object' ? 'this browser does not run WebAssembly, which it needs'
    : wasmError ? 'this browser could not run its WebAssembly: if its download was cut short, reloading the page may help; if not, a newer browser may'
    : navigator.onLine === false ? 'this device is offline and the explorer’s files are not stored on it yet'
    : 'its files could not be downloaded; reloading the page may help';
  if (boot) boot.textContent = `The explorer could not start: ${why}. (${e})`;
  // A pre-rendered page has no start-up message to hold the error itself: kept for a test's report.
  window.__bootError = String(e);
  // Over a pre-rendered page: the page stays; a link's own scenario cannot be worked out, so
  // the default figures are shown, saying so (prerender.js had set them aside).
  const pending = document.getElementById('scenario-pending');
  const root = document.documentElement;
  const linksOwn = pending && root.classList.contains('scenario-pending');
  // The pre-rendered page's controls can change nothing now: back to the values it was built
  // with and disabled, as without JavaScript (prerender.js); over the default view, its bar says
  // why, at the top of the page, or at the foot of the screen for a reader who was using the page
  // (who may have moved a slider and be waiting for it). Without prerender.js's function, at
  // least disabled.
  const cannot = window.__prerenderedCannotChange ?? (() => { for (const el of document.querySelectorAll('#prerendered [data-until-js]')) el.disabled = true; });
  cannot(linksOwn ? '' : `The explorer could not start: ${why}. This page shows the published figures with the default assumptions, as they were when it was built, and they cannot be changed.`);
  if (linksOwn) {
    // Whose figures they are: a link with `src` or `data` asked for another council's.
    const council = document.querySelector('#prerendered footer .council')?.textContent;
    // And whose page: a `?page=` link opens the folder's index.html, the Overview, and only the
    // app turns it into the page asked for (a trial read Capital's link over the Overview).
    const nav = [...document.querySelectorAll('#prerendered header.site nav a')];
    const asked = new URLSearchParams(location.search).get('page');
    const named = (slug) => nav.find((a) => slug && new URL(a.href, location.href).pathname.endsWith(`/${slug}.html`))?.textContent.trim();
    const here = nav.find((a) => a.getAttribute('aria-current') === 'page')?.textContent.trim();
    const askedName = asked && asked !== root.getAttribute('data-page') ? named(asked) : null;
    const otherPage = askedName && here ? ` This is the ${here} page; the link asked for ${askedName}.` : '';
    pending.textContent = `The explorer could not start (${why}), so this link’s own scenario cannot be shown. The figures below are ${council ? `${council}’s` : 'the'} published figures with the default assumptions, not this link’s.${otherPage}`;
    root.classList.replace('scenario-pending', 'scenario-failed');
  }
}
"""
(staging / "boot.js").write_text(body)

html = html[: m.start()] + '<script type="module" src="./boot.js"></script>' + html[m.end():]
if pattern.search(html):
    sys.exit("externalise_loader: more than one inline script")
index.write_text(html)

# No preload of the wasm: the page is pre-rendered, so what a reader sees first is the HTML and the
# stylesheet, and half a megabyte of wasm fetched at the highest priority during the first paint
# competes with them on a slow line (Lighthouse's mobile simulation put the first paint of the
# text behind it: LCP 3.6 s). boot.js starts the wasm's download as soon as it runs.
wasm_preload = re.compile(r'<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>\n?')
html = index.read_text()
if len(wasm_preload.findall(html)) != 1:
    sys.exit("externalise_loader: expected one wasm preload from Trunk in index.html")
index.write_text(wasm_preload.sub("", html))

# The manifest and the default dataset download with the wasm, not after it has started:
# prerender.js fetches both as the page is read and the app takes those responses (src/ui/fetch.rs;
# a preload the app itself used had Chromium warn of it, unused, when the wasm came seconds late).
# The manifest is also preloaded, at the end of the head, so its download starts as the HTML is
# read and prerender.js's request (made once the document is parsed) is served by it; before the
# script, it delayed Sources' largest paint in Lighthouse. The dataset is fetched by prerender.js
# alone, which reads the link first: a link with `src` or another dataset does not read the
# default one. The file's path is in a <meta> before that script, where it can read it.
preload = '<link rel="preload" href="data/manifest.json" as="fetch" crossorigin="anonymous">'
script = '<script src="prerender.js"></script>'
manifest = staging / "data" / "manifest.json"
html = index.read_text()
if html.count(script) != 1:
    sys.exit("externalise_loader: expected one prerender.js script in index.html")
if manifest.exists():
    default = next((d for d in json.loads(manifest.read_text()).get("datasets", []) if d.get("default")), None)
    if default and re.fullmatch(r"[A-Za-z0-9._-]+\.json", default.get("path", "")):
        html = html.replace(script, f'<meta name="dsg-default-data" content="data/{default["path"]}">\n  {script}', 1)
if "</head>" not in html:
    sys.exit("externalise_loader: index.html has no </head> to put the preload before")
html = html.replace("</head>", preload + "\n</head>", 1)
index.write_text(html)

# Every page's default view, pre-rendered into index.html and one <page>.html per page by the same
# components the app mounts (src/bin/prerender.rs, a native build of this crate). Done before the
# build id, which covers the pages, and before the service worker's list, which includes them.
import subprocess
subprocess.run(["cargo", "run", "--quiet", "--bin", "prerender", "--", str(staging)], check=True)
pages = sorted(p for p in staging.glob("*.html"))

# One build id for this build, from its files' contents (the same sources give the same id, so a
# rebuild that changes nothing does not announce an update). It names the service worker's cache,
# is written into the page (<meta name="dsg-explorer-build">) and into version.json, which an open
# page fetches to learn that a newer build has been deployed (src/ui/components/update_notice.rs).
BUILT_LATER = {"sw.js", "version.json"}
files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*")
               if p.is_file() and not p.name.startswith(".") and p.suffix not in (".br", ".gz")
               and p.relative_to(staging).as_posix() not in BUILT_LATER)
digest = hashlib.sha256()
for f in files:
    digest.update(f.encode() + b"\0" + (staging / f).read_bytes())
build_id = digest.hexdigest()[:12]
for page in pages:
    html = page.read_text()
    if "</head>" not in html:
        sys.exit(f"externalise_loader: {page.name} has no </head> to put the build id before")
    html = html.replace("</head>", f'<meta name="dsg-explorer-build" content="{build_id}">\n</head>', 1)
    page.write_text(html)
(staging / "version.json").write_text(json.dumps({"build": build_id}) + "\n")

# The service worker precaches every file of the build (the app, its styles and the shipped
# datasets) and names its cache by the build id: a new bundle or new data gets a new cache.
# version.json is left to the network: it is only ever asked for to see whether it changed.
sw = staging / "sw.js"
if sw.exists():
    # The page itself is cached as "./" (its address); index.html is the same file.
    urls = ["./" if f == "index.html" else f"./{f}" for f in files]
    text = sw.read_text()
    marker = re.compile(r"/\*PRECACHE\*/.*?/\*END PRECACHE\*/", re.S)
    if not marker.search(text) or "__BUILD_ID__" not in text:
        sys.exit("externalise_loader: sw.js has no PRECACHE list or __BUILD_ID__ to fill in")
    text = marker.sub(lambda _: json.dumps(urls), text).replace("__BUILD_ID__", build_id)
    sw.write_text(text)
