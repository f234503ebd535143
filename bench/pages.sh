#!/usr/bin/env bash
# Concurrent page requests against the ideal: 50 pages at 100 ms each, 8 at once, through the
# embedded driver; checks the rows equal a one-page-at-a-time scan.
# Usage: bench/pages.sh [pages] [delay_ms] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never -DskipTests package
java --add-opens=java.base/java.nio=ALL-UNNAMED ${JAVA_OPTS:-} \
  -cp "tck-tests/target/test-classes:driver/target/arrowtap-jdbc-0.1.0-SNAPSHOT.jar:driver/target/shell/slf4j-nop-1.7.36.jar" \
  dev.arrowtap.bench.PagesBenchmark "${1:-50}" "${2:-100}" "${3:-8}"
