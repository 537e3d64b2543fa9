"""Serves dist/ the way docs/hosting.md asks a council's web team to, so what we test is what they run.

    python3 scripts/serve.py PORT DIRECTORY [--prefix /budget/] [--embed-ancestors "https://a.example ..."]

- Compression: the pre-compressed `FILE.br` / `FILE.gz` that scripts/build writes beside each file,
  chosen by the request's Accept-Encoding (q-values honoured), with `Content-Encoding` and
  `Vary: Accept-Encoding`; the file itself when the browser accepts neither.
- Caching: Trunk's content-hashed files (`name-<8 to 16 hex digits>.js`, `_bg.wasm`, `.css`) are
  `immutable` for a year; everything else (the page, boot.js, sw.js, version.json, the datasets) is
  `no-cache` with an ETag, so a browser revalidates it and gets a new build at once.
- The Content-Security-Policy as an HTTP header, the same policy as the page's <meta> plus
  `frame-ancestors`, which a <meta> cannot set: `'self'` for the app, and for an embed
  (`?embed=1`) `'self'` plus --embed-ancestors (default `*`: any site may embed a chart).
- A sub-path: with --prefix /budget/ the site is at /budget/ and nothing else is served.

Standard library only. Nothing is compressed at request time.
"""
import argparse
import html
import email.utils
import http.server
import mimetypes
import os
import re
import sys
import urllib.parse
from functools import partial

# Trunk names its outputs `<name>-<hash>` with the hash in hex without leading zeros, so its length
# varies; 8 to 16 digits covers it without catching ordinary names.
HASHED = re.compile(r"-[0-9a-f]{8,16}(_bg)?\.(js|css|wasm)$")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# The header repeats the page's own policy (index.html's <meta>) for hosts that strip it, read
# from the built page itself so the two can never drift apart.
META_CSP = re.compile(r'<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"', re.I)


def page_policy(root):
    """The Content-Security-Policy of the built index.html's <meta> tag ("" if it has none)."""
    try:
        with open(os.path.join(root, "index.html"), encoding="utf-8") as f:
            m = META_CSP.search(f.read())
    except OSError:
        return ""
    return html.unescape(m.group(1)) if m else ""


TYPES = {".wasm": "application/wasm", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".html": "text/html; charset=utf-8", ".json": "application/json",
         ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8", ".md": "text/markdown; charset=utf-8",
         ".br": "application/octet-stream", ".gz": "application/gzip"}
# Most preferred first: brotli is about 15% smaller than gzip on the wasm.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def accepted(header):
    """The encodings an Accept-Encoding header allows (q > 0), as a dict name -> q."""
    out = {}
    for part in (header or "").split(","):
        name, *params = [p.strip() for p in part.split(";")]
        if not name:
            continue
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        out[name.lower()] = q
    return out


def choose_encoding(header, path):
    """(encoding, file) for the best pre-compressed variant the browser accepts, else (None, path)."""
    acc = accepted(header)
    best = None
    for rank, (name, suffix) in enumerate(ENCODINGS):
        q = acc.get(name, acc.get("*", 0.0))
        if q > 0 and os.path.isfile(path + suffix) and (best is None or q > best[0]):
            best = (q, name, path + suffix)
    return (best[1], best[2]) if best else (None, path)


