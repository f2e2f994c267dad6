#!/usr/bin/env bash
# The gateway memory benchmark of BENCHMARKS.md: heap held after a run of distinct prompts.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -pl sim-core -am install -DskipTests
mvn -B -q -Dstyle.color=never -pl sim-core dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
cd sim-core
java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.valuesim.bench.GatewayMemoryBenchmark "$@"
