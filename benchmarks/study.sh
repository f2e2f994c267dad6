#!/usr/bin/env bash
# A 40-run study in one JVM against the same 40 runs as separate `valuesim run` invocations, side by side, and a
# check that both give the same summaries. Usage: bash benchmarks/study.sh [OUT_DIR]
# (builds nothing: run ./valuesim --version first to build the jar, or name one in VALUESIM_JAR)
set -euo pipefail
out=${1:-/tmp/valuesim-study-bench}
rm -rf "$out"
mkdir -p "$out"
jar=${VALUESIM_JAR:-scenarios/target/valuesim.jar}
/usr/bin/time -f "study, one JVM, 40 runs: %e s wall, %U s user CPU, %M KB peak RSS" \
  java -jar "$jar" study benchmarks/study-40.yaml --out "$out/study" --quiet
runs=$(ls "$out/study/runs")
export jar out runs
/usr/bin/time -f "40 separate run invocations: %e s wall, %U s user CPU" bash -c '
  for run in $runs; do
    java -jar "$jar" run "$out/study/runs/$run/scenario.yaml" --out "$out/separate/$run" --quiet
  done'
for run in $runs; do
  cmp -s "$out/study/runs/$run/summary.json" "$out/separate/$run/summary.json" \
    || { echo "summary.json of $run differs"; exit 1; }
done
echo "every summary.json identical"
