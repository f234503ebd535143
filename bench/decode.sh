#!/usr/bin/env bash
# Decode benchmark: arrowtap's decoder against DuckDB read_ndjson on the same 2M-row NDJSON file,
# in one JVM, at equal thread counts. Usage: bench/decode.sh [rows] [mode], mode one of
#   both (default)  1 thread, then all cores, each against DuckDB at the same thread count
#   one-thread      JsonBatchDecoder vs DuckDB SET threads=1
#   all-cores       the parallel decoder on every core vs DuckDB SET threads=<cores>
#   arrowtap-only [threads]  the decoder alone, 12 times, for a profiler
# Extra JVM flags via JAVA_OPTS, e.g.
# JAVA_OPTS=-Darrow.enable_unsafe_memory_access=true bench/decode.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl server test-compile
mvn -q -B -pl server dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
CP="server/target/test-classes:server/target/classes:$(cat server/target/bench.classpath)"
exec java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx1g ${JAVA_OPTS:-} \
  -cp "$CP" dev.arrowtap.bench.DecodeBenchmark "$@"
