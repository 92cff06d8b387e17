#!/usr/bin/env bash
# Loads GET /feed.atom with wrk on loopback, for a store of 10,000 entries, against a static file of the same
# bytes served by the same Quarkus server, so the ratio shows what our dynamic path costs, and against Debian's
# nginx serving those bytes as a static file (what a user would run instead: issue 13's targets).
#
#   bench/feed-wrk.sh            # from the repository root; about 8–10 minutes (two builds, polling, 7 × 20 s of wrk)
#
# What it does:
#   1. generates 500 RSS 2.0 feeds × 20 items (realistic HTML bodies) and serves them on 127.0.0.1
#      with a small Python ThreadingHTTPServer;
#   2. copies the working tree (without target/, data/, .git) to a scratch dir, builds and starts the app there
#      against a fresh H2 file database, POSTs /admin/poll, checks ~10,000 entries stored, saves
#      GET /feed.atom as src/main/resources/META-INF/resources/static-feed.atom in the copy, stops,
#      rebuilds, restarts against the same database (Quarkus only serves static files known at build time);
#   3. runs wrk (--latency, THREADS threads, CONNS connections, WARMUP s warm-up then DURATION s measured)
#      against (a) /feed.atom, (b) /feed.atom with If-None-Match: <its ETag>, (c) /static-feed.atom,
#      (d) /static-feed.atom with If-None-Match: <its ETag>. Quarkus gives static files no ETag (only
#      Last-Modified): then (d) is skipped, said so, and (b2)/(d2) compare If-Modified-Since on both instead.
#      (e)/(f): (a)/(c) with Accept-Encoding: gzip, as feed readers send it (GZIP=0 skips them).
#      Before all that, (a0): COLD s of /feed.atom straight after the restart (empty page cache), shown apart;
#      (g)/(h): nginx (Debian's, installed with apt-get when missing; NGINX=0 skips it) started by this script on
#      127.0.0.1 as a foreground process with a config and prefix of its own, serving the saved bytes with sendfile
#      and its ETag; (g) plain, (h) with If-None-Match (its 304s, for information). Hallway/nginx ratios for (a)/(g)
#      (goal GOAL, 0.80) and (b)/(g) (goal GOAL_304, 2.0);
#   4. prints requests/s, p50/p90/p99 and the dynamic/static ratios, then (PROFILE=1) takes jstack samples
#      of the server under a separate /feed.atom load and prints where the busy threads are (dev.hallway.* first).
#
# Knobs (environment): FEEDS=500 ITEMS=20 THREADS=2 CONNS=32 WARMUP=5 DURATION=15 ROUNDS=1 (median over rounds)
#   GZIP=1 COLD=10 (0: skip a0) PROFILE=1 (jstack under /feed.atom: plain, If-None-Match, gzip) JSTACK_SAMPLES=8
#   JAVA_OPTS="" (the server JVM) GOAL=0.80 GOAL_304=2.0 NGINX=1 NGINX_WORKERS=auto
#   BUILD_ARGS="" (added to both builds; BUILD_ARGS=-Dquarkus.http.enable-compression=false shows the static file at
#   its best: with compression, a build-time setting, Vert.x copies it through 8 KiB reads instead of sendfile)
#   KEEP=1 keeps the scratch dir (app copy, H2 database, raw wrk and jstack output); it is kept on failure too.
# Only 127.0.0.1 is ever contacted. Nothing in the repository is modified. wrk, the app and nginx share the CPUs.
set -euo pipefail

FEEDS=${FEEDS:-500}
ITEMS=${ITEMS:-20}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-15}
ROUNDS=${ROUNDS:-1}
PROFILE=${PROFILE:-1}
JSTACK_SAMPLES=${JSTACK_SAMPLES:-8}
JAVA_OPTS=${JAVA_OPTS:-}
KEEP=${KEEP:-0}
GOAL=${GOAL:-0.80}
BUILD_ARGS=${BUILD_ARGS:-}
GZIP=${GZIP:-1}
GOAL_304=${GOAL_304:-2.0}
NGINX=${NGINX:-1}
NGINX_WORKERS=${NGINX_WORKERS:-auto}

REPO=$(cd "$(dirname "$0")/.." && pwd)
if [ "$NGINX" = 1 ] && ! command -v nginx >/dev/null && ! [ -x /usr/sbin/nginx ] || ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "feed-wrk: installing Debian's nginx and wrk (apt-get install -y nginx wrk)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y nginx wrk >/dev/null \
      || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx wrk >/dev/null; } \
      || echo "feed-wrk: could not install nginx/wrk" >&2
  fi
fi
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
if [ "$NGINX" = 1 ] && ! [ -x "$NGINX_BIN" ]; then
  echo "feed-wrk: nginx not found (apt-get install nginx), its cases are skipped" >&2
  NGINX=0
