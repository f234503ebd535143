#!/usr/bin/env bash
# Avatica wire formats and fetch sizes, measured in one process: bench/wire.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx2g \
  -cp "tck-tests/target/test-classes:driver/target/arrowtap-jdbc-0.1.0-SNAPSHOT.jar:driver/target/shell/slf4j-nop-1.7.36.jar" \
  dev.arrowtap.bench.WireBenchmark "${1:-1000000}"
