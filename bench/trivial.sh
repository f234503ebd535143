#!/usr/bin/env bash
# Trivial-query latency through the embedded driver, plan reuse off and on and a prepared
# statement, in one process: bench/trivial.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
# Engine classes run unrelocated (the driver jar relocates its libraries). The classpath comes
# from this checkout's poms (server's dependencies too), not from copies in the local repository.
mvn -q -B -DskipTests package
mvn -q -B -pl server,tck-tests dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="tck-tests/target/test-classes:server/target/classes:driver/target/classes"
CP="$CP:$(cat server/target/bench.classpath tck-tests/target/bench.classpath | tr ':' '\n' \
  | grep -v '/dev/arrowtap/' | sort -u | paste -sd:)"
java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx1g ${JAVA_OPTS:-} -cp "$CP" \
  dev.arrowtap.bench.TrivialQueryBenchmark "${1:-300}"
