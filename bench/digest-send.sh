#!/usr/bin/env bash
# Digest send benchmark: build one week's digest and send it to N confirmed subscribers through Postfix's smtp-sink
# (a C SMTP sink, so the figures measure Hallway, not the sink), then measure the sink's own acceptance rate in the
# same run with Postfix's C client smtp-source, same message size and one connection as Hallway uses.
# Prints messages sent (sink and app), total time, messages/s, CPU per message, peak RSS of the app and heap figures.
#
#   bench/digest-send.sh                 # from the repository root
#
# Needs smtp-sink and smtp-source from Debian's postfix package; run as root, the script installs it
# (DEBIAN_FRONTEND=noninteractive, "No configuration": the postfix daemon is never configured or started).
#
# Environment (all optional):
#   SUBSCRIBERS=10000     confirmed subscribers to create
#   WEEK=2026-W06         ISO week the generated conference reports are dated in (must be in the past)
#   APP_JAVA_OPTS=        extra JVM options for the measured app run (e.g. -Xmx256m); none by default
#   JSTACK_SAMPLES=0      take this many jstack samples of the app while it sends (kept in the work dir)
#   JSTACK_INTERVAL=2     seconds between samples
#   SEND_TIMEOUT=1800     seconds allowed for the whole send before giving up
#   KEEP=0                1 keeps the work dir (DB, logs, feeds) after a successful run
#   REBUILD=0             1 rebuilds even when target/quarkus-app/quarkus-run.jar exists
#   APP_DIR=target/quarkus-app  the packaged app to measure (a copy of another build, for before/after in one session)
#   APP_PROPS_EXTRA=      extra -D settings for the measured run (e.g. -Dhallway.mail.concurrency=1)
#   ASCII_TITLES=0        1 writes the generated titles with "-" instead of "–", so every text the digest quotes from
#                         the feeds is ASCII (the mail client then sends the plain-text part 7bit, not quoted-printable)
#   WARM=0                1 first sends, unmeasured, the next week's digest (the same reports a week later, "…, revisited")
#                         to the same subscribers, then measures WEEK's: a running service's send, not a cold JVM's
# Loopback only: the app, the feed server and the SMTP sink all listen on 127.0.0.1.
set -euo pipefail

SUBSCRIBERS=${SUBSCRIBERS:-10000}
WEEK=${WEEK:-2026-W06}
APP_JAVA_OPTS=${APP_JAVA_OPTS:-}
JSTACK_SAMPLES=${JSTACK_SAMPLES:-0}
JSTACK_INTERVAL=${JSTACK_INTERVAL:-2}
SEND_TIMEOUT=${SEND_TIMEOUT:-1800}
KEEP=${KEEP:-0}
REBUILD=${REBUILD:-0}
TOKEN=bench

cd "$(dirname "$0")/.."
ROOT=$(pwd)
APP_DIR=${APP_DIR:-$ROOT/target/quarkus-app}
JAR=$APP_DIR/quarkus-run.jar
APP_PROPS_EXTRA=${APP_PROPS_EXTRA:-}
ASCII_TITLES=${ASCII_TITLES:-0}
WARM=${WARM:-0}

