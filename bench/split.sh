#!/usr/bin/env bash
# One feed over two workers: 200 pages at 100 ms with a known total, concurrency 4 per task,
# against the ideal for 8 requests in flight, and the same feed as one task (no total).
# Usage: bench/split.sh [pages] [delay_ms] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
classpath="$PWD/bench/target/bench.classpath"
mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile="$classpath" -Dmdep.includeScope=test >&2
java --add-opens=java.base/java.nio=ALL-UNNAMED ${JAVA_OPTS:-} \
  -cp "bench/target/test-classes:$(cat "$classpath")" \
  dev.arrowtap.bench.SplitBenchmark "${1:-200}" "${2:-100}" "${3:-4}"
