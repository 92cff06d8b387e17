# Shell helpers shared by the bench/ scripts that start Hallway (memory.sh, pg-scale.sh). Source it after `set -euo
# pipefail`, from the repository root:   . bench/lib.sh; bench_init NAME
#
# Gives: WORK (a temp dir, removed on exit unless KEEP_WORKDIR=1), PIDS (stopped on exit), say/die/now/elapsed,
# free_port, stop_pid, build_app, start_hallway/wait_ready, start_feed_farm (bench/serve.py on 127.0.0.1 … .N, with a
# feeds.yaml of what bench/ParseBenchmark.java --write generated), proc_kb, clear_hwm, metric, heap_line, wrk_paths.
# Only 127.0.0.0/8 is ever contacted.

BENCH_REPO=$(pwd)
TOKEN=${TOKEN:-bench}
PIDS=()

say() { printf '[%s %s] %s\n' "$BENCH_NAME" "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
c() { curl --noproxy '*' -sS "$@"; }

stop_pid() { # pid [seconds before SIGKILL]
    local pid=$1 wait=${2:-20} i
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < wait * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}

bench_init() { # NAME: temp dir and the exit trap
    BENCH_NAME=$1
    WORK=$(mktemp -d "/tmp/hallway-$1.XXXXXX")
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}
bench_cleanup() {
    local rc=$? pid
    for pid in "${PIDS[@]}"; do stop_pid "$pid" 30; done
    [[ -z "$(type -t bench_extra_cleanup)" ]] || bench_extra_cleanup || true
    if [[ "${KEEP_WORKDIR:-0}" == 1 || $rc -ne 0 ]]; then
        echo "work dir kept: $WORK" >&2
    else
        rm -rf "$WORK"
    fi
    exit $rc
}

# build_app [maven args…]: target/quarkus-app (the H2 build) unless it exists; REBUILD=1 forces it.
build_app() {
    if [[ "${REBUILD:-0}" == 1 || ! -f target/quarkus-app/quarkus-run.jar ]]; then
        say "building (./mvnw -B -q ${MVN_FLAGS:--o} -DskipTests package $*)…"
        # shellcheck disable=SC2086
        ./mvnw -B -q ${MVN_FLAGS:--o} -DskipTests package "$@" > "$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log" >&2; die "build"; }
    fi
    [[ -f target/quarkus-app/quarkus-run.jar ]] || die "no target/quarkus-app/quarkus-run.jar"
}

# start_hallway APP_DIR LOG [java args before -jar…]: sets HALLWAY_PID, PORT, BASE and waits for /q/health/ready.
# The caller passes the datasource, feeds file and JVM flags; this adds loopback, a free port, the admin token.
start_hallway() {
    local app=$1 logf=$2
    shift 2
    PORT=$(free_port)
    BASE="http://127.0.0.1:$PORT"
    java "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" -Dhallway.admin-token="$TOKEN" \
        -jar "$app/quarkus-run.jar" >> "$logf" 2>&1 &
    HALLWAY_PID=$!
    PIDS+=("$HALLWAY_PID")
    wait_ready "$logf" 300
    say "Hallway pid $HALLWAY_PID ready on $BASE (log $logf)"
}
wait_ready() { # LOG SECONDS
    local deadline=$((SECONDS + $2))
    until c -f --max-time 5 -o /dev/null "$BASE/q/health/ready" 2>/dev/null; do
        kill -0 "$HALLWAY_PID" 2>/dev/null || { tail -30 "$1" >&2; die "Hallway exited"; }
        (( SECONDS < deadline )) || { tail -30 "$1" >&2; die "Hallway not ready within $2 s"; }
        sleep 0.5
    done
}
admin() { # METHOD PATH [curl args…]
    local method=$1 path=$2
    shift 2
    c -f -X "$method" -H "Authorization: Bearer $TOKEN" "$@" "$BASE$path"
}

# serve_dir DIR HOST_NUMBER: bench/serve.py over DIR on 127.0.0.HOST_NUMBER; sets SERVED_PORT once it listens
serve_dir() {
    local h=$2 deadline=$((SECONDS + 30))
    python3 bench/serve.py --bind "127.0.0.$h" --dir "$1" --port-file "$WORK/port.$h" --log /dev/null \
        > /dev/null 2> "$WORK/server.$h.err" &
    PIDS+=($!)
    until [[ -s "$WORK/port.$h" ]]; do
        (( SECONDS < deadline )) || die "server on 127.0.0.$h did not start: $(cat "$WORK/server.$h.err")"
        sleep 0.1
    done
    SERVED_PORT=$(cat "$WORK/port.$h")
}