log() { printf '[digest-bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FAILED: $*"; FAILED=1; exit 1; }

# ---------------------------------------------------------------- work dir, processes, cleanup
WORK=$(mktemp -d "${TMPDIR:-/tmp}/digest-bench.XXXXXX")
FAILED=0
APP_PID= SINK_PID= HTTP_PID= SAMPLER_PID= PROGRESS_PID=
stop_pid() { # pid, seconds to wait after TERM
    local pid=$1 wait=${2:-20} i
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < wait * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    local rc=$?
    set +e
    stop_pid "$SAMPLER_PID" 2
    stop_pid "$PROGRESS_PID" 2
    stop_pid "$APP_PID" 30
    stop_pid "$SINK_PID" 5
    stop_pid "$HTTP_PID" 5
    if [ "$rc" -ne 0 ] || [ "$FAILED" = 1 ] || [ "$KEEP" = 1 ] || [ "$JSTACK_SAMPLES" -gt 0 ]; then
        log "work dir kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
now_ms() { date +%s%3N; }

# wait_for SECONDS DESCRIPTION COMMAND...: run COMMAND until it succeeds, at most SECONDS
wait_for() {
    local seconds=$1 what=$2 deadline
    shift 2
    deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.5
    done
}
app_alive() { kill -0 "$APP_PID" 2>/dev/null || die "the app exited; see $WORK/app-*.log"; }
app_ready() { app_alive; curl -fsS -m 5 "http://127.0.0.1:$APP_PORT/q/health/ready"; }
json() { # json EXPRESSION < json  -- EXPRESSION in Python over `d`
    python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"
}

# ---------------------------------------------------------------- 1. build
if [ "$REBUILD" = 1 ] || { [ ! -f "$JAR" ] && [ "$APP_DIR" = "$ROOT/target/quarkus-app" ]; }; then
    log "building (./mvnw -q -DskipTests package)"
    ./mvnw -q -DskipTests package
fi
[ -f "$JAR" ] || die "no $JAR after the build"
H2_JAR=$(ls "$APP_DIR"/lib/main/com.h2database.h2-*.jar | head -1)
[ -f "$H2_JAR" ] || die "no H2 jar in $APP_DIR/lib/main"

# ---------------------------------------------------------------- 2. SMTP sink (Postfix's smtp-sink)
PATH=$PATH:/usr/sbin
if ! command -v smtp-sink >/dev/null || ! command -v smtp-source >/dev/null; then
    [ "$(id -u)" = 0 ] || die "smtp-sink/smtp-source missing: sudo apt-get install postfix (choose 'No configuration')"
    log "installing Debian's postfix for smtp-sink and smtp-source (the daemon is not configured or started)"
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q postfix >"$WORK/apt.log" 2>&1 \
        || die "apt-get install postfix failed: $(tail -5 "$WORK/apt.log")"
fi
SMTP_PORT=$(free_port)
SINK_USER=()
[ "$(id -u)" = 0 ] && SINK_USER=(-u nobody) # smtp-sink refuses to keep root privileges
# -c: "sess=N quit=N mesg=N" counters, rewritten in place (\r) at every message and session end
smtp-sink -c "${SINK_USER[@]}" "127.0.0.1:$SMTP_PORT" 256 >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
wait_for 30 "SMTP sink" bash -c "exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT" || die "smtp-sink did not start: $(cat "$WORK/sink.log")"
log "smtp-sink on 127.0.0.1:$SMTP_PORT (pid $SINK_PID)"
# the sink's latest counters: sink_count mesg|sess
sink_count() { tail -c 200 "$WORK/sink.log" | tr '\r' '\n' | grep -o "$1=[0-9]*" | tail -1 | cut -d= -f2; }
sink_rchar() { awk '/^rchar/ {print $2}' "/proc/$SINK_PID/io"; }

# ---------------------------------------------------------------- 3. feeds with one week of conference reports
MONDAY=$(python3 - "$WEEK" <<'EOF'
import datetime, sys
y, w = sys.argv[1].split("-W")
print(datetime.date.fromisocalendar(int(y), int(w), 1).isoformat())
EOF
) || die "WEEK must look like 2026-W06"
WARM_WEEK=$(python3 - "$MONDAY" <<'EOF'
import datetime, sys
y, w, _ = (datetime.date.fromisoformat(sys.argv[1]) + datetime.timedelta(days=7)).isocalendar()
print(f"{y}-W{w:02d}")
EOF
)
mkdir -p "$WORK/www"
python3 - "$WORK/www" "$MONDAY" "$ASCII_TITLES" "$WARM" <<'EOF'
import datetime, email.utils, sys, html, random
out, monday, ascii_titles = sys.argv[1], datetime.date.fromisoformat(sys.argv[2]), sys.argv[3] == "1"
warm = sys.argv[4] == "1"
year = monday.isocalendar()[0]
words = ("""talk speaker room devroom hallway keynote slides video question audience maintainer release packaging
observability tracing metrics logging database replication index query planner kernel scheduler memory driver rust
python java compiler build reproducible supply chain signature security policy license community governance funding
volunteer newcomer mentoring documentation translation accessibility design testing fuzzing benchmark performance
latency throughput cache storage filesystem network protocol browser mobile embedded firmware hardware board sensor
energy climate cloud container orchestration cluster operator deployment configuration automation inventory agent
editor terminal shell workflow review merge branch upstream downstream distribution mirror archive standard api
schema migration backup restore monitoring alert incident postmortem lunch coffee waffles beer queue train hotel
friday saturday sunday morning afternoon evening stand booth sticker badge schedule track panel workshop demo
lightning""").split()
# (blog, [(day offset in the week, title, author)])
blogs = {
    "opensource-notes": [
        (0, f"FOSDEM {year} recap – day 1", "Ana Lopes"),
        (1, f"FOSDEM {year} recap – day 2", "Ana Lopes"),
        (2, f"What I learned at FOSDEM {year}: the database devroom", "Ana Lopes"),
        (4, f"Config Management Camp {year} – day 1 notes", "Ana Lopes"),
        (5, f"Config Management Camp {year} – day 2 notes", "Ana Lopes"),
        (6, f"Config Management Camp {year} – day 3 notes", "Ana Lopes"),
    ],
    "kernel-and-coffee": [
        (0, f"My FOSDEM {year} trip report", "Jonas Meyer"),
        (1, f"FOSDEM {year}: the kernel devroom in review", "Jonas Meyer"),
        (3, f"linux.conf.au {year} recap", "Jonas Meyer"),
        (4, f"linux.conf.au {year} – day 2 notes", "Jonas Meyer"),
        (5, f"linux.conf.au {year}: the talks I am still thinking about", "Jonas Meyer"),
    ],
    "cloud-field-notes": [
        (0, f"State of Open Con {year} recap", "Priya Raman"),
        (1, f"State of Open Con {year} – day 2 notes", "Priya Raman"),
        (2, f"FOSDEM {year} – my notes from the containers devroom", "Priya Raman"),
        (3, f"Looking back at FOSDEM {year}", "Priya Raman"),
        (6, f"CfgMgmtCamp {year} recap", "Priya Raman"),
    ],
    "devrel-diaries": [
        (1, f"FOSDEM {year} recap: community devroom", "Marc Dubois"),
        (2, f"I attended State of Open Con {year} – here is what I saw", "Marc Dubois"),
        (3, f"FOSDEM {year} – day 2 notes from the Rust devroom", "Marc Dubois"),
        (5, f"Config Management Camp {year} recap", "Marc Dubois"),
        (6, f"SOOCon {year} – day 1 notes", "Marc Dubois"),
        # two that are not reports, so the digest is not everything the feeds hold
        (2, "Release 4.2 of our CLI is out", "Marc Dubois"),
        (4, "How to write a good talk proposal", "Marc Dubois"),
    ],
}
if warm:  # the next week: the same reports a week later, for the unmeasured warm-up send
    for items in blogs.values():
        items += [(day + 7, title + ", revisited", author) for day, title, author in list(items)]
for blog, items in blogs.items():
    rss = ['<?xml version="1.0" encoding="utf-8"?>', '<rss version="2.0"><channel>',
           f"<title>{blog}</title><link>http://blogs.bench.test/{blog}/</link><description>{blog}</description>"]
    for i, (day, title, author) in enumerate(items):
        if ascii_titles:
            title = title.replace("–", "-")
        when = datetime.datetime.combine(monday + datetime.timedelta(days=day), datetime.time(9 + i, 15),
                                         tzinfo=datetime.timezone.utc)
        slug = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
        link = f"http://blogs.bench.test/{blog}/{year}/{slug}/"
        rnd = random.Random(link)
        sentences = [" ".join(rnd.choice(words) for _ in range(rnd.randint(8, 16))).capitalize() + "."
                     for _ in range(12)]
        text = "<p>" + html.escape(title) + ". " + " ".join(sentences[:6]) + "</p><p>" + " ".join(sentences[6:]) + "</p>"
        rss.append(f"<item><title>{html.escape(title)}</title><link>{link}</link><guid>{link}</guid>"
                   f"<author>{author.lower().replace(' ', '.')}@{blog}.test ({author})</author>"
                   f"<pubDate>{email.utils.format_datetime(when)}</pubDate>"
                   f"<description>{html.escape(text)}</description></item>")
    rss.append("</channel></rss>")
    with open(f"{out}/{blog}.xml", "w", encoding="utf-8") as f:
        f.write("\n".join(rss))
EOF
HTTP_PORT=$(free_port)
python3 -m http.server "$HTTP_PORT" --bind 127.0.0.1 --directory "$WORK/www" >"$WORK/http.log" 2>&1 &
HTTP_PID=$!
{
    echo "feeds:"
    for f in "$WORK"/www/*.xml; do
        b=$(basename "$f" .xml)
        echo "  - url: http://127.0.0.1:$HTTP_PORT/$b.xml"
        echo "    name: $b"
    done
} >"$WORK/feeds.yaml"
wait_for 30 "feed server" curl -fsS -m 2 "http://127.0.0.1:$HTTP_PORT/devrel-diaries.xml" || die "feed server did not start"

# ---------------------------------------------------------------- common app settings
APP_PORT=$(free_port)
DB_URL="jdbc:h2:file:$WORK/db/hallway;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
APP_PROPS=(
    "-Dquarkus.datasource.jdbc.url=$DB_URL"
    "-Dquarkus.http.host=127.0.0.1" "-Dquarkus.http.port=$APP_PORT"
    "-Dhallway.feeds-file=$WORK/feeds.yaml"
    "-Dhallway.admin-token=$TOKEN"
    "-Dhallway.poll.enabled=false"
    "-Dhallway.base-url=http://localhost:$APP_PORT"
    "-Dhallway.mail.secret=digest-bench-secret"
    # the scheduled outbox pass would race the admin call for the same messages: first pass 5 s after start
    # (nothing built yet), then once a day; the weekly build never fires
    "-Dhallway.digest.send-interval=24h"
    "-Dhallway.digest.cron=0 0 0 1 1 ? 2099"
)
start_app() { # start_app NAME extra-args...
    local name=$1
    shift
    APP_STARTED=$SECONDS
    java "$@" "${APP_PROPS[@]}" -jar "$JAR" >"$WORK/app-$name.log" 2>&1 &
    APP_PID=$!
    wait_for 300 "app" app_ready || die "app ($name) not ready after 300 s; see $WORK/app-$name.log"
    log "app ($name) ready on 127.0.0.1:$APP_PORT (pid $APP_PID) after $((SECONDS - APP_STARTED)) s"
}
admin() { # admin METHOD PATH [curl args]
    local method=$1 path=$2
    shift 2
    curl -fsS -X "$method" -H "Authorization: Bearer $TOKEN" "$@" "http://127.0.0.1:$APP_PORT$path"
}

# ---------------------------------------------------------------- 3b. setup run: migrate, poll the feeds
log "setup run: Flyway migration and a poll of $(ls "$WORK"/www/*.xml | wc -l) local feeds"
start_app setup -Xmx512m
admin POST /admin/poll -m 120 >"$WORK/poll.json" || die "POST /admin/poll failed"
REPORTS=$(curl -fsS -m 30 "http://127.0.0.1:$APP_PORT/entries?since=$MONDAY&limit=500" \
    | json "sum(1 for e in d['entries'] if e.get('conference'))") || die "GET /entries failed"
log "entries classified as conference reports since $MONDAY: $REPORTS"
[ "$REPORTS" -gt 0 ] || die "no conference report was recognised; see $WORK/poll.json"
stop_pid "$APP_PID" 60
APP_PID=

# ---------------------------------------------------------------- 3c. subscribers, straight into the database
log "inserting $SUBSCRIBERS confirmed subscribers (ids from 1000000)"
java -cp "$H2_JAR" org.h2.tools.Shell -url "$DB_URL" -user hallway -password "" -sql \
    "INSERT INTO subscriber (id, email, status, series, bounces, created_at, confirmed_at)
     SELECT 1000000 + \"X\", 'reader' || LPAD(CAST(\"X\" AS VARCHAR), 6, '0') || '@bench.example', 'CONFIRMED', NULL, 0,
            CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
     FROM SYSTEM_RANGE(1, $SUBSCRIBERS)" >"$WORK/h2.log" 2>&1 || die "subscriber insert failed: $(cat "$WORK/h2.log")"
COUNT=$(java -cp "$H2_JAR" org.h2.tools.Shell -url "$DB_URL" -user hallway -password "" \
    -sql "SELECT COUNT(*) AS n FROM subscriber WHERE status = 'CONFIRMED'" 2>&1 | awk 'NR==2 {print $1}')
[ "$COUNT" = "$SUBSCRIBERS" ] || die "expected $SUBSCRIBERS confirmed subscribers, the database has '$COUNT'"

# ---------------------------------------------------------------- 4. measured run
APP_PROPS+=(
    "-Dhallway.mail.enabled=true" "-Dquarkus.mailer.host=127.0.0.1" "-Dquarkus.mailer.port=$SMTP_PORT"
    "-Dquarkus.mailer.start-tls=DISABLED" "-Dquarkus.mailer.tls=false"
)
# shellcheck disable=SC2086
start_app send "-Xlog:gc*:file=$WORK/gc.log:uptime,level,tags" $APP_JAVA_OPTS $APP_PROPS_EXTRA
# let the scheduled outbox pass (5 s after start) go by before the admin call
while [ $((SECONDS - APP_STARTED)) -lt 10 ]; do sleep 0.5; done
admin GET /admin/digests -m 30 | json "d['deliveryEnabled']" | grep -q True || die "the app says mail delivery is off"
if [ "$WARM" = 1 ]; then
    log "warm-up (not measured): POST /admin/digests/send?week=$WARM_WEEK to the same $SUBSCRIBERS subscribers"
    admin POST "/admin/digests/send?week=$WARM_WEEK" -m "$SEND_TIMEOUT" -o "$WORK/warm.json" || die "warm-up send failed"
    WARM_DEADLINE=$((SECONDS + SEND_TIMEOUT))
    until [ "$(admin GET /admin/digests -m 30 | json "[w['pending'] for w in d['weeks'] if w['week']=='$WARM_WEEK'][0]" || echo "?")" = 0 ]; do
        [ $SECONDS -lt $WARM_DEADLINE ] || die "warm-up: messages still pending after $SEND_TIMEOUT s"
        sleep 1
    done
    log "warm-up done: $(cat "$WORK/warm.json")"
fi

cpu_split() { # "user_ms system_ms" of a process so far
    awk -v tck="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); print int($12 * 1000 / tck), int($13 * 1000 / tck)}' "/proc/$1/stat"
}
threads_cpu() { # one line per thread of the app: "tid name-without-digits user+system-ms"
    local t
    for t in /proc/"$APP_PID"/task/*; do
        awk -v tid="${t##*/}" -v tck="$(getconf CLK_TCK)" '{
            name = $0; sub(/^[^(]*\(/, "", name); sub(/\) .*$/, "", name); gsub(/#[0-9]+/, "#N", name); gsub(/[0-9]+$/, "N", name); gsub(/ /, "_", name)
            sub(/^.*\) /, ""); print tid, name, int(($12 + $13) * 1000 / tck)}' "$t/stat" 2>/dev/null || true
    done
}
cpu_ms() { # user+system CPU of a process so far, in ms
    awk -v tck="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / tck)}' "/proc/$1/stat"
}
proc_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$APP_PID/status"; }
RSS_IDLE_KB=$(proc_kb VmRSS)
HWM_START_KB=$(proc_kb VmHWM)
# reset the peak-RSS counter, so VmHWM afterwards is the peak during the send alone
if echo 5 >"/proc/$APP_PID/clear_refs" 2>/dev/null; then HWM_RESET=1; else HWM_RESET=0; fi
JVM_FLAGS=$(jcmd "$APP_PID" VM.flags 2>/dev/null | tail -1 || true)

if [ "$JSTACK_SAMPLES" -gt 0 ]; then
    mkdir -p "$WORK/jstack"
    (
        sleep 3
        for ((i = 1; i <= JSTACK_SAMPLES; i++)); do
            timeout 30 jstack "$APP_PID" >"$WORK/jstack/sample-$i.txt" 2>&1 || true
            sleep "$JSTACK_INTERVAL"
        done
    ) &
    SAMPLER_PID=$!
fi

log "POST /admin/digests/send?week=$WEEK to $SUBSCRIBERS subscribers"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
APP_CPU0=$(cpu_ms "$APP_PID") SINK_CPU0=$(cpu_ms "$SINK_PID") SINK_RCHAR0=$(sink_rchar)
read -r APP_USER0 APP_SYS0 < <(cpu_split "$APP_PID")
threads_cpu >"$WORK/threads0.txt"
SESS0=$(sink_count sess) MESG0=$(sink_count mesg)
GC_LINES0=$(wc -l <"$WORK/gc.log")
T0=$(now_ms)
# when the first and the last message reached the sink (0.2 s resolution)
(
    prev=${MESG0:-0}
    while sleep 0.2; do
        m=$(sink_count mesg)
        if [ -n "$m" ] && [ "$m" != "$prev" ]; then
            t=$(now_ms)
            [ -f "$WORK/first_ms" ] || echo "$t" >"$WORK/first_ms"
            echo "$t" >"$WORK/last_ms"
            prev=$m
        fi
    done
) &
PROGRESS_PID=$!
HTTP_CODE=$(admin POST "/admin/digests/send?week=$WEEK" -m "$SEND_TIMEOUT" -o "$WORK/send.json" -w '%{http_code}' \
    || echo "curl-$?")
T1=$(now_ms)
log "POST answered $HTTP_CODE after $(((T1 - T0) / 1000)) s: $(cat "$WORK/send.json" 2>/dev/null)"
# if it came back early (or timed out), wait for the outbox to drain
DEADLINE=$((SECONDS + SEND_TIMEOUT))
while true; do
    app_alive
    PENDING=$(admin GET /admin/digests -m 30 | json "[w['pending'] for w in d['weeks'] if w['week']=='$WEEK'][0]" || echo "?")
    [ "$PENDING" = 0 ] && break
    [ $SECONDS -lt $DEADLINE ] || die "still $PENDING pending after $SEND_TIMEOUT s"
    sleep 1
done
T2=$(now_ms)
APP_CPU1=$(cpu_ms "$APP_PID") SINK_CPU1=$(cpu_ms "$SINK_PID") SINK_RCHAR1=$(sink_rchar)
read -r APP_USER1 APP_SYS1 < <(cpu_split "$APP_PID")
threads_cpu >"$WORK/threads1.txt"
sleep 0.5 # the last progress sample
stop_pid "$PROGRESS_PID" 2
PROGRESS_PID=
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -n "$SAMPLER_PID" ]; then wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=; fi

