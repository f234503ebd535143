#!/usr/bin/env bash
# Issue 11's memory check: BatchedLookup over 10,000 to 1,000,000 ids into a fake per-id feed on
# loopback, embedded and remote (the server a child process with its own -Xmx and a GC log).
# Usage: bench/lookup-memory.sh [max ids (100000) [server heap (256m) [modes (embedded,remote)]]]
#   bench/lookup-memory.sh 1000000 256m remote   # the million-id check, about two minutes
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never -DskipTests package
java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx256m ${JAVA_OPTS:-} \
  -cp "tck-tests/target/test-classes:driver/target/arrowtap-jdbc-0.1.0-SNAPSHOT.jar:driver/target/shell/slf4j-nop-1.7.36.jar" \
  dev.arrowtap.bench.LookupMemoryBenchmark "$@"
