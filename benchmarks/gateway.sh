#!/usr/bin/env bash
# The model gateway benchmarks of BENCHMARKS.md ("Model gateway"). Builds into target/ only (never ~/.m2).
#   bash benchmarks/gateway.sh                 both live paths of openai-compatible (LangChain4j's and the lean one)
#                                              through ModelGateway at 64, 256 and 1,024 calls in flight against a
#                                              stand-in in its own JVM answering after 100 ms; then cache lookups, replay
#   bash benchmarks/gateway.sh run [OLD.jar]   whole runs: benchmarks/value-prompted-1000.yaml (1,000 sampled personas x
#                                              PVQ-21, 256 and 1,024 in flight) against that stand-in, this build's jar
#                                              and, alternating with it, OLD.jar (a valuesim.jar of an earlier commit);
#                                              process CPU (user+sys) per model call from /usr/bin/time, calls/s of the
#                                              survey from manifest.json
#   bash benchmarks/gateway.sh memory [CALLS]  heap held after a run of distinct prompts
# Runs go to ${TMPDIR:-/tmp}/valuesim-gateway-bench (removed first).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:-calls}"
[ $# -gt 0 ] && shift
port=18766
out="${TMPDIR:-/tmp}/valuesim-gateway-bench"
rm -rf "$out" && mkdir -p "$out"
mvn -B -q -Dstyle.color=never -f "$root/pom.xml" -pl scenarios -am package -DskipTests
mvn -B -q -Dstyle.color=never -f "$root/pom.xml" -pl sim-core dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="$root/sim-core/target/test-classes:$root/sim-core/target/classes:$(cat "$root/sim-core/target/bench.classpath")"

stand_in() {
  java -Xmx512m -cp "$root/sim-core/target/test-classes" org.valuesim.bench.ChatStandIn "$port" 100 > "$out/stand-in.log" 2>&1 &
  standin=$!
  trap 'kill $standin 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do grep -q "stand-in on" "$out/stand-in.log" && return; sleep 0.2; done
  echo "the stand-in did not start" >&2; exit 1
}

whole_run() { # jar in-flight label
  local dir="$out/$3-$2"
  mkdir -p "$dir"
  sed "s/MAX_IN_FLIGHT/$2/" "$root/benchmarks/value-prompted-1000.yaml" > "$dir/scenario.yaml"
  /usr/bin/time -f "%e %U %S %M" -o "$dir/time" java -Xmx1g -jar "$1" run "$dir/scenario.yaml" --set cache="$dir/cache.db" --quiet --out "$dir/run" \
      > "$dir/log" 2>&1
  python3 - "$dir" "$2" "$3" <<'PY'
import json, sys
d, n, label = sys.argv[1], int(sys.argv[2]), sys.argv[3]
wall, user, system, rss = open(f"{d}/time").read().split()[-4:]
m = json.load(open(f"{d}/run/manifest.json"))
c, t = m["models"]["local"], m["timings"]
calls, cpu = c["model_calls"], float(user) + float(system)
rate = calls / (t["survey_ms"] / 1000)
print(f"{label:>6} in flight {n:5d}: {calls:,} calls ({c['failed_requests']} failed, {c['retries']} retried), survey "
      f"{t['survey_ms']:,} ms = {rate:,.0f} calls/s, {100 * rate / (n * 10):.1f}% of the ideal {n * 10:,}/s; process CPU "
      f"{cpu:.1f} s ({user} user + {system} sys) = {1e6 * cpu / calls:,.0f} us per call; wall {wall} s, peak RSS "
      f"{int(rss) // 1024} MB")
PY
}

case "$mode" in
  calls)
    stand_in
    (cd "$root/sim-core" && java -Xmx2g -cp "$cp" org.valuesim.bench.GatewayBenchmark "http://127.0.0.1:$port/v1")
    ;;
  run)
    stand_in
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    for n in 256 1024; do
      [ $# -gt 0 ] && whole_run "$1" "$n" before
      whole_run "$root/scenarios/target/valuesim.jar" "$n" now
    done
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    ;;
  memory)
    (cd "$root/sim-core" && java -Xmx2g -cp "$cp" org.valuesim.bench.GatewayMemoryBenchmark "$@")
    ;;
  *) echo "usage: bash benchmarks/gateway.sh [calls | run [OLD.jar] | memory [CALLS]]" >&2; exit 2 ;;
esac