HWM_SEND_KB=$(proc_kb VmHWM)
RSS_END_KB=$(proc_kb VmRSS)
HEAP_INFO=$(jcmd "$APP_PID" GC.heap_info 2>/dev/null | tail -n +2 || true)
admin GET /admin/digests -m 30 >"$WORK/status.json"
stop_pid "$APP_PID" 60
APP_PID=
sleep 1 # the app's pooled SMTP connections end with it: the sink counts them as sessions
S_MSG=$(( $(sink_count mesg) - ${MESG0:-0} ))
S_CONN=$(( $(sink_count sess) - ${SESS0:-0} ))
S_BYTES=$((SINK_RCHAR1 - SINK_RCHAR0)) # what the sink read from its sockets: messages and SMTP commands
S_FIRST=$(cat "$WORK/first_ms" 2>/dev/null || echo "$T0") S_LAST=$(cat "$WORK/last_ms" 2>/dev/null || echo "$T2")
AVG_SIZE=$((S_MSG > 0 ? S_BYTES / S_MSG : 0))

# ---------------------------------------------------------------- 4b. the sink's own rate, with a C client
# smtp-source sends the same number of messages of the same size (payload = Hallway's average bytes per message at
# the sink) to the same smtp-sink: over one kept connection as Hallway does (-d -s 1), then over 4 sessions
TIMEFORMAT=%R/%U/%S
source_run() { # source_run SESSIONS -> "wall_s/user_s/sys_s|sink_cpu_ms"
    local c0 c1 t
    c0=$(cpu_ms "$SINK_PID")
    t=$({ time smtp-source -d -s "$1" -m "$S_MSG" -l "$AVG_SIZE" -f bench@hallway.test -t reader@bench.example \
        "127.0.0.1:$SMTP_PORT" >/dev/null 2>"$WORK/smtp-source-$1.log"; } 2>&1) || die "smtp-source failed: $(cat "$WORK/smtp-source-$1.log")"
    c1=$(cpu_ms "$SINK_PID")
    echo "$t|$((c1 - c0))"
}
MESG_BEFORE_SOURCE=$(sink_count mesg)
log "smtp-source: $S_MSG messages of $AVG_SIZE bytes to the same sink, 1 session, then 4"
SOURCE1=$(source_run 1)
SOURCE4=$(source_run 4)
SOURCE_MSG=$(( $(sink_count mesg) - MESG_BEFORE_SOURCE ))
[ "$SOURCE_MSG" = $((2 * S_MSG)) ] || die "the sink counted $SOURCE_MSG messages from smtp-source, expected $((2 * S_MSG))"
source_fig() { # source_fig RUN -> "N msg/s (wall s; client CPU s; sink CPU s)"
    awk -v r="$1" -v n="$S_MSG" 'BEGIN {split(r, p, /[|\/]/); printf "%.0f msg/s (%.2f s; client CPU %.2f s; sink CPU %.2f s)", n / p[1], p[1], p[2] + p[3], p[4] / 1000}'
}
source_rate() { awk -v r="$1" -v n="$S_MSG" 'BEGIN {split(r, p, /[|\/]/); printf "%.1f", n / p[1]}'; }

