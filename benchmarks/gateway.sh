#!/usr/bin/env bash
# The model gateway benchmarks of BENCHMARKS.md. No argument: loopback server answering after 100 ms, cache
# lookups, replay. `memory [CALLS]`: heap held after a run of distinct prompts.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=GatewayBenchmark
if [ "${1:-}" = memory ]; then
  bench=GatewayMemoryBenchmark
  shift
fi
mvn -B -q -Dstyle.color=never -pl sim-core -am install -DskipTests
mvn -B -q -Dstyle.color=never -pl sim-core dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
cd sim-core
java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "org.valuesim.bench.$bench" "$@"
