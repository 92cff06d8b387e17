#!/usr/bin/env bash
# Poll-cycle benchmark: 500 generated feeds x 20 entries served from 8 loopback HTTP servers (127.0.0.1 … 127.0.0.8);
# times Hallway's first full poll cycle (POST /admin/poll: fetch + parse + normalize + store) and a second, unchanged
# one (all 304), then `newsboat -x reload` (8 reload threads) on the same URLs. Only 127.0.0.0/8 is contacted.
#
# Usage: bench/poll-cycle.sh
# Env:   FEEDS=500 PER_FEED=20      what to generate
#        SKIP_BUILD=1                reuse target/quarkus-app (default: build only when it is missing)
#        REBUILD=1                   always run ./mvnw package first
#        MVN_FLAGS=-o                extra Maven flags
#        HALLWAY_JAVA_OPTS="…"       extra JVM flags for Hallway (e.g. -XX:StartFlightRecording=filename=/tmp/h.jfr)
#        NO_NEWSBOAT=1               skip newsboat
#        SETTLE=30                   seconds of idle between the first and the unchanged cycle (0: none)
#        KEEP_WORKDIR=1              keep the temp dir (feeds, logs, H2 db, newsboat cache) after the run
#        REPEATS=1                   how many repeated unchanged cycles to time after the first unchanged one
#        JFR_UNCHANGED=/tmp/u.jfr    record a JFR profile of the unchanged cycles only (jcmd JFR.start after the first)
#        JFR_FIRST=/tmp/f.jfr        record a JFR profile of the (measured) first cycle only
#        WARM=1                      first poll another 500 generated feeds (other seed, other URLs) in the same JVM,
#                                    then swap feeds.yaml to the measured ones: the first cycle of a running service
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

FEEDS=${FEEDS:-500}
PER_FEED=${PER_FEED:-20}
HOSTS=8
EXPECTED=$((FEEDS * PER_FEED))
TOKEN=bench

WORK=$(mktemp -d /tmp/hallway-poll-bench.XXXXXX)
PIDS=()
cleanup() {
    local rc=$?
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
    done
    if [[ "${KEEP_WORKDIR:-0}" == 1 ]]; then
        echo "work dir kept: $WORK" >&2
    else
        rm -rf "$WORK"
    fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*"; }
die() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }

# ------------------------------------------------------------------ build
if [[ "${REBUILD:-0}" == 1 || ( "${SKIP_BUILD:-0}" != 1 && ! -f target/quarkus-app/quarkus-run.jar ) ]]; then
    say "building (./mvnw -q -DskipTests package)…"
    ./mvnw -q ${MVN_FLAGS:-} -DskipTests package
fi
[[ -f target/quarkus-app/quarkus-run.jar && -d target/classes ]] || die "no target/quarkus-app/quarkus-run.jar"

# ------------------------------------------------------------------ feeds
say "generating $FEEDS feeds x $PER_FEED entries into $WORK/feeds…"
timeout 300 java -cp "target/classes:target/quarkus-app/lib/main/*" bench/ParseBenchmark.java \
    --write "$WORK/feeds" --feeds "$FEEDS" --per-feed "$PER_FEED"

if [[ "${WARM:-0}" == 1 ]]; then
    say "WARM=1: generating $FEEDS other feeds (other seed) into $WORK/feeds/warm…"
    timeout 300 java -cp "target/classes:target/quarkus-app/lib/main/*" bench/ParseBenchmark.java \
        --write "$WORK/feeds/warm" --feeds "$FEEDS" --per-feed "$PER_FEED" --seed 7
fi

# ------------------------------------------------------------------ 8 servers on 127.0.0.1 … 127.0.0.8
declare -a PORTS
SERVER_PIDS=()
for h in $(seq 1 $HOSTS); do
    python3 bench/serve.py --bind "127.0.0.$h" --dir "$WORK/feeds" --port-file "$WORK/port.$h" --log "$WORK/server.$h.log" \
        2>"$WORK/server.$h.err" &
    PIDS+=($!)
    SERVER_PIDS+=($!)