# ---------------------------------------------------------------- 5. report
read -r APP_SENT APP_RETRYING APP_FAILED SUBJECT < <(json "' '.join(str(d.get(k)) for k in ('sent', 'retrying', 'failed', 'subject'))" <"$WORK/send.json" 2>/dev/null) || true
read -r ST_RECIP ST_SENT ST_PENDING ST_FAILED < <(json "' '.join(str(w[k]) for w in d['weeks'] if w['week']=='$WEEK' for k in ('recipients','sent','pending','failed'))" <"$WORK/status.json")
# pauses during the send: "[12.3s][info][gc          ] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 489M->61M(724M) 6.5ms"
GC_SEND=$(tail -n +"$((GC_LINES0 + 1))" "$WORK/gc.log" | awk '$0 ~ /\]\[gc *\] GC\([0-9]+\) Pause/ {
        n++; t = $NF; sub(/ms$/, "", t); ms += t
        if (match($0, /[0-9]+M->[0-9]+M\([0-9]+M\)/)) { split(substr($0, RSTART, RLENGTH), a, /M->|M\(|M\)/); if (a[2] > live) live = a[2]; if (a[3] > cap) cap = a[3] }
    } END {printf "%d pauses, %.0f ms in total; largest heap after a GC %d MiB, largest heap committed %d MiB", n, ms, live, cap}')
