#!/usr/bin/env bash
# Aggregates inside the scan's tasks (push_aggregates on) against Calcite's aggregate above the
# scan (off), in one JVM: a GROUP BY over an NDJSON feed on loopback HTTP and numbers(). Usage:
# bench/aggregates.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
# The benchmarks use engine classes directly, so they run on the unrelocated classes and their
# dependencies (the driver jar relocates its libraries under dev.arrowtap.shaded).
classpath() {
  local file
  file=$(mktemp)
  mvn -q -B -pl tck-tests dependency:build-classpath -Dmdep.outputFile="$file" \
    -Dmdep.includeScope=test >/dev/null
  # This checkout's own modules, not whatever copies the local repository holds.
  printf 'server/target/classes:driver/target/classes:%s' \
    "$(tr ':' '\n' <"$file" | grep -v '/dev/arrowtap/' | paste -sd:)"
  rm -f "$file"
}
mvn -q -B -Dstyle.color=never -DskipTests package
java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx2g ${JAVA_OPTS:-} \
  -cp "tck-tests/target/test-classes:$(classpath)" \
  dev.arrowtap.bench.AggregateBenchmark "${1:-1000000}"