# start_feed_farm FEED_DIR HOSTS YAML: serve.py on 127.0.0.1 … 127.0.0.HOSTS over FEED_DIR (as ParseBenchmark --write
# left it, with index.tsv); writes YAML listing every feed (feed i on host i mod HOSTS), interval 1d, no conferences.
start_feed_farm() {
    local dir=$1 hosts=$2 yaml=$3 h i=0 name
    local -a ports
    for h in $(seq 1 "$hosts"); do serve_dir "$dir" "$h"; ports[h]=$SERVED_PORT; done
    { echo "defaults:"; echo "  interval: 1d"; echo "feeds:"; } > "$yaml"
    while IFS=$'\t' read -r name _ _; do
        h=$((i % hosts + 1))
        echo "  - url: http://127.0.0.$h:${ports[h]}/$name" >> "$yaml"
        i=$((i + 1))
    done < "$dir/index.tsv"
    echo "conferences: []" >> "$yaml"
    say "feed farm: $i feeds on $hosts loopback servers"
}

# memory of a process
proc_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; } # PID VmRSS|VmHWM
mib() { awk -v kb="$1" 'BEGIN {printf "%.0f MiB", kb / 1024}'; }
clear_hwm() { echo 5 > "/proc/$1/clear_refs" 2>/dev/null; } # resets VmHWM to the current RSS (Linux >= 4.0)
# metric NAME [LABEL_FILTER]: the sum of a Prometheus series from /q/metrics
metric() {
    c -f --max-time 30 "$BASE/q/metrics" | python3 -c '
import sys
name, flt = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
total = 0.0
for line in sys.stdin:
    if line.startswith(name + "{") or line.startswith(name + " "):
        if flt in line:
            total += float(line.rsplit(" ", 1)[1])
print(f"{total:.0f}")' "$@"
}
# heap_line PID: heap used/committed, non-heap, direct buffers (from /q/metrics), RSS and its peak (from /proc)
heap_line() {
    local used committed nonheap direct
    used=$(metric jvm_memory_used_bytes 'area="heap"')
    committed=$(metric jvm_memory_committed_bytes 'area="heap"')
    nonheap=$(metric jvm_memory_committed_bytes 'area="nonheap"')
    direct=$(metric jvm_buffer_memory_used_bytes 'id="direct"')
    printf 'RSS %s (peak %s) | heap used %s of %s committed | non-heap committed %s | direct buffers %s' \
        "$(mib "$(proc_kb "$1" VmRSS)")" "$(mib "$(proc_kb "$1" VmHWM)")" \
        "$(mib $((used / 1024)))" "$(mib $((committed / 1024)))" "$(mib $((nonheap / 1024)))" "$(mib $((direct / 1024)))"
}

# wrk_paths SECONDS CONNS OUT PATH…: one bounded wrk run (2 threads, --latency) cycling through the paths, readers'
# Accept-Encoding: gzip included
wrk_paths() {
    local secs=$1 conns=$2 out=$3
    shift 3
    local lua="$WORK/paths.lua" p
    {
        echo 'local paths = {'
        for p in "$@"; do printf '  "%s",\n' "$p"; done
        echo '}'
        echo 'local i = 0'
        echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i], {["Accept-Encoding"] = "gzip"}) end'
    } > "$lua"
    timeout $((secs + 30)) wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s --latency -s "$lua" "$BASE" > "$out" 2>&1 \
        || say "wrk ended with $? (see $out)"
}
wrk_summary() { # OUT: "N req/s, p50 X, p99 Y, errors"
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF} /Socket errors/ {err=$0}
         END {printf "%s req/s, p50 %s, p99 %s%s%s", rps, p50, p99, bad ? ", non-2xx " bad : "", err ? ", " err : ""}' "$1"
}