done
deadline=$((SECONDS + 30))
for h in $(seq 1 $HOSTS); do
    until [[ -s "$WORK/port.$h" ]]; do
        (( SECONDS < deadline )) || die "server on 127.0.0.$h did not start: $(cat "$WORK/server.$h.err")"
        sleep 0.1
    done
    PORTS[$h]=$(cat "$WORK/port.$h")
done

# URLs: feed i on host (i mod 8) + 1
: > "$WORK/urls"
{
    echo "defaults:"
    echo "  interval: 1d"
    echo "feeds:"
} > "$WORK/feeds.yaml"
i=0
while IFS=$'\t' read -r name _ _; do
    h=$(( i % HOSTS + 1 ))
    url="http://127.0.0.$h:${PORTS[$h]}/$name"
    echo "$url" >> "$WORK/urls"
    echo "  - url: $url" >> "$WORK/feeds.yaml"
    i=$((i + 1))
done < "$WORK/feeds/index.tsv"
echo "conferences: []" >> "$WORK/feeds.yaml"
if [[ "${WARM:-0}" == 1 ]]; then # Hallway starts on the warm-up feeds; feeds.yaml is swapped after their cycle
    mv "$WORK/feeds.yaml" "$WORK/feeds.measured.yaml"
    { echo "defaults:"; echo "  interval: 1d"; echo "feeds:"; } > "$WORK/feeds.yaml"
    i=0
    while IFS=$'\t' read -r name _ _; do
        h=$(( i % HOSTS + 1 ))
        echo "  - url: http://127.0.0.$h:${PORTS[$h]}/warm/$name" >> "$WORK/feeds.yaml"
        i=$((i + 1))
    done < "$WORK/feeds/warm/index.tsv"
    echo "conferences: []" >> "$WORK/feeds.yaml"
fi
[[ $(wc -l < "$WORK/urls") -eq $FEEDS ]] || die "expected $FEEDS URLs"

# The servers must answer If-Modified-Since with 304, or the "unchanged" cycle would measure nothing.
first_url=$(head -1 "$WORK/urls")
lm=$(curl -sS --max-time 10 -D - -o /dev/null "$first_url" | tr -d '\r' | sed -n 's/^Last-Modified: //Ip')
[[ -n "$lm" ]] || die "server sends no Last-Modified"
code=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H "If-Modified-Since: $lm" "$first_url")
[[ "$code" == 304 ]] || die "If-Modified-Since answered $code, not 304"
ctype=$(curl -sS --max-time 10 -o /dev/null -w '%{content_type}' "$first_url")
say "servers: $HOSTS on 127.0.0.1-$HOSTS (ports ${PORTS[*]}); Content-Type '$ctype'; Last-Modified '$lm'; If-Modified-Since -> $code"
: > "$WORK/server.checks"
for h in $(seq 1 $HOSTS); do cat "$WORK/server.$h.log" >> "$WORK/server.checks"; : > "$WORK/server.$h.log"; done

count_codes() { # prints "200=N 304=M other=K" over all server logs since they were last cleared
    cat "$WORK"/server.*.log | python3 -c '
import sys, re, collections
c = collections.Counter()
for line in sys.stdin:
    m = re.search(r"\" (\d{3}) ", line)
    c[m.group(1) if m else "?"] += 1
print(" ".join(f"{k}={v}" for k, v in sorted(c.items())) or "none")'
}
clear_logs() { for h in $(seq 1 $HOSTS); do : > "$WORK/server.$h.log"; done; }

# ------------------------------------------------------------------ Hallway
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
# shellcheck disable=SC2086
java ${HALLWAY_JAVA_OPTS:-} \
    -Dhallway.feeds-file="$WORK/feeds.yaml" \
    "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:$WORK/db/hallway;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    -Dhallway.admin-token=$TOKEN \
    -Dhallway.poll.enabled=false \
    -Dhallway.feeds-reload-interval=1s \
    -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.http.port="$PORT" \
    -jar target/quarkus-app/quarkus-run.jar > "$WORK/hallway.log" 2>&1 &