class Handler(http.server.BaseHTTPRequestHandler):
    # Keep-alive: every response has a Content-Length (or is a 304).
    protocol_version = "HTTP/1.1"
    server_version = "dsg-explorer-serve"
    sys_version = ""

    def __init__(self, *args, directory, prefix, embed_ancestors, quiet, **kw):
        self.root, self.prefix, self.embed_ancestors, self.quiet = directory, prefix, embed_ancestors, quiet
        super().__init__(*args, **kw)

    def log_message(self, fmt, *args):
        if not self.quiet:
            super().log_message(fmt, *args)

    def do_HEAD(self):
        self.respond(body=False)

    def do_GET(self):
        self.respond(body=True)

    def plain(self, status, text, extra=()):
        data = (text + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        return data

    def respond(self, body):
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        if path + "/" == self.prefix:  # /budget -> /budget/, keeping the query (a shared link)
            data = self.plain(301, "Moved", [("Location", self.prefix + (f"?{url.query}" if url.query else ""))])
        elif not path.startswith(self.prefix):
            data = self.plain(404, f"Not found: the explorer is at {self.prefix}")
        else:
            data = self.serve_file(path[len(self.prefix):], url.query)
        if body and data:
            self.wfile.write(data)

    def serve_file(self, rel, query):
        parts = [p for p in rel.split("/") if p]
        # No way out of the directory, and nothing hidden (Trunk's .trunk-lock).
        if any(p in ("..", ".") or p.startswith(".") or "\\" in p for p in parts):
            return self.plain(404, "Not found")
        path = os.path.join(self.root, *parts)
        if os.path.isdir(path):
            if rel and not rel.endswith("/"):
                return self.plain(301, "Moved", [("Location", self.prefix + rel + "/" + (f"?{query}" if query else ""))])
            path = os.path.join(path, "index.html")
        elif rel.endswith("/"):
            # A file is not a folder (`high-needs.html/`): as a plain static server says, so the
            # page's relative addresses never resolve under a folder that is not there.
            return self.plain(404, "Not found")
        if not os.path.isfile(path):
            return self.plain(404, "Not found")
        ext = os.path.splitext(path)[1]
        ctype = TYPES.get(ext) or mimetypes.guess_type(path)[0] or "application/octet-stream"
        compressible = ext not in (".br", ".gz") and any(os.path.isfile(path + s) for _, s in ENCODINGS)
        encoding, file = choose_encoding(self.headers.get("Accept-Encoding"), path) if compressible else (None, path)
        st = os.stat(file)
        # A strong validator per variant: the br and gzip bodies differ, so must their ETags.
        etag = f'"{st.st_size:x}-{st.st_mtime_ns:x}{"-" + encoding if encoding else ""}"'
        cache = IMMUTABLE if HASHED.search(os.path.basename(path)) else REVALIDATE
        embed = urllib.parse.parse_qs(query).get("embed") == ["1"]
        ancestors = "'self'" + (f" {self.embed_ancestors}" if embed and self.embed_ancestors else "")
        if "*" in ancestors.split():
            ancestors = "*"
        headers = [
            ("Content-Type", ctype),
            ("Cache-Control", cache),
            ("ETag", etag),
            ("Last-Modified", email.utils.formatdate(st.st_mtime, usegmt=True)),
            ("Content-Security-Policy", f"{page_policy(self.root)}; frame-ancestors {ancestors}"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
        ]
        if compressible:
            headers.append(("Vary", "Accept-Encoding"))
        if encoding:
            headers.append(("Content-Encoding", encoding))
        inm = self.headers.get("If-None-Match")
        if inm and (inm.strip() == "*" or etag in [t.strip() for t in inm.split(",")]):
            self.send_response(304)
            for k, v in headers:
                if k not in ("Content-Type",):
                    self.send_header(k, v)
            self.end_headers()
            return b""
        with open(file, "rb") as f:
            data = f.read()
        self.send_response(200)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return data


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("port", type=int)
    ap.add_argument("directory")
    ap.add_argument("--prefix", default="/", help="the sub-path the site is served under, e.g. /budget/")
    ap.add_argument("--embed-ancestors", default="*", help="frame-ancestors sources allowed to embed ?embed=1 (default *)")
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--quiet", action="store_true", help="no request log")
    a = ap.parse_args(argv)
    prefix = "/" + a.prefix.strip("/") + "/" if a.prefix.strip("/") else "/"
    if not os.path.isfile(os.path.join(a.directory, "index.html")):
        sys.exit(f"serve.py: {a.directory}/index.html not found: build first (scripts/build)")
    handler = partial(Handler, directory=os.path.abspath(a.directory), prefix=prefix,
                      embed_ancestors=a.embed_ancestors.strip(), quiet=a.quiet)
    server = http.server.ThreadingHTTPServer((a.bind, a.port), handler)
    print(f"serving {a.directory} at http://{a.bind}:{server.server_address[1]}{prefix}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
