#!/usr/bin/env python3
"""Static feed server for bench/poll-cycle.sh.

One ThreadingHTTPServer (HTTP/1.1, keep-alive) on one loopback address. SimpleHTTPRequestHandler sends
Last-Modified and answers If-Modified-Since with 304, which is what makes the second poll cycle "unchanged".
*.rss is served as application/rss+xml, *.atom as application/atom+xml (both UTF-8). One log line per request
("GET /feed-0001.rss HTTP/1.1" 200 …) goes to --log, so the caller can count 200s and 304s.

Usage: serve.py --bind 127.0.0.3 --dir FEEDS --port-file P [--port 0] [--log FILE]
"""
import argparse
import functools
import http.server
import os
import sys
import threading


class FeedHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log_file = None
    log_lock = threading.Lock()

    def guess_type(self, path):
        if path.endswith(".rss"):
            return "application/rss+xml; charset=UTF-8"
        if path.endswith(".atom"):
            return "application/atom+xml; charset=UTF-8"
        return super().guess_type(path)

    def log_message(self, fmt, *args):
        if self.log_file is not None:
            with self.log_lock:
                self.log_file.write("%s %s\n" % (self.address_string(), fmt % args))
                self.log_file.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bind", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log")
    a = ap.parse_args()
    if not a.bind.startswith("127."):
        sys.exit("refusing to bind to a non-loopback address: " + a.bind)
    FeedHandler.log_file = open(a.log, "a", buffering=1) if a.log else None
    handler = functools.partial(FeedHandler, directory=a.dir)
    server = http.server.ThreadingHTTPServer((a.bind, a.port), handler)
    server.daemon_threads = True
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, a.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
