#!/usr/bin/env bash
# Avatica wire formats and fetch sizes, measured in one process: bench/wire.sh [ROWS]
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
mvn -q -B -DskipTests package
java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx2g \
  -cp "tck-tests/target/test-classes:$(classpath)" \
  dev.arrowtap.bench.WireBenchmark "${1:-1000000}"