fmt_s() { awk -v ms="$1" 'BEGIN {printf "%.1f", ms / 1000}'; }
rate() { awk -v n="$1" -v ms="$2" 'BEGIN {if (ms > 0) printf "%.1f", n * 1000 / ms; else print "n/a"}'; }
mib() { awk -v kb="$1" 'BEGIN {printf "%.0f MiB", kb / 1024}'; }

{
    echo "== digest send: $WEEK to $SUBSCRIBERS confirmed subscribers ($(nproc) cores, $(date -u +%FT%TZ)) =="
    if [ "$WARM" = 1 ]; then echo "JVM              : warm (this app had sent $WARM_WEEK's digest to the same subscribers first)"; fi
    echo "digest           : ${SUBJECT:-?}"
    echo "app (POST)       : HTTP $HTTP_CODE sent=$APP_SENT retrying=$APP_RETRYING failed=$APP_FAILED"
    echo "app (outbox)     : recipients=$ST_RECIP sent=$ST_SENT pending=$ST_PENDING failed=$ST_FAILED"
    echo "SMTP sink        : smtp-sink (Postfix $(dpkg-query -W -f '${Version}' postfix 2>/dev/null || echo '?')): messages=$S_MSG connections=$S_CONN avg size=$AVG_SIZE bytes at the sink"
    echo "total time       : $(fmt_s $((T2 - T0))) s (POST answered after $(fmt_s $((T1 - T0))) s)"
    echo "  build+queue    : $(fmt_s $((S_FIRST - T0))) s (POST to the first message at the sink)"
    echo "  sending        : $(fmt_s $((S_LAST - S_FIRST))) s (first to last message at the sink)"
    echo "messages/s       : $(rate "$S_MSG" $((T2 - T0))) overall, $(rate "$S_MSG" $((S_LAST - S_FIRST))) while sending"
    echo "sink's own rate  : smtp-source (C), same sink, $S_MSG messages of $AVG_SIZE bytes: 1 kept session $(source_fig "$SOURCE1"); 4 sessions $(source_fig "$SOURCE4")"
    echo "RATIO            : Hallway overall / smtp-source 1 session = $(awk -v h="$(rate "$S_MSG" $((T2 - T0)))" -v c="$(source_rate "$SOURCE1")" 'BEGIN {printf "%.3f", h / c}')"
    echo "CPU during send  : app $(fmt_s $((APP_CPU1 - APP_CPU0))) s ($(awk -v c=$((APP_CPU1 - APP_CPU0)) -v n="$S_MSG" 'BEGIN {if (n > 0) printf "%.2f", c / n; else print "n/a"}') ms/message, $(awk -v c=$((APP_CPU1 - APP_CPU0)) -v w=$((T2 - T0)) 'BEGIN {printf "%.2f", c / w}') cores on average), SMTP sink $(fmt_s $((SINK_CPU1 - SINK_CPU0))) s"
    echo "  user / system  : $(fmt_s $((APP_USER1 - APP_USER0))) s user, $(fmt_s $((APP_SYS1 - APP_SYS0))) s system (kernel: socket writes, page faults)"
    # CPU during the send by thread kind (digits in thread names folded: "vert.x-eventloop-thread-N")
    echo "  by thread      : $(awk 'NR == FNR {before[$1] = $3; next} {kind[$2] += $3 - before[$1]}
        END {for (k in kind) if (kind[k] >= 50) printf "%d %s\n", kind[k], k}' "$WORK/threads0.txt" "$WORK/threads1.txt" \
        | sort -rn | head -8 | awk '{printf "%s%s %.1f s", (NR > 1 ? "; " : ""), $2, $1 / 1000}')"
    echo "machine load     : $LOAD_BEFORE before, $LOAD_AFTER after (1/5/15 min load averages; $(nproc) cores)"
    echo "app RSS          : $(mib "$RSS_IDLE_KB") idle before the send, $(mib "$RSS_END_KB") after"
    if [ "$HWM_RESET" = 1 ]; then
        echo "app peak RSS     : $(mib "$HWM_SEND_KB") during the send (VmHWM, reset before the POST); $(mib "$HWM_START_KB") peak at startup"
    else
        echo "app peak RSS     : $(mib "$HWM_SEND_KB") (VmHWM over the process's life)"
    fi
    echo "GC during send   : $GC_SEND"
    echo "JVM flags        : $JVM_FLAGS"
    echo "heap after send  :"
    sed 's/^/    /' <<<"$HEAP_INFO"
    if [ "$JSTACK_SAMPLES" -gt 0 ]; then echo "jstack samples   : $WORK/jstack/"; fi
} | tee "$WORK/result.txt"

# smtp-sink does not log addresses: one message per subscriber is the outbox's word (one row per week and
# subscriber, a unique key), and the sink's count says no message went out twice
[ "$S_MSG" = "$SUBSCRIBERS" ] && [ "$ST_SENT" = "$SUBSCRIBERS" ] && [ "$ST_RECIP" = "$SUBSCRIBERS" ] \
    || die "expected $SUBSCRIBERS messages, one per subscriber, see above"
[ "$APP_SENT" = "$SUBSCRIBERS" ] || log "note: the POST itself reported sent=$APP_SENT (the rest went out in another pass)"
