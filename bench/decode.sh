#!/usr/bin/env bash
# Decode benchmark: arrowtap's JsonBatchDecoder against DuckDB read_ndjson on the same 2M-row
# NDJSON file, in one JVM. Usage: bench/decode.sh [rows]. Extra JVM flags via JAVA_OPTS, e.g.
# JAVA_OPTS=-Darrow.enable_unsafe_memory_access=true bench/decode.sh
# bench/decode.sh 2000000 arrowtap-only runs the decoder alone, 12 times, for a profiler.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl server test-compile
mvn -q -B -pl server dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
CP="server/target/test-classes:server/target/classes:$(cat server/target/bench.classpath)"
exec java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx1g ${JAVA_OPTS:-} \
  -cp "$CP" dev.arrowtap.bench.DecodeBenchmark "$@"
