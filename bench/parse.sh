#!/usr/bin/env bash
# Parse benchmark: ROME alone vs. FeedParser vs. FeedParser + EntryNormalizer, single thread, ratios within one run.
# Usage: bench/parse.sh [ParseBenchmark options, e.g. --rounds 7 --corpus none]
# Env:   SKIP_BUILD=1     reuse target/classes and target/bench-classpath.txt
#        MVN_FLAGS=-o     extra Maven flags (e.g. offline)
#        BENCH_JAVA_OPTS  JVM flags (default: -Xms4g -Xmx4g)
#        BENCH_TIMEOUT    seconds before the run is killed (default 3600)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${SKIP_BUILD:-0}" != 1 || ! -f target/bench-classpath.txt || ! -d target/classes ]]; then
    echo "building (mvnw package, dependency:build-classpath)…" >&2
    ./mvnw -q ${MVN_FLAGS:-} -DskipTests package
    # runtime scope: the application's dependencies without the test ones (JUnit, REST Assured, …), as in the app
    ./mvnw -q ${MVN_FLAGS:-} dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
fi

# shellcheck disable=SC2086
exec timeout "${BENCH_TIMEOUT:-3600}" java ${BENCH_JAVA_OPTS:--Xms4g -Xmx4g} \
    -cp "target/classes:$(cat target/bench-classpath.txt)" bench/ParseBenchmark.java "$@"
