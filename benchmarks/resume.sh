#!/usr/bin/env bash
# Kills a psychometric run with SIGKILL once its responses.csv holds at least 100,000 rows, times `run --resume`, then
# runs the same scenario uninterrupted and compares the result files byte for byte.
# The psychometric respondent's answers are recomputable, so they are not in the response log (BENCHMARKS.md): the
# kill is timed on the rows written, and the resume computes every answer again.
# Usage: bash benchmarks/resume.sh [OUT_DIR]   (builds nothing: run ./valuesim --version first to build the jar)
set -euo pipefail
out=${1:-/tmp/valuesim-resume-bench}
whole="$out-uninterrupted"
rm -rf "$out" "$whole"
jar=scenarios/target/valuesim.jar
java -Xmx1g -jar "$jar" run benchmarks/resume-200k.yaml --out "$out" --quiet &
pid=$!
while [ ! -f "$out/responses.csv" ] || [ "$(wc -l < "$out/responses.csv")" -lt 100001 ]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the run ended before 100,000 rows were written; nothing to resume" >&2
    exit 1
  fi
  sleep 0.02
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
echo "killed with $(( $(wc -l < "$out/responses.csv") - 1 )) rows in responses.csv"
/usr/bin/time -f "resume: %e s wall, %U s user CPU, %M KB peak RSS" \
  java -Xmx1g -jar "$jar" run benchmarks/resume-200k.yaml --resume "$out" --quiet
/usr/bin/time -f "uninterrupted: %e s wall, %U s user CPU, %M KB peak RSS" \
  java -Xmx1g -jar "$jar" run benchmarks/resume-200k.yaml --out "$whole" --quiet
for f in responses.csv agents.csv summary.json; do
  if cmp -s "$out/$f" "$whole/$f"; then echo "$f: identical"; else echo "$f: DIFFERS" >&2; exit 1; fi
done
