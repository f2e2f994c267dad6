#!/usr/bin/env bash
# Kills a run with SIGKILL once its response log holds at least 100,000 answers, then times `run --resume`.
# Usage: bash benchmarks/resume.sh [OUT_DIR]   (builds nothing: run ./valuesim --version first to build the jar)
set -euo pipefail
out=${1:-/tmp/valuesim-resume-bench}
rm -rf "$out"
jar=scenarios/target/valuesim.jar
java -Xmx1g -jar "$jar" run benchmarks/resume-200k.yaml --out "$out" --quiet &
pid=$!
while [ ! -f "$out/response-log.jsonl" ] || [ "$(wc -l < "$out/response-log.jsonl")" -lt 100000 ]; do
  sleep 0.05
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
echo "killed with $(wc -l < "$out/response-log.jsonl") answers logged"
/usr/bin/time -f "resume: %e s wall, %M KB peak RSS" java -Xmx1g -jar "$jar" run benchmarks/resume-200k.yaml --resume "$out" --quiet
grep -A3 '"response_log"' "$out/manifest.json"