fi
for tool in wrk curl java python3 tar; do
  command -v "$tool" >/dev/null || { echo "feed-wrk: needs $tool" >&2; exit 2; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hallway-feed-wrk.XXXXXX")
APP="$WORK/app"        # scratch copy of the repository
FEEDDIR="$WORK/feeds"  # generated feeds
RAW="$WORK/raw"        # wrk and jstack output
mkdir -p "$APP" "$FEEDDIR" "$RAW"
SERVER_PID=""
APP_PID=""
LOAD_PID=""
NGINX_PID=""
NGX=""      # nginx's prefix (config, document root, logs): world-readable, for its worker processes

stop_pid() { # pid, seconds to wait before SIGKILL
  local pid=$1 wait=${2:-20} i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < wait * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  stop_pid "$LOAD_PID" 2
  stop_pid "$APP_PID" 20
  stop_pid "$SERVER_PID" 5
  stop_pid "$NGINX_PID" 5
  if [ -n "$NGX" ]; then
    if [ "$KEEP" = 1 ] || [ $rc -ne 0 ]; then echo "feed-wrk: nginx prefix kept: $NGX" >&2; else rm -rf "$NGX"; fi
  fi
  if [ "$KEEP" = 1 ] || [ $rc -ne 0 ]; then
    echo "feed-wrk: scratch dir kept: $WORK (app log: $WORK/app.log)" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[feed-wrk %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
c() { curl --noproxy '*' -sS "$@"; }

# ---------------------------------------------------------------------------------------------------------------
# 1. feeds: FEEDS × ITEMS items of RSS 2.0, served on 127.0.0.1
# ---------------------------------------------------------------------------------------------------------------
FEED_PORT=$(free_port)
log "generating $FEEDS feeds × $ITEMS items into $FEEDDIR"
python3 - "$FEEDDIR" "$FEEDS" "$ITEMS" "$FEED_PORT" <<'PY'
import os, random, sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

out, nfeeds, nitems, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(20260401)
base = f"http://127.0.0.1:{port}"
words = ("the a of to and in is that for it on with as this we was are be at by from have our not but can "
         "database query index replication postgres mysql kernel scheduler latency throughput cache memory "
         "container kubernetes cluster node pod deployment network packet router firewall compiler runtime "
         "garbage collector heap thread lock mutex atomic benchmark profile flame graph trace span metric "
         "dashboard alert incident postmortem release version upgrade migration schema table column row "
         "transaction commit rollback snapshot backup restore storage disk filesystem block object bucket "
         "stream queue topic partition consumer producer broker event message protocol request response "
         "server client browser frontend backend service api endpoint gateway proxy load balancer tls "
         "certificate key secret token auth identity user session cookie header payload json yaml xml "
         "rust go java python javascript typescript ruby elixir haskell ocaml zig c linux bsd debian fedora "
         "talk speaker room hallway track keynote slides video recording audience question answer demo "
         "community maintainer contributor patch review merge branch fork issue bug fix regression test "
         "coverage fuzzing sanitizer static analysis lint format build package dependency vendor license "
         "open source foundation governance funding sponsor volunteer meetup workshop tutorial lightning "
         "morning afternoon evening coffee lunch dinner train flight hotel city brussels pasadena amsterdam "
         "interesting surprising useful clever elegant practical slow fast small large simple hard easy new "
         "old first second third next last really quite very mostly probably definitely somehow anyway").split()
conferences = ["FOSDEM 2024", "SCaLE 21x", "Percona Live 2023", "dotScale 2019", "KubeCon Europe 2024",
               "PGConf.EU 2023", "All Systems Go! 2023", "Linux Plumbers Conference 2022", "GopherCon 2023",
               "Open Source Summit 2024", "DevOpsDays Amsterdam 2024", "FOSDEM 2020"]
kinds = ["recap", "notes from", "my takeaways from", "Day 2 at", "looking back on", "what I learned at"]
topics = ["Tuning {w} for {w2}", "Why our {w} was slow", "A tour of the {w} {w2}", "Debugging {w} in production",
          "Notes on {w} and {w2}", "How we replaced our {w}", "Ten years of {w}", "The {w} {w2} nobody talks about",
          "Measuring {w} {w2}", "Rewriting the {w} in {lang}", "Shipping {w} {w2} safely", "Lessons from a {w} outage"]
langs = ["Rust", "Go", "Java", "Zig", "OCaml", "Elixir"]
first = ["Alice", "Bruno", "Chloé", "Dmitri", "Eva", "Farid", "Greta", "Hiro", "Inès", "Jonas", "Kemal", "Lena",
         "Marta", "Noah", "Olga", "Pablo", "Quentin", "Rosa", "Sven", "Tariq", "Ute", "Vera", "Wen", "Yusuf", "Zoé"]
last = ["Martin", "Schmidt", "Dubois", "Kowalski", "Rossi", "Novak", "Jensen", "Tanaka", "Silva", "Müller",
        "Petit", "Okafor", "Larsen", "Moreau", "Hoffmann", "Nakamura", "Costa", "Berger", "Lindqvist", "Haddad"]
tagpool = ["databases", "postgres", "kubernetes", "linux", "rust", "go", "java", "performance", "security",
           "networking", "conferences", "devops", "open-source", "observability", "storage", "compilers"]
now = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)

def sentence(n=None):
    n = n or rnd.randint(8, 22)
    s = " ".join(rnd.choice(words) for _ in range(n))
    return s[0].upper() + s[1:] + rnd.choice([".", ".", ".", "?", "!"])

def para(k=None):
    return " ".join(sentence() for _ in range(k or rnd.randint(3, 6)))

def body(blog, slug, title):
    parts = [f"<p>{escape(para())}</p>"]
    for sec in range(rnd.randint(2, 4)):
        parts.append(f"<h2>{escape(sentence(4)[:-1])}</h2>")
        parts.append(f'<p>{escape(para())} See <a href="{base}/{blog}/posts/{slug}-ref{sec}.html">'
                     f"{escape(sentence(3)[:-1])}</a> for the details, and <em>{escape(sentence(3)[:-1])}</em>.</p>")
        r = rnd.random()
        if r < 0.35:
            code = "\n".join(f"{rnd.choice(['let', 'val', 'var', 'const'])} {rnd.choice(words)}_{i} = "
                             f"{rnd.choice(words)}({rnd.randint(0, 999)}); // {rnd.choice(words)}" for i in range(rnd.randint(3, 9)))
            parts.append(f'<pre><code class="language-rust">{escape(code)}</code></pre>')
        elif r < 0.6:
            parts.append("<ul>" + "".join(f"<li>{escape(sentence(6))}</li>" for _ in range(rnd.randint(3, 6))) + "</ul>")
        elif r < 0.75:
            parts.append(f"<blockquote><p>{escape(para(2))}</p></blockquote>")
        elif r < 0.9:
            parts.append(f'<figure><img src="{base}/{blog}/img/{slug}-{sec}.png" alt="{escape(sentence(4)[:-1])}" '
                         f'width="800" height="450"><figcaption>{escape(sentence(6))}</figcaption></figure>')
        parts.append(f"<p>{escape(para())}</p>")
    parts.append(f'<p>Thanks for reading — comments welcome on <a href="{base}/{blog}/about.html">the about page</a>.</p>')
    return "\n".join(parts)

lines = ["defaults:", "  interval: 30m", "feeds:"]
for f in range(nfeeds):
    blog = f"blog-{f:03d}"
    owner = f"{rnd.choice(first)} {rnd.choice(last)}"
    name = f"{owner}'s notes ({blog})"
    items = []
    t = now - timedelta(hours=rnd.randint(1, 72))
    for i in range(nitems):
        t -= timedelta(hours=rnd.randint(6, 24 * 9), minutes=rnd.randint(0, 59))
        if rnd.random() < 0.15:
            title = f"{rnd.choice(conferences)} {rnd.choice(kinds)}".strip()
            title = title[0].upper() + title[1:]
        else:
            w, w2 = rnd.sample(words[30:], 2)
            title = rnd.choice(topics).format(w=w, w2=w2, lang=rnd.choice(langs))
        slug = f"{t:%Y-%m-%d}-post-{i:02d}"
        link = f"{base}/{blog}/posts/{slug}.html"
        html = body(blog, slug, title)
        summary = escape(para(2))
        cats = "".join(f"<category>{c}</category>" for c in rnd.sample(tagpool, rnd.randint(1, 3)))
        items.append(f"""    <item>
      <title>{escape(title)}</title>
      <link>{link}</link>
      <guid isPermaLink="true">{link}</guid>
      <pubDate>{format_datetime(t)}</pubDate>
      <dc:creator>{escape(owner)}</dc:creator>
      {cats}
      <description>{summary}</description>
      <content:encoded><![CDATA[{html}]]></content:encoded>
    </item>""")
    rss = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{escape(name)}</title>
    <link>{base}/{blog}/</link>
    <atom:link href="{base}/{blog}/feed.xml" rel="self" type="application/rss+xml"/>
    <description>Posts by {escape(owner)} on software, operations and conferences</description>
    <language>en</language>
    <lastBuildDate>{format_datetime(now)}</lastBuildDate>
    <generator>feed-wrk.sh</generator>
{chr(10).join(items)}
  </channel>
</rss>
"""
    os.makedirs(os.path.join(out, blog), exist_ok=True)
    with open(os.path.join(out, blog, "feed.xml"), "w", encoding="utf-8") as fh:
        fh.write(rss)
    lines += [f"  - url: {base}/{blog}/feed.xml", f"    name: \"{name}\""]
with open(os.path.join(out, "feeds.yaml"), "w", encoding="utf-8") as fh:
    fh.write("\n".join(lines) + "\n")
PY
mv "$FEEDDIR/feeds.yaml" "$WORK/feeds.yaml"
log "feeds: $(du -sh "$FEEDDIR" | cut -f1) on http://127.0.0.1:$FEED_PORT/"

python3 - "$FEEDDIR" "$FEED_PORT" >"$WORK/feedserver.log" 2>&1 <<'PY' &
import functools, http.server, sys
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
handler = functools.partial(Quiet, directory=sys.argv[1])
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), handler).serve_forever()
PY
SERVER_PID=$!
for ((i = 0; i < 50; i++)); do
  c -o /dev/null --max-time 2 "http://127.0.0.1:$FEED_PORT/blog-000/feed.xml" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "feed server exited: $(cat "$WORK/feedserver.log")"
  sleep 0.2
done
c -fo /dev/null --max-time 5 "http://127.0.0.1:$FEED_PORT/blog-000/feed.xml" || die "feed server does not answer"

# ---------------------------------------------------------------------------------------------------------------
# 2. scratch copy, build, start, poll, snapshot /feed.atom as a static file, rebuild, restart
# ---------------------------------------------------------------------------------------------------------------
log "copying $REPO to $APP (without target/, data/, .git)"
tar -C "$REPO" --exclude=./target --exclude=./data --exclude=./.git -cf - . | tar -C "$APP" -xf -
# belt and braces: should a property not apply, the copy's own feeds.yaml is ours too (never the real blogs)
cp "$WORK/feeds.yaml" "$APP/feeds.yaml"

build() {
  log "building in $APP (./mvnw -q -DskipTests $BUILD_ARGS package)"
  # shellcheck disable=SC2086
  (cd "$APP" && ./mvnw -q -DskipTests $BUILD_ARGS package) >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log" >&2; die "build"; }
}

APP_PORT=$(free_port)
BASE="http://127.0.0.1:$APP_PORT"
start_app() {
  log "starting the app on $BASE"
  # shellcheck disable=SC2086
  # -D options go before -jar (after it they would be program arguments, silently ignored)
  (cd "$APP" && exec java $JAVA_OPTS \
      -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$APP_PORT" \
      -Dhallway.feeds-file="$WORK/feeds.yaml" -Dhallway.admin-token=bench -Dhallway.poll.enabled=false \
      "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:$WORK/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
      -jar target/quarkus-app/quarkus-run.jar) >>"$WORK/app.log" 2>&1 &
  APP_PID=$!
  local deadline=$((SECONDS + 120))
  until c -fo /dev/null --max-time 2 "$BASE/q/health/ready" 2>/dev/null; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$WORK/app.log" >&2; die "the app exited at startup"; }
    [ $SECONDS -lt $deadline ] || { tail -40 "$WORK/app.log" >&2; die "not ready within 120 s"; }
    sleep 0.5
  done
  log "ready (pid $APP_PID)"
}
stop_app() { log "stopping the app"; stop_pid "$APP_PID" 30; APP_PID=""; }

build
start_app
log "POST /admin/poll ($FEEDS feeds; answers when every feed was polled)"
t0=$SECONDS
c -f --max-time 1800 -X POST -H 'Authorization: Bearer bench' "$BASE/admin/poll" -o "$WORK/poll.json" \
  || die "POST /admin/poll"
log "polled in $((SECONDS - t0)) s"
c -f --max-time 30 "$BASE/sources" -o "$WORK/sources.json" || die "GET /sources"
read -r SOURCES OK_SOURCES ENTRIES < <(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
print(len(s), sum(1 for x in s if x.get("status") == "ok"), sum(x.get("entryCount") or 0 for x in s))' "$WORK/sources.json")
log "sources=$SOURCES ok=$OK_SOURCES entries=$ENTRIES"
expected=$((FEEDS * ITEMS))
[ "$ENTRIES" -ge $((expected * 99 / 100)) ] || die "expected ~$expected entries, /sources sums $ENTRIES"

mkdir -p "$APP/src/main/resources/META-INF/resources"
STATIC_SRC="$APP/src/main/resources/META-INF/resources/static-feed.atom"
FIRST_RENDER=$(c -f --max-time 60 -w '%{time_total}' "$BASE/feed.atom" -o "$STATIC_SRC") || die "GET /feed.atom"
FIRST_RENDER_MS=$(python3 -c "print(round(float('$FIRST_RENDER') * 1000))")
FEED_BYTES=$(wc -c <"$STATIC_SRC")
log "saved /feed.atom ($FEED_BYTES bytes) as static-feed.atom; that first render, alone, took ${FIRST_RENDER_MS} ms"
stop_app
build
start_app

# nginx: the saved bytes as a static file, as a user would serve them instead
if [ "$NGINX" = 1 ]; then
  NGX=$(mktemp -d "${TMPDIR:-/tmp}/hallway-feed-wrk-nginx.XXXXXX")
  mkdir -p "$NGX/root" "$NGX/logs" "$NGX/tmp"
  cp "$STATIC_SRC" "$NGX/root/static-feed.atom"
  chmod -R a+rX "$NGX"
  NGINX_PORT=$(free_port)
  cat >"$NGX/nginx.conf" <<NGINXCONF
worker_processes $NGINX_WORKERS;
daemon off;
pid $NGX/nginx.pid;
error_log $NGX/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  etag on;
  types { application/atom+xml atom; }
  default_type application/octet-stream;
  client_body_temp_path $NGX/tmp/body;
  proxy_temp_path $NGX/tmp/proxy;
  fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi;
  scgi_temp_path $NGX/tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $NGX/root;
    location / { }
  }
}
NGINXCONF
  "$NGINX_BIN" -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/logs/error.log" >"$NGX/logs/stdout.log" 2>&1 &
  NGINX_PID=$!
  NGINX_BASE="http://127.0.0.1:$NGINX_PORT"
  for ((i = 0; i < 50; i++)); do
    c -fo /dev/null --max-time 2 "$NGINX_BASE/static-feed.atom" 2>/dev/null && break
    kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited: $(cat "$NGX/logs/error.log" "$NGX/logs/stdout.log" 2>/dev/null)"
    sleep 0.2
  done
  log "nginx $("$NGINX_BIN" -v 2>&1 | sed 's/.*: //') (pid $NGINX_PID, $NGINX_WORKERS workers) on $NGINX_BASE"
fi

# ---------------------------------------------------------------------------------------------------------------
# 3. wrk
# ---------------------------------------------------------------------------------------------------------------
etag_of() { c -D - -o /dev/null --max-time 30 "$1" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}' | tail -1; }
status_of() { c -o /dev/null -w '%{http_code}' --max-time 30 "$@"; }

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
encoding_of() { c -D - -o /dev/null --max-time 30 -H 'Accept-Encoding: gzip' "$1" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-encoding"{print $2}' | tail -1; }
COLD=${COLD:-10}
if [ "$COLD" -gt 0 ]; then
  # The first requests after a start find the page cache empty: measured apart, never in the ratios.
  log "cold: wrk on /feed.atom for ${COLD}s right after the restart, no warm-up"
  timeout $((COLD + 30)) wrk --latency -t"$THREADS" -c"$CONNS" -d"${COLD}s" --timeout 10s "$BASE/feed.atom" >"$RAW/dynamic-cold.txt" 2>&1 || true
fi
c -f --max-time 30 "$BASE/feed.atom" -o "$WORK/dynamic-now.atom" || die "GET /feed.atom after restart"
c -f --max-time 30 "$BASE/static-feed.atom" -o "$WORK/static-now.atom" || die "GET /static-feed.atom"
if cmp -s "$WORK/dynamic-now.atom" "$WORK/static-now.atom"; then
  SAME="identical ($FEED_BYTES bytes)"
else
  SAME="DIFFERENT: dynamic $(wc -c <"$WORK/dynamic-now.atom") B, static $(wc -c <"$WORK/static-now.atom") B"
fi
log "/feed.atom vs /static-feed.atom after restart: $SAME"
if [ "$NGINX" = 1 ]; then
  c -f --max-time 30 "$NGINX_BASE/static-feed.atom" -o "$WORK/nginx-now.atom" || die "GET nginx /static-feed.atom"
  cmp -s "$WORK/dynamic-now.atom" "$WORK/nginx-now.atom" && NGINX_SAME="identical" \
    || NGINX_SAME="DIFFERENT: nginx $(wc -c <"$WORK/nginx-now.atom") B"
  NGX_ETAG=$(c -D - -o /dev/null --max-time 30 "$NGINX_BASE/static-feed.atom" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}' | tail -1)
  NGX_304=$(c -o /dev/null -w '%{http_code}' --max-time 30 -H "If-None-Match: $NGX_ETAG" "$NGINX_BASE/static-feed.atom")
  log "nginx /static-feed.atom vs /feed.atom: $NGINX_SAME; ETag $NGX_ETAG, with If-None-Match: HTTP $NGX_304"
fi

DYN_ETAG=$(etag_of "$BASE/feed.atom")
STA_ETAG=$(etag_of "$BASE/static-feed.atom")
[ -n "$DYN_ETAG" ] || die "/feed.atom has no ETag"
DYN_304=$(status_of -H "If-None-Match: $DYN_ETAG" "$BASE/feed.atom")
log "/feed.atom ETag $DYN_ETAG; with If-None-Match: HTTP $DYN_304"
[ "$DYN_304" = 304 ] || die "/feed.atom with If-None-Match answered $DYN_304, not 304"
{ echo "--- curl -I /feed.atom"; c -I --max-time 10 "$BASE/feed.atom"
  echo "--- curl -I /static-feed.atom"; c -I --max-time 10 "$BASE/static-feed.atom"
  if [ "$NGINX" = 1 ]; then echo "--- curl -I nginx /static-feed.atom"; c -I --max-time 10 "$NGINX_BASE/static-feed.atom"; fi; } \
  | tr -d '\r' >"$RAW/headers.txt"
header_of() { c -D - -o /dev/null --max-time 30 "$1" | tr -d '\r' | awk -F': ' -v h="$2" 'tolower($1)==h{print $2}' | tail -1; }
STA_NOTE=""
if [ -n "$STA_ETAG" ]; then
  STA_304=$(status_of -H "If-None-Match: $STA_ETAG" "$BASE/static-feed.atom")
  log "/static-feed.atom ETag $STA_ETAG; with If-None-Match: HTTP $STA_304"
  if [ "$STA_304" != 304 ]; then
    STA_NOTE="/static-feed.atom has ETag $STA_ETAG but If-None-Match answers $STA_304, not 304: case (d) skipped"
    STA_ETAG=""
  fi
else
  STA_NOTE="Quarkus sends no ETag for /static-feed.atom: case (d) skipped"
fi
# Without a static ETag, the nearest like-for-like conditional request is If-Modified-Since (both send Last-Modified).
DYN_LM=""; STA_LM=""
if [ -z "$STA_ETAG" ]; then
  [ -n "$STA_NOTE" ] && log "$STA_NOTE"
  DYN_LM=$(header_of "$BASE/feed.atom" last-modified)
  STA_LM=$(header_of "$BASE/static-feed.atom" last-modified)
  if [ -n "$DYN_LM" ] && [ -n "$STA_LM" ] \
     && [ "$(status_of -H "If-Modified-Since: $DYN_LM" "$BASE/feed.atom")" = 304 ] \
     && [ "$(status_of -H "If-Modified-Since: $STA_LM" "$BASE/static-feed.atom")" = 304 ]; then
    STA_NOTE="$STA_NOTE; both answer If-Modified-Since with 304, so (b2)/(d2) compare that instead"
    log "If-Modified-Since gives 304 on both: running (b2) and (d2)"
  else
    DYN_LM=""; STA_LM=""
  fi
fi
if [ "$GZIP" = 1 ]; then
  DYN_GZ=$(encoding_of "$BASE/feed.atom"); STA_GZ=$(encoding_of "$BASE/static-feed.atom")
  log "with Accept-Encoding: gzip, /feed.atom answers Content-Encoding '${DYN_GZ}', /static-feed.atom '${STA_GZ}'"
fi

parse_wrk() { # file case-name round
  awk -v name="$2" -v round="$3" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    function bytes(v) { if (v ~ /KB$/) return v * 1024; if (v ~ /MB$/) return v * 1048576; if (v ~ /GB$/) return v * 1073741824; return v + 0 }
    $1 == "50%" { p50 = ms($2) } $1 == "90%" { p90 = ms($2) } $1 == "99%" { p99 = ms($2) }
    $1 == "Requests/sec:" { rps = $2 } $1 == "Transfer/sec:" { tps = bytes($2) }
    / requests in / { n = $1 }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors:/ { err = $0; sub(/.*Socket errors: /, "", err); gsub(/ /, "", err) }
    END { printf "%s\t%s\t%.1f\t%.3f\t%.3f\t%.3f\t%.0f\t%d\t%s\t%s\n", name, round, rps, p50, p90, p99,
                 (rps > 0 ? tps / rps : 0), n, (bad == "" ? 0 : bad), (err == "" ? "-" : err) }' "$1"
}
[ -s "$RAW/dynamic-cold.txt" ] && parse_wrk "$RAW/dynamic-cold.txt" dynamic-cold 1 >>"$RESULTS"
run_wrk() { # case-name round url [header]
  local name=$1 round=$2 url=$3 header=${4:-} out="$RAW/$1.round$2.txt"
  local -a hdr=()
  [ -n "$header" ] && hdr=(-H "$header")
  wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" "${hdr[@]}" "$url" >/dev/null 2>&1 || true
  timeout $((DURATION + 30)) wrk --latency -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 10s "${hdr[@]}" "$url" >"$out" 2>&1 \
    || die "wrk $name: $(tail -3 "$out")"
  parse_wrk "$out" "$name" "$round" >>"$RESULTS"
  log "$(tail -1 "$RESULTS" | awk -F'\t' '{printf "%-18s round %s: %10s req/s  p50 %s ms  p90 %s ms  p99 %s ms  ~%s B/resp  non-2xx/3xx %s  socket errors %s", $1, $2, $3, $4, $5, $6, $7, $9, $10}')"
}

log "wrk: -t$THREADS -c$CONNS, ${WARMUP}s warm-up + ${DURATION}s measured per case, $ROUNDS round(s)"
for ((r = 1; r <= ROUNDS; r++)); do
  run_wrk dynamic "$r" "$BASE/feed.atom"
  run_wrk dynamic-304 "$r" "$BASE/feed.atom" "If-None-Match: $DYN_ETAG"
  run_wrk static "$r" "$BASE/static-feed.atom"
  if [ -n "$STA_ETAG" ]; then
    run_wrk static-304 "$r" "$BASE/static-feed.atom" "If-None-Match: $STA_ETAG"
  fi
  if [ "$GZIP" = 1 ]; then
    run_wrk dynamic-gzip "$r" "$BASE/feed.atom" "Accept-Encoding: gzip"
    run_wrk static-gzip "$r" "$BASE/static-feed.atom" "Accept-Encoding: gzip"
  fi
  if [ -n "$STA_LM" ]; then
    run_wrk dynamic-ims "$r" "$BASE/feed.atom" "If-Modified-Since: $DYN_LM"
    run_wrk static-ims "$r" "$BASE/static-feed.atom" "If-Modified-Since: $STA_LM"
  fi
  if [ "$NGINX" = 1 ]; then
    run_wrk nginx "$r" "$NGINX_BASE/static-feed.atom"
    if [ "$NGX_304" = 304 ]; then run_wrk nginx-304 "$r" "$NGINX_BASE/static-feed.atom" "If-None-Match: $NGX_ETAG"; fi
  fi
done

# ---------------------------------------------------------------------------------------------------------------
# profile: jstack samples under a separate /feed.atom load (not part of the figures above)
# ---------------------------------------------------------------------------------------------------------------
profile_case() { # tag url [header]: JSTACK_SAMPLES jstack samples of the server under a wrk load
  local tag=$1 url=$2 header=${3:-} s rps
  local -a hdr=()
  [ -n "$header" ] && hdr=(-H "$header")
  log "profiling $tag: $JSTACK_SAMPLES jstack samples under wrk load"
  wrk -t"$THREADS" -c"$CONNS" -d"$((JSTACK_SAMPLES * 2 + 6))s" "${hdr[@]}" "$url" >"$RAW/profile-wrk.$tag.txt" 2>&1 &
  LOAD_PID=$!
  sleep 3
  for ((s = 1; s <= JSTACK_SAMPLES; s++)); do
    timeout 20 jstack "$APP_PID" >"$RAW/jstack.$tag.$s.txt" 2>&1 || true
    sleep 1.5
  done
  wait "$LOAD_PID" 2>/dev/null || true
  LOAD_PID=""
  rps=$(awk '$1=="Requests/sec:"{print $2}' "$RAW/profile-wrk.$tag.txt")
  echo "  -- $tag${header:+ ($header)}, $url: ${rps:-?} req/s while sampled"
  python3 - "$RAW" "$1" <<'PY'
import collections, glob, re, sys
samples = sorted(glob.glob(f"{sys.argv[1]}/jstack.{sys.argv[2]}.*.txt"))
ours, top, states = collections.Counter(), collections.Counter(), collections.Counter()
runnable = 0
for path in samples:
    for block in open(path, encoding="utf-8", errors="replace").read().split("\n\n"):
        lines = block.strip().splitlines()
        if not lines or not lines[0].startswith('"'):
            continue
        kind = re.sub(r"[-\d]+$", "", lines[0].split('"')[1])
        if kind not in ("executor-thread", "vert.x-eventloop-thread"):
            continue
        m = re.search(r"java.lang.Thread.State: (\S+)", block)
        state = m.group(1) if m else "?"
        states[(kind, state)] += 1
        frames = [re.sub(r"\(.*", "", l.strip()[3:]) for l in lines if l.strip().startswith("at ")]
        if state != "RUNNABLE" and not any(f.startswith("dev.hallway.") for f in frames):
            continue  # idle: parked in the pool or in epoll
        if frames and frames[0].startswith("sun.nio.ch.EPoll"):
            continue  # an event loop waiting for I/O
        runnable += 1
        mine = [f for f in frames if f.startswith("dev.hallway.")]
        ours[mine[0] if mine else "(no dev.hallway frame)"] += 1
        lib = [f for f in frames if not f.startswith(("java.", "sun.", "jdk."))]
        top[f"{kind}: {frames[0] if frames else '?'}  <- {lib[0] if lib else '?'}"] += 1
print(f"  {len(samples)} samples; thread states: " + ", ".join(f"{k} {s} {v}" for (k, s), v in sorted(states.items())))
print(f"  {runnable} busy thread-samples (RUNNABLE, or anywhere inside dev.hallway.*); innermost dev.hallway.* frame:")
for frame, count in ours.most_common(8):
    print(f"    {count:4d}  {frame}")
print("  their top frame <- first non-JDK frame:")
for frame, count in top.most_common(10):
    print(f"    {count:4d}  {frame}")
PY

}
PROFILE_OUT=""
if [ "$PROFILE" = 1 ] && command -v jstack >/dev/null; then
  PROFILE_OUT=$(profile_case dynamic "$BASE/feed.atom"; profile_case dynamic-304 "$BASE/feed.atom" "If-None-Match: $DYN_ETAG"
                if [ "$GZIP" = 1 ]; then profile_case dynamic-gzip "$BASE/feed.atom" "Accept-Encoding: gzip"; fi)
fi

# ---------------------------------------------------------------------------------------------------------------
# 4. summary
# ---------------------------------------------------------------------------------------------------------------
echo
echo "== Hallway /feed.atom vs a static file of the same bytes (wrk on loopback) =="
echo "store: $ENTRIES entries in $SOURCES feeds ($OK_SOURCES ok); page 1 of /feed.atom: $FEED_BYTES bytes; dynamic vs static bytes: $SAME"
echo "first render of /feed.atom after polling (one request, empty cache): ${FIRST_RENDER_MS} ms; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "$BUILD_ARGS" ] && echo "built with: $BUILD_ARGS"
[ "$NGINX" = 1 ] && echo "nginx: $("$NGINX_BIN" -v 2>&1 | sed 's/.*: //'), $NGINX_WORKERS worker processes, sendfile on; its bytes vs /feed.atom: $NGINX_SAME"
echo "wrk: $THREADS threads, $CONNS connections, ${WARMUP}s warm-up + ${DURATION}s per case, $ROUNDS round(s) (median shown); $(nproc) CPUs, wrk and server on the same machine"
echo "git: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO" status --porcelain 2>/dev/null | grep -q . && echo ' (+ uncommitted changes)'); java: $(java -version 2>&1 | head -1)"
python3 - "$RESULTS" "$GOAL" "$STA_NOTE" "$GOAL_304" <<'PY'
import csv, statistics, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter="\t"))
goal, note, goal304 = float(sys.argv[2]), sys.argv[3], float(sys.argv[4])
cases = {}
for name, rnd, rps, p50, p90, p99, bpr, n, bad, err in rows:
    cases.setdefault(name, []).append((float(rps), float(p50), float(p90), float(p99), float(bpr), int(n), bad, err))
med = {k: [statistics.median(x[i] for x in v) for i in range(5)] + [sum(x[5] for x in v), v[-1][6], v[-1][7]] for k, v in cases.items()}
labels = {"dynamic": "(a) /feed.atom", "dynamic-304": "(b) /feed.atom If-None-Match",
          "static": "(c) /static-feed.atom", "static-304": "(d) /static-feed.atom If-None-Match",
          "dynamic-ims": "(b2) /feed.atom If-Modified-Since", "static-ims": "(d2) /static-feed.atom If-Modified-Since",
          "dynamic-cold": "(a0) /feed.atom, first s after restart",
          "dynamic-gzip": "(e) /feed.atom Accept-Encoding: gzip", "static-gzip": "(f) /static-feed.atom Accept-Encoding: gzip",
          "nginx": "(g) nginx /static-feed.atom", "nginx-304": "(h) nginx /static-feed.atom If-None-Match"}
print(f"{'case':42} {'req/s':>10} {'p50 ms':>9} {'p90 ms':>9} {'p99 ms':>9} {'B/resp':>8} {'requests':>9} {'non2xx3xx':>9} {'sock err':>10}")
for k in ["dynamic", "dynamic-304", "static", "static-304", "dynamic-ims", "static-ims", "dynamic-gzip", "static-gzip",
          "nginx", "nginx-304", "dynamic-cold"]:
    if k in ("dynamic-ims", "static-ims", "dynamic-gzip", "static-gzip", "nginx", "nginx-304", "dynamic-cold") and k not in med:
        continue
    if k == "dynamic-cold" and med[k][5] == 0:
        print(f"{labels[k]:42} {'0':>10}   no response completed within the cold window: every request still rendering")
        continue
    if k in med:
        r = med[k]
        print(f"{labels[k]:42} {r[0]:10.1f} {r[1]:9.2f} {r[2]:9.2f} {r[3]:9.2f} {r[4]:8.0f} {r[5]:9d} {r[6]:>9} {r[7]:>10}")
    else:
        print(f"{labels[k]:42} {'n/a':>10}   {note}")
if len(rows) and any(len(v) > 1 for v in cases.values()):
    print("per round req/s: " + "; ".join(f"{k} " + ", ".join(f"{x[0]:.0f}" for x in v) for k, v in cases.items() if k != "dynamic-cold"))
def ratio(a, b):
    if a in med and b in med and med[b][0] > 0:
        x = med[a][0] / med[b][0]
        print(f"ratio {labels[a]:38} / {labels[b]:42}: {x:6.2f}  (p50 {med[a][1] / med[b][1]:.2f}x, p99 {med[a][3] / med[b][3]:.2f}x latency)")
        return x
    print(f"ratio {labels[a]} / {labels[b]}: n/a")
    return None
full = ratio("dynamic", "static")
if "static-304" in med:
    ratio("dynamic-304", "static-304")
if "static-ims" in med:
    ratio("dynamic-ims", "static-ims")
ratio("dynamic-304", "static")
gz = ratio("dynamic-gzip", "static-gzip") if "static-gzip" in med else None
if note:
    print("note: " + note)
vs_nginx = ratio("dynamic", "nginx") if "nginx" in med else None
vs_nginx_304 = ratio("dynamic-304", "nginx") if "nginx" in med else None
if "nginx-304" in med:
    ratio("dynamic-304", "nginx-304")
if full is not None:
    print(f"goal: dynamic >= {goal:.0%} of static throughput: {'MET' if full >= goal else 'NOT MET'} ({full:.0%})")
if vs_nginx is not None:
    print(f"issue 13: /feed.atom >= {goal:.2f}x nginx's 200: {'MET' if vs_nginx >= goal else 'NOT MET'} ({vs_nginx:.2f}x); "
          f"its 304 >= {goal304:.1f}x nginx's 200: {'MET' if vs_nginx_304 >= goal304 else 'NOT MET'} ({vs_nginx_304:.2f}x)")
if gz is not None:
    print(f"      the same with Accept-Encoding: gzip: {'MET' if gz >= goal else 'NOT MET'} ({gz:.0%})")
PY
[ "$GZIP" = 1 ] && echo "Content-Encoding with Accept-Encoding: gzip: /feed.atom '${DYN_GZ}', /static-feed.atom '${STA_GZ}'"
for k in dynamic-304 static-304 dynamic-ims static-ims nginx-304; do # a conditional case that did not get 304s would show full-size responses
  awk -F'\t' -v k="$k" '$1==k && $7 > 4096 {printf "WARNING: %s round %s averaged %d B per response: not 304s\n", k, $2, $7}' "$RESULTS"
done
echo "response headers (curl -I):"
sed 's/^/  /' "$RAW/headers.txt"
if [ -n "$PROFILE_OUT" ]; then
  echo "profile (jstack, separate run):"
  echo "$PROFILE_OUT"
fi
if [ "$KEEP" = 1 ]; then echo "raw wrk/jstack output: $RAW"; fi
