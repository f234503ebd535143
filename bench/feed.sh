#!/usr/bin/env bash
# Where a feed query's time goes: decoding alone against reading the same NDJSON as a feed table
# over loopback HTTP through the embedded driver, in one JVM. Usage: bench/feed.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never -DskipTests package
java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx2g ${JAVA_OPTS:-} \
  -cp "tck-tests/target/test-classes:driver/target/arrowtap-jdbc-0.1.0-SNAPSHOT.jar:driver/target/shell/slf4j-nop-1.7.36.jar" \
  dev.arrowtap.bench.FeedBenchmark "${1:-1000000}"
