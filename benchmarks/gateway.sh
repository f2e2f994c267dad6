#!/usr/bin/env bash
# The model gateway benchmarks of BENCHMARKS.md ("Model gateway"). Builds into target/ only (never ~/.m2).
#   bash benchmarks/gateway.sh                 both live paths of openai-compatible (LangChain4j's and the lean one)
#                                              through ModelGateway at 64, 256 and 1,024 calls in flight against a
#                                              stand-in in its own JVM answering after 100 ms; then cache lookups, replay
#   bash benchmarks/gateway.sh run [OLD]       whole runs: benchmarks/value-prompted-1000.yaml (1,000 sampled personas x
#                                              PVQ-21, 256 and 1,024 in flight) against that stand-in, this build as
#                                              users start it (./valuesim: jvm.args and the class-data archive its
#                                              first run writes), the same jar with the JVM's default options ("plain")
#                                              and, alternating with them, OLD: a valuesim.jar of an earlier commit,
#                                              started as java -jar, as the launcher of its time did, or the folder of
#                                              an earlier commit's built checkout, started by its own ./valuesim;
#                                              process CPU (user+sys) per model call from /usr/bin/time, the stand-in's
#                                              CPU per call from /proc, calls/s of the survey from manifest.json; then
#                                              2,000 personas at 256 in flight, whose extra CPU over the 1,000-persona
#                                              run is the marginal CPU of a call (start-up, compilation and the
#                                              report's fixed costs cancel out). ROUNDS=N repeats the 1,000-persona
#                                              runs N times, alternating; PLAIN=no leaves out "plain"; MARGINAL=no
#                                              the 2,000-persona runs
#   bash benchmarks/gateway.sh profile [JAR [N]] one whole run (JAR: this build through ./valuesim; N in flight: 256)
#                                              with its CPU by thread group before, during and after the survey
#                                              (benchmarks/threadcpu.py)
#   bash benchmarks/gateway.sh memory [CALLS]  heap held after a run of distinct prompts
# Runs go to ${TMPDIR:-/tmp}/valuesim-gateway-bench-PORT (removed first; PORT: 18766 unless set).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:-calls}"
[ $# -gt 0 ] && shift
port="${PORT:-18766}" # the stand-in's port (the scenario names 18766; PORT=N moves both)
out="${TMPDIR:-/tmp}/valuesim-gateway-bench-$port"
rm -rf "$out" && mkdir -p "$out"
mvn -B -q -Dstyle.color=never -f "$root/pom.xml" -pl scenarios -am package -DskipTests
mvn -B -q -Dstyle.color=never -f "$root/pom.xml" -pl sim-core dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="$root/sim-core/target/test-classes:$root/sim-core/target/classes:$(cat "$root/sim-core/target/bench.classpath")"

stand_in() { # one selector thread; C1 only, as C2 compiling it took a third of its CPU in a run
  java -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp "$root/sim-core/target/test-classes" \
      org.valuesim.bench.ChatStandIn "$port" 100 > "$out/stand-in.log" 2>&1 &
  standin=$!
  trap 'kill $standin 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do grep -q "stand-in on" "$out/stand-in.log" && return; sleep 0.2; done
  echo "the stand-in did not start" >&2; exit 1
}

standin_ticks() { # user + sys clock ticks of the stand-in's JVM so far
  awk '{print $14 + $15}' "/proc/$standin/stat"
}

launcher=(env VALUESIM_JAVA_OPTS=-Xmx1g "$root/valuesim")   # this build, as users start it
plain=(java -Xmx1g -jar "$root/scenarios/target/valuesim.jar") # the same jar with the JVM's default options

scenario() { # in-flight personas dir: the benchmark scenario at that size
  mkdir -p "$3"
  sed -e "s/MAX_IN_FLIGHT/$1/" -e "s/size: 1000/size: $2/" -e "s/:18766/:$port/" "$root/benchmarks/value-prompted-1000.yaml" \
      > "$3/scenario.yaml"
}

archive() { # [command...] the launcher's first run after a build writes its class-data archive: a small run
  [ $# -gt 0 ] || set -- "${launcher[@]}"
  local dir
  dir="$(mktemp -d "$out/first-run.XXXX")"
  scenario 256 10 "$dir"
  "$@" run "$dir/scenario.yaml" --set cache="$dir/cache.db" --quiet --out "$dir/run"
}

whole_run() { # label in-flight personas command... (the command that starts the CLI)
  local label="$1" n="$2" personas="$3"
  shift 3
  local dir="$out/$label-$n-$personas"
  rm -rf "$dir" # a fresh cache file each time: a second round must not be answered from the first one's
  scenario "$n" "$personas" "$dir"
  local before after
  before=$(standin_ticks)
  /usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$@" run "$dir/scenario.yaml" --set cache="$dir/cache.db" --quiet \
      --out "$dir/run" > "$dir/log" 2>&1
  after=$(standin_ticks)
  python3 - "$dir" "$n" "$label" "$personas" "$((after - before))" "$(getconf CLK_TCK)" <<'PY'
import json, sys
d, n, label, personas, ticks, hz = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
wall, user, system, rss = open(f"{d}/time").read().split()[-4:]
m = json.load(open(f"{d}/run/manifest.json"))
c, t = m["models"]["local"], m["timings"]
calls, cpu = c["model_calls"], float(user) + float(system)
rate = calls / (t["survey_ms"] / 1000)
print(f"{label:>6} {personas:,} personas, in flight {n:5d}: {calls:,} calls ({c['failed_requests']} failed, "
      f"{c['retries']} retried), survey {t['survey_ms']:,} ms = {rate:,.0f} calls/s, {100 * rate / (n * 10):.1f}% of the "
      f"ideal {n * 10:,}/s; process CPU {cpu:.1f} s ({user} user + {system} sys) = {1e6 * cpu / calls:,.0f} us per call; "
      f"stand-in CPU {ticks / hz:.1f} s = {1e6 * ticks / hz / calls:,.0f} us per call; wall {wall} s, peak RSS "
      f"{int(rss) // 1024} MB")
with open(f"{d}/figures", "w") as f:
    f.write(f"{calls} {cpu}\n")
PY
}

marginal() { # label: the extra CPU per extra call of 2,000 personas over 1,000, at 256 in flight
  python3 - "$out/$1-256-1000/figures" "$out/$1-256-2000/figures" "$1" <<'PY'
import sys
(c1, p1), (c2, p2) = [map(float, open(f).read().split()) for f in sys.argv[1:3]]
print(f"{sys.argv[3]:>6} marginal: {p2 - p1:.1f} s of process CPU for {c2 - c1:,.0f} more calls = "
      f"{1e6 * (p2 - p1) / (c2 - c1):,.0f} us per call")
PY
}

case "$mode" in
  calls)
    stand_in
    (cd "$root/sim-core" && java -Xmx2g -cp "$cp" org.valuesim.bench.GatewayBenchmark "http://127.0.0.1:$port/v1")
    ;;
  run)
    stand_in
    archive
    if [ $# -gt 0 ] && [ -d "$1" ]; then # an earlier checkout's launcher, with the archive its first run writes
      before=(env VALUESIM_JAVA_OPTS=-Xmx1g "$(cd "$1" && pwd)/valuesim")
      archive "${before[@]}"
    elif [ $# -gt 0 ]; then
      before=(java -Xmx1g -jar "$1")
    fi
    echo "$(date -u '+%F %T UTC'), $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    for _ in $(seq 1 "${ROUNDS:-1}"); do
      for n in 256 1024; do
        [ $# -gt 0 ] && whole_run before "$n" 1000 "${before[@]}"
        [ "${PLAIN:-yes}" = no ] || whole_run plain "$n" 1000 "${plain[@]}"
        whole_run now "$n" 1000 "${launcher[@]}"
      done
    done
    if [ "${MARGINAL:-yes}" != no ]; then
      [ $# -gt 0 ] && whole_run before 256 2000 "${before[@]}"
      [ "${PLAIN:-yes}" = no ] || whole_run plain 256 2000 "${plain[@]}"
      whole_run now 256 2000 "${launcher[@]}"
      [ $# -gt 0 ] && marginal before
      [ "${PLAIN:-yes}" = no ] || marginal plain
      marginal now
    fi
    echo "$(date -u '+%F %T UTC'), load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    ;;
  profile)
    stand_in
    n="${2:-256}"
    dir="$out/profile-$n"
    scenario "$n" 1000 "$dir"
    if [ -n "${1:-}" ]; then cli=(java -Xmx1g -jar "$1"); else archive; cli=("${launcher[@]}"); fi
    echo "$(date -u '+%F %T UTC'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    before=$(standin_ticks)
    "${cli[@]}" run "$dir/scenario.yaml" --set cache="$dir/cache.db" --quiet --out "$dir/run" > "$dir/log" 2>&1 &
    started=$!
    # the launcher execs the JVM once its archive exists; without one it starts Java as its child
    sleep 0.5
    jvm=$(pgrep -P "$started" -x java || echo "$started")
    python3 "$root/benchmarks/threadcpu.py" "$jvm"
    wait "$started"
    after=$(standin_ticks)
    python3 - "$dir/run/manifest.json" "$((after - before))" "$(getconf CLK_TCK)" "$n" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
calls, ticks, hz, n = m["models"]["local"]["model_calls"], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rate = calls / (m["timings"]["survey_ms"] / 1000)
print(f"{calls:,} model calls, survey {m['timings']['survey_ms']:,} ms = {rate:,.0f} calls/s, {100 * rate / (n * 10):.1f}% "
      f"of the ideal {n * 10:,}/s; the stand-in's CPU {ticks / hz:.2f} s = {1e6 * ticks / hz / calls:,.0f} us per call")
PY
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    ;;
  memory)
    (cd "$root/sim-core" && java -Xmx2g -cp "$cp" org.valuesim.bench.GatewayMemoryBenchmark "$@")
    ;;
  *) echo "usage: bash benchmarks/gateway.sh [calls | run [OLD.jar | OLD_DIR] | profile [JAR [N]] | memory [CALLS]]" >&2; exit 2 ;;
esac