HALLWAY_PID=$!
PIDS+=($HALLWAY_PID)
say "Hallway pid $HALLWAY_PID on $BASE, log $WORK/hallway.log"

deadline=$((SECONDS + 180))
until curl -sf --max-time 5 "$BASE/q/health/ready" > /dev/null 2>&1; do
    kill -0 $HALLWAY_PID 2>/dev/null || { tail -30 "$WORK/hallway.log" >&2; die "Hallway exited"; }
    (( SECONDS < deadline )) || { tail -30 "$WORK/hallway.log" >&2; die "Hallway not ready within 180 s"; }
    sleep 0.5
done
sources() { curl -sf --max-time 60 "$BASE/sources" | python3 -c '
import sys, json
s = json.load(sys.stdin)
print(len(s), sum(x.get("entryCount", 0) for x in s), sum(1 for x in s if x.get("status") == "ok"))'; }
deadline=$((SECONDS + 60))
until [[ "$(sources | cut -d' ' -f1)" == "$FEEDS" ]]; do
    (( SECONDS < deadline )) || die "Hallway does not list $FEEDS sources: $(sources)"
    sleep 0.5
done
say "Hallway ready, $FEEDS sources configured"

summarize() { python3 -c '
import sys, json, collections
o = json.load(open(sys.argv[1]))
c = collections.Counter(x["result"] for x in o)
print(len(o), "polls:", ", ".join(f"{k}={v}" for k, v in sorted(c.items())),
      "| entries found", sum(x["entries"] for x in o), "added", sum(x["added"] for x in o),
      "| sum of per-poll took", round(sum(x["tookMs"] for x in o) / 1000, 1), "s")' "$1"; }

poll_cycle() { # $1 = label; prints seconds; CPU accounting in $WORK/cpu-$1.txt
    local out="$WORK/poll-$1.json" t0 t1 code
    python3 bench/cpu.py snap "$WORK/snap-a" $HALLWAY_PID "${SERVER_PIDS[@]}"
    t0=$(now)
    code=$(curl -sS --max-time 1800 -o "$out" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" "$BASE/admin/poll")
    t1=$(now)
    python3 bench/cpu.py snap "$WORK/snap-b" $HALLWAY_PID "${SERVER_PIDS[@]}"
    CPU_JSON="$WORK/cpu-$1.json" python3 bench/cpu.py diff "$WORK/snap-a" "$WORK/snap-b" "Hallway" > "$WORK/cpu-$1.txt"
    [[ "$code" == 200 ]] || die "POST /admin/poll answered $code: $(head -c 500 "$out")"
    elapsed "$t0" "$t1"
}

if [[ "${WARM:-0}" == 1 ]]; then
    clear_logs
    WARMUP=$(poll_cycle warmup)
    say "warm-up cycle:   ${WARMUP} s   $(summarize "$WORK/poll-warmup.json") (other feeds, same JVM)"
    say "                 CPU: $(cat "$WORK/cpu-warmup.txt")"
    sleep "${SETTLE:-30}"
    cp "$WORK/feeds.measured.yaml" "$WORK/feeds.yaml"
    deadline=$((SECONDS + 60))
    until [[ "$(curl -sf --max-time 60 "$BASE/sources" | python3 -c 'import sys, json; s = json.load(sys.stdin); print(len(s), sum(1 for x in s if "/warm/" in x["url"]))')" == "$FEEDS 0" ]]; do
        (( SECONDS < deadline )) || die "feeds.yaml swap not applied within 60 s"
        sleep 0.5
    done
    say "feeds.yaml swapped: $FEEDS new feeds to poll, the warm-up feeds' $((FEEDS * PER_FEED)) entries stay stored"
fi
clear_logs
[[ -z "${JFR_FIRST:-}" ]] || jcmd $HALLWAY_PID JFR.start name=first settings=profile "filename=$JFR_FIRST" > /dev/null
FIRST=$(poll_cycle first)
[[ -z "${JFR_FIRST:-}" ]] || jcmd $HALLWAY_PID JFR.stop name=first > /dev/null
FIRST_CODES=$(count_codes)
read -r n_sources n_entries n_ok <<< "$(sources)"
say "first cycle:     ${FIRST} s   $(summarize "$WORK/poll-first.json")"
say "                 server answers: $FIRST_CODES; /sources: $n_sources sources, $n_ok ok, sum entryCount $n_entries (expected $EXPECTED)"
say "                 CPU: $(cat "$WORK/cpu-first.txt")"
[[ "$n_entries" == "$EXPECTED" ]] || say "WARNING: stored entries $n_entries != expected $EXPECTED"

# In service the unchanged poll of a feed comes an interval (minutes) after the first one. Straight after the first
# cycle the JIT is still compiling what that cycle made hot, on the same 2 CPUs; wait for it (SETTLE seconds).
say "settling ${SETTLE:-30} s before the unchanged cycle (JIT backlog of the first cycle)"
sleep "${SETTLE:-30}"
[[ -z "${JFR_UNCHANGED:-}" ]] || jcmd $HALLWAY_PID JFR.start name=unchanged settings=profile "filename=$JFR_UNCHANGED" > /dev/null
clear_logs
SECOND=$(poll_cycle second)
SECOND_CODES=$(count_codes)
say "unchanged cycle: ${SECOND} s   $(summarize "$WORK/poll-second.json")"
say "                 server answers: $SECOND_CODES"
say "                 CPU: $(cat "$WORK/cpu-second.txt")"
# in service unchanged cycles repeat every interval: a second one shows the steady state, without JIT work for the
# 304 path that the first unchanged cycle was the first to run
for r in $(seq 1 "${REPEATS:-1}"); do
    clear_logs
    THIRD=$(poll_cycle "third-$r")
    say "unchanged again: ${THIRD} s   $(summarize "$WORK/poll-third-$r.json")"
    say "                 server answers: $(count_codes)"
    say "                 CPU: $(cat "$WORK/cpu-third-$r.txt")"
done
[[ -z "${JFR_UNCHANGED:-}" ]] || jcmd $HALLWAY_PID JFR.stop name=unchanged > /dev/null
parsed_again=$(grep -c 'result=ok' "$WORK/hallway.log" || true)
say "                 hallway.log poll lines with result=ok over both cycles: $parsed_again (only the first cycle's should be there)"

kill $HALLWAY_PID 2>/dev/null || true
for _ in $(seq 1 100); do kill -0 $HALLWAY_PID 2>/dev/null || break; sleep 0.2; done

# ------------------------------------------------------------------ newsboat
NB="n/a"
NB2="n/a"
if [[ "${NO_NEWSBOAT:-0}" != 1 ]]; then
    if ! command -v newsboat > /dev/null; then
        say "installing newsboat (apt-get install -y newsboat)…"
        apt-get install -y newsboat > "$WORK/apt.log" 2>&1 || die "cannot install newsboat: $(tail -5 "$WORK/apt.log")"
    fi
    mkdir -p "$WORK/newsboat"
    cp "$WORK/urls" "$WORK/newsboat/urls"
    printf 'reload-threads 8\nshow-read-feeds yes\n' > "$WORK/newsboat/config"
    nb_items() { python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("select count(*) from rss_item").fetchone()[0], c.execute("select count(*) from rss_feed").fetchone()[0])' "$WORK/newsboat/cache.db"; }
    nb_reload() { # $1 = label; prints seconds; CPU accounting in $WORK/cpu-newsboat-$1.txt
        local res wall cpu rc
        python3 bench/cpu.py snap "$WORK/snap-a" 0 "${SERVER_PIDS[@]}"
        # wall time and the CPU time of newsboat (and its children), measured by a small wrapper
        res=$(cd "$WORK/newsboat" && HOME="$WORK/newsboat" python3 -c '
import resource, subprocess, sys, time
t = time.monotonic()
with open(sys.argv[1], "w") as out:
    rc = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.STDOUT).returncode
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{time.monotonic() - t:.2f} {u.ru_utime + u.ru_stime:.2f} {rc}")' "out.$1" timeout 1800 newsboat -u urls -c cache.db -C config -x reload)
        read -r wall cpu rc <<< "$res"
        python3 bench/cpu.py snap "$WORK/snap-b" 0 "${SERVER_PIDS[@]}"
        CPU_JSON="$WORK/cpu-newsboat-$1.json" python3 bench/cpu.py diff "$WORK/snap-a" "$WORK/snap-b" "newsboat" "$cpu" > "$WORK/cpu-newsboat-$1.txt"
        [[ "$rc" == 0 ]] || die "newsboat failed ($rc): $(tail -5 "$WORK/newsboat/out.$1")"
        echo "$wall"
    }
    clear_logs
    NB=$(nb_reload first)
    NB_CODES=$(count_codes)
    read -r nb_items_n nb_feeds_n <<< "$(nb_items)"
    say "newsboat -x reload (8 threads), first: ${NB} s   server answers: $NB_CODES; cache: $nb_feeds_n feeds, $nb_items_n items (expected $EXPECTED)"
    say "                 CPU: $(cat "$WORK/cpu-newsboat-first.txt")"
    [[ "$nb_items_n" == "$EXPECTED" ]] || say "WARNING: newsboat cached $nb_items_n items, expected $EXPECTED"
    clear_logs
    NB2=$(nb_reload second)
    NB2_CODES=$(count_codes)
    [[ "$NB2_CODES" == *304=* ]] || NB2_CODES="$NB2_CODES (no 304: this newsboat sent no If-Modified-Since, so it fetched and parsed everything again)"
    say "newsboat -x reload, unchanged:     ${NB2} s   server answers: $NB2_CODES"
    say "                 CPU: $(cat "$WORK/cpu-newsboat-second.txt")"
fi

# ------------------------------------------------------------------ figures
say ""
say "== poll cycle: $FEEDS feeds / $EXPECTED entries, 8 loopback hosts, $(nproc) CPUs =="
say "Hallway first cycle (fetch+parse+normalize+store): $FIRST s   ($(cat "$WORK/cpu-first.txt"))"
# issue 13: an unchanged cycle under 0.5 s once warm (the repeated one); a first cycle at most 1.5x newsboat's on a
# cold JVM, at most newsboat's on a running service (WARM=1)
say "Hallway unchanged cycle (all 304):                 $SECOND s"
say "Hallway unchanged cycle, repeated:                $THIRD s   target < 0.5 s once warm: $(python3 -c "print('MET' if $THIRD < 0.5 else 'NOT MET')")"
if [[ "$NB" != n/a ]]; then
    say "newsboat -x reload, 8 threads, first:             $NB s   ($(cat "$WORK/cpu-newsboat-first.txt"))"
    say "newsboat -x reload, second (unchanged feeds):     $NB2 s"
    LIMIT=$([[ "${WARM:-0}" == 1 ]] && echo 1.0 || echo 1.5)
    say "RATIO Hallway first cycle / newsboat: $(python3 -c "print(f'{$FIRST / $NB:.2f}')")   target <= $LIMIT ($([[ "${WARM:-0}" == 1 ]] && echo running service || echo cold JVM)): $(python3 -c "print('MET' if $FIRST <= $LIMIT * $NB else 'NOT MET')")"
    python3 - "$WORK/cpu-first.json" "$WORK/cpu-newsboat-first.json" "$FIRST" "$NB" <<'PY'
import json, os, sys
h, n = (json.load(open(p)) for p in sys.argv[1:3])
first, nb = float(sys.argv[3]), float(sys.argv[4])
print(f"CPU-s Hallway / newsboat: {h['process']:.1f} / {n['process']:.1f} = {h['process'] / max(n['process'], 0.01):.2f}"
      f"   (other load on the machine: {h['noise'] / (os.cpu_count() * first):.0%} of both CPUs during Hallway's cycle,"
      f" {n['noise'] / (os.cpu_count() * nb):.0%} during newsboat's; when these differ much, the wall-clock ratio is skewed)")
PY
fi