# entries_sql h2|pg FROM TO FEEDS: SQL that stores entries FROM…TO (ids) spread over every row of `source` (entry i goes to
# the feed i mod #feeds), with their fingerprint and sighting rows, as a poll would have stored them: ~700-byte bodies,
# one post in 20 a report on FOSDEM 2024 (already classified), published one every 37 s back from 2026-12-01.
# Then moves entry_seq past them. Used to reach 100,000 and 1,000,000 stored entries in minutes, not hours.
entries_sql() {
    local dialect=$1 from=$2 to=$3 nfeeds=$4 series sha date rnd restart
    if [[ $dialect == pg ]]; then
        series="generate_series($from, $to) AS r(g)"
        sha() { echo "encode(sha256(convert_to($1, 'UTF8')), 'hex')"; }
        date="TIMESTAMP WITH TIME ZONE '2026-12-01 00:00:00+00' - g * INTERVAL '37 seconds'"
        rnd="CAST((random() - 0.5) * 1.8e19 AS BIGINT)"
        restart="SELECT setval('entry_seq', $to + 1000);"
    else
        series="(SELECT \"X\" AS g FROM SYSTEM_RANGE($from, $to)) r"
        sha() { echo "LOWER(RAWTOHEX(HASH('SHA-256', $1)))"; }
        date="DATEADD(SECOND, -37 * g, TIMESTAMP WITH TIME ZONE '2026-12-01 00:00:00+00')"
        rnd="CAST((RAND() - 0.5) * 1.8E19 AS BIGINT)"
        restart="ALTER SEQUENCE entry_seq RESTART WITH $((to + 1000));"
    fi
    cat <<SQL
CREATE TABLE bench_feed (n INTEGER PRIMARY KEY, id BIGINT NOT NULL);
INSERT INTO bench_feed (n, id) SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id FROM source;
INSERT INTO entry (id, dedupe_key, canonical_url, url, source_id, title, authors, published_at, updated_at,
    date_missing, date_clamped, language, summary, content_html, content_hash, first_seen_at, last_seen_at, changed_at,
    content_fingerprint, conference_slug, conference_series, conference_series_name, conference_edition,
    conference_name, conference_year, conference_confidence, conference_detected, conference_inferred,
    conference_pinned, content_from_site, row_version)
SELECT g, $(sha "CAST(g AS VARCHAR)"),
    'https://blog-' || s.n || '.bench.test/posts/' || g, 'https://blog-' || s.n || '.bench.test/posts/' || g, s.id,
    CASE WHEN MOD(g, 20) = 0 THEN 'FOSDEM 2024 recap, part ' || g
         ELSE 'Notes on ' || CASE MOD(g, 5) WHEN 0 THEN 'query planning' WHEN 1 THEN 'kernel scheduling'
              WHEN 2 THEN 'container networking' WHEN 3 THEN 'garbage collectors' ELSE 'release engineering' END
              || ', ' || g END,
    'Author ' || s.n, $date, $date, FALSE, FALSE, 'en',
    'What I learned this week about databases, kernels and the hallway track, number ' || g || '.',
    '<p>Post ' || g || '. ' || REPEAT('Some words about databases, kernels, compilers and the hallway track. ', 9) || '</p>',
    $(sha "'c' || CAST(g AS VARCHAR)"), $date, $date, $date, $rnd,
    CASE WHEN MOD(g, 20) = 0 THEN 'fosdem-2024' END, CASE WHEN MOD(g, 20) = 0 THEN 'fosdem' END,
    CASE WHEN MOD(g, 20) = 0 THEN 'FOSDEM' END, CASE WHEN MOD(g, 20) = 0 THEN '2024' END,
    CASE WHEN MOD(g, 20) = 0 THEN 'FOSDEM 2024' END, CASE WHEN MOD(g, 20) = 0 THEN 2024 END,
    CASE WHEN MOD(g, 20) = 0 THEN 0.9 END, FALSE, FALSE, FALSE, TRUE, 0
FROM $series
JOIN bench_feed s ON s.n = MOD(g, $nfeeds);
INSERT INTO entry_fingerprint (entry_id, fingerprint, published_at)
SELECT id, content_fingerprint, published_at FROM entry WHERE id BETWEEN $from AND $to;
INSERT INTO sighting (entry_id, source_id, url, first_seen_at, last_seen_at)
SELECT id, source_id, url, first_seen_at, last_seen_at FROM entry WHERE id BETWEEN $from AND $to;
$restart
DROP TABLE bench_feed;
SQL
}
h2_sql() { # DB_URL SQL_FILE: runs a SQL file against an H2 file database with the H2 jar the application ships
    java -cp "$(ls target/quarkus-app/lib/main/com.h2database.h2-*.jar | head -1)" org.h2.tools.RunScript \
        -url "$1" -user hallway -password "" -script "$2"
}
