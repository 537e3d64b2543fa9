"""A static file server for dist/ that gzips text and wasm, as a real host would.

    python3 scripts/serve.py PORT DIRECTORY

Python's http.server sends the 1.3 MB wasm as it is; compressed it is about 520 kB, which is
what a phone on a slow line waits for. Compressed bodies are kept in memory by path and mtime.
"""
import gzip
import http.server
import os
import sys
from functools import partial

COMPRESS = {".wasm", ".js", ".css", ".html", ".json", ".svg", ".txt", ".md", ""}
_cache = {}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".js": "text/javascript"}

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or not os.path.isfile(path) or os.path.splitext(path)[1] not in COMPRESS:
            return super().send_head()
        if not self.path.split("?")[0].endswith("/") and os.path.isdir(self.translate_path(self.path)):
            return super().send_head()  # the directory redirect
        stamp = os.stat(path).st_mtime_ns
        hit = _cache.get(path)
        if not hit or hit[0] != stamp:
            with open(path, "rb") as f:
                hit = (stamp, gzip.compress(f.read(), 6))
            _cache[path] = hit
        body = hit[1]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        from io import BytesIO
        return BytesIO(body)


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=directory))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
