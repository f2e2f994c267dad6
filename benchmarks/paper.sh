#!/usr/bin/env bash
# The paper-protocol figures of BENCHMARKS.md. `cosines [DATA.csv CODEBOOK.yaml]`: the MiniLM cosines rag's
# threshold is compared with, under both protocols. `cost`: model calls and tokens per prediction of
# bench individuals under both protocols, against a loopback stand-in server.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  cosines) bench=RagCosines ;;
  cost) bench=PaperCost ;;
  *) echo "usage: bash benchmarks/paper.sh cosines [DATA.csv CODEBOOK.yaml] | cost" >&2; exit 2 ;;
esac
shift
mvn -B -q -Dstyle.color=never -pl scenarios -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="scenarios/target/test-classes:scenarios/target/classes:sim-core/target/classes:populations/target/classes"
cp="$cp:results/target/classes:$(cat scenarios/target/bench.classpath)"
java -Xmx2g -cp "$cp" "org.valuesim.bench.$bench" "$@"
