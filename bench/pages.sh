#!/usr/bin/env bash
# Concurrent page requests against the ideal: 50 pages at 100 ms each, 8 at once, through the
# embedded driver; checks the rows equal a one-page-at-a-time scan. Also measure 4 of bench/run.
# Usage: bench/pages.sh [pages] [delay_ms] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
classpath="$PWD/bench/target/bench.classpath"
mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile="$classpath" -Dmdep.includeScope=runtime >&2
java --add-opens=java.base/java.nio=ALL-UNNAMED ${JAVA_OPTS:-} \
  -cp "bench/target/classes:$(cat "$classpath")" \
  dev.arrowtap.bench.PagesBenchmark "${1:-50}" "${2:-100}" "${3:-8}"
