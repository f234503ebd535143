#!/usr/bin/env bash
# Seed 003's one-to-many lookups four ways on the demo data, in one JVM: one big join, the seed's
# LIMIT/OFFSET batches, join-bound lookups, and the BatchedLookup API; then the API over growing
# numbers of ids. Usage: bench/lookups.sh ["driving SQL" [batch size [max ids]]]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never -DskipTests package
java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx1g ${JAVA_OPTS:-} \
  -cp "tck-tests/target/test-classes:driver/target/arrowtap-jdbc-0.1.0-SNAPSHOT.jar:driver/target/shell/slf4j-nop-1.7.36.jar" \
  dev.arrowtap.bench.LookupBenchmark "$@"
