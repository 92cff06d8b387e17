"""Reads one of Hallway's Atom feeds with feedparser (Debian's python3-feedparser), the parser most feed readers'
behaviour is measured against, and compares it with what Hallway's JSON API says the feed holds.

usage: check_feed.py FEED_FILE EXPECTED_JSON
EXPECTED_JSON: [{"title": ..., "url": ...}, ...] in feed order.
Prints every problem and exits 1 if there is any.
"""
import json
import sys

import feedparser


def main(feed_file, expected_file):
    with open(feed_file, "rb") as f:
        parsed = feedparser.parse(f.read())
    with open(expected_file, encoding="utf-8") as f:
        expected = json.load(f)
    problems = []
    if parsed.bozo:
        problems.append("bozo: %r" % (parsed.get("bozo_exception"),))
    if parsed.version != "atom10":
        problems.append("version %r, not atom10" % parsed.version)
    if len(parsed.entries) != len(expected):
        problems.append("%d entries, expected %d" % (len(parsed.entries), len(expected)))
    for got, want in zip(parsed.entries, expected):
        if got.get("title") != want["title"]:
            problems.append("title %r, expected %r" % (got.get("title"), want["title"]))
        if got.get("link") != want["url"]:
            problems.append("link %r, expected %r" % (got.get("link"), want["url"]))
        if not got.get("id"):
            problems.append("entry without id: %r" % got.get("title"))
    for problem in problems:
        print(problem)
    print("feedparser: %d entries, bozo=%d, %d problems" % (len(parsed.entries), parsed.bozo, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
