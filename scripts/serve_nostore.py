#!/usr/bin/env python3
"""A static file server that forbids every cache but the service worker's own, as many hosts do:
each response says `Cache-Control: no-cache, no-store` (and no validators), so the browser's
HTTP cache keeps nothing and a page works offline only if the service worker precached it.
Used by tests/e2e/offline.test.mjs.

    python3 scripts/serve_nostore.py PORT DIRECTORY
"""
import http.server
import sys
from functools import partial


class NoStoreHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".js": "text/javascript"}

    def send_header(self, keyword, value):
        # No Last-Modified: nothing for the browser to revalidate against.
        if keyword.lower() != "last-modified":
            super().send_header(keyword, value)

    def end_headers(self):
        super().send_header("Cache-Control", "no-cache, no-store")
        super().send_header("Pragma", "no-cache")
        super().end_headers()

    def log_message(self, *args):
        pass


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(NoStoreHandler, directory=directory))
    print(f"serving {directory} on http://127.0.0.1:{port}/ with Cache-Control: no-cache, no-store", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
