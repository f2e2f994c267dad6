#!/usr/bin/env bash
# The cluster benchmark of BENCHMARKS.md, on this machine over loopback:
#  1. model calls/s of a value-prompted run (sampled personas: every prompt distinct) on 1, 2 and 3 workers, each
#     a JVM of its own, against a stand-in OpenAI-compatible server in its own process that answers after 100 ms;
#     max-in-flight 16 per member; and the same run without --cluster;
#  2. the cluster's overhead on an embedded (psychometric) run: the same scenario without --cluster and on one
#     worker;
#  3. a study of many small model-backed runs (24 runs of 10 or 30 value-prompted personas, the same stand-in): without
#     --cluster, and on 2 workers with its runs one at a time (--runs-at-once 1) and several at once (the default).
# Usage: benchmarks/cluster.sh [PERSONAS (default 400)] [EMBEDDED_PERSONAS (default 20000)]
# PARTS="calls embedded study" (the default) chooses the parts to run; JVM_ARGS the JVM options beyond -Xmx1g and
# Parallel GC (default: @jvm.args, the C1-only option ./valuesim starts Java with; JVM_ARGS= for the JVM's defaults).
# Everything it writes goes under target/cluster-bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
personas=${1:-400}
embedded=${2:-20000}
parts=${PARTS:-calls embedded study}
if [ ! -f scenarios/target/valuesim.jar ] || [ ! -d scenarios/target/test-classes/org/valuesim/scenarios/cluster ]; then
  mvn -B -q -Dstyle.color=never -DskipTests package
fi
work=target/cluster-bench
rm -rf "$work"
mkdir -p "$work/classes"
# copies, so that a build while the benchmark runs cannot change what it measures
cp scenarios/target/valuesim.jar "$work/valuesim.jar"
cp -r scenarios/target/test-classes/org "$work/classes/"
jar=$work/valuesim.jar
# JVM_ARGS: the launcher's options (jvm.args) unless given; JVM_ARGS= for the JVM's defaults (members and
# coordinator; the stand-in always runs with the JVM's defaults)
java=(java -Xmx1g -XX:+UseParallelGC ${JVM_ARGS-@jvm.args})
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

server_port=$((20000 + RANDOM % 20000))
# cluster names of this invocation only, so that no member of another one (or of an earlier, killed one) joins
tag=$server_port
java -Xmx1g -XX:+UseParallelGC -cp "$work/classes:$jar" org.valuesim.scenarios.cluster.OpenAiStandIn "$server_port" 100 \
    > "$work/stand-in.log" 2>&1 &
pids+=($!)
standin_t0=$SECONDS
# where the stand-in's log (in flight each second) is, for the run that starts now
clock() { echo "  (from $((SECONDS - standin_t0)) s on the stand-in's clock, $work/stand-in.log)"; }
cat > "$work/calls.yaml" <<YAML
name: cluster-calls
seed: 5
population: {size: $personas, preset: us-gss-2012, strategy: sampled}
respondent: {kind: value-prompt, model: local}
models:
  local: {provider: openai-compatible, base-url: "http://127.0.0.1:$server_port/v1", model: m, max-in-flight: 16}
instruments: [pvq21]
statistics: {bootstrap: 0, permutations: 99}
cache: $work/coordinator.db
YAML
cat > "$work/embedded.yaml" <<YAML
name: cluster-embedded
seed: 5
population: {size: $embedded, preset: us-gss-2012, strategy: sampled}
respondent: {kind: psychometric}
instruments: [pvq21]
statistics: {bootstrap: 0, permutations: 99}
YAML

# starts N workers of cluster NAME-TAG (the first, then the others joining it), sets cluster to that name and first to
# the first's address;
# not in a $(...) subshell, so that their ids reach pids and stop_workers stops them
start_workers() {
  local name=$1 count=$2
  cluster="$name-$tag"
  first=""
  for i in $(seq 1 "$count"); do
    local log="$work/$name-worker-$i.log"
    if [ -z "$first" ]; then
      "${java[@]}" -jar "$jar" worker --cluster "$cluster" --interface 127.0.0.1 --cache "$work/$name-$i.db" > "$log" 2>&1 &
    else
      "${java[@]}" -jar "$jar" worker --cluster "$cluster" --interface 127.0.0.1 --join "$first" --cache "$work/$name-$i.db" \
          > "$log" 2>&1 &
    fi
    pids+=($!)
    for _ in $(seq 1 600); do grep -q "valuesim worker: member" "$log" && break; sleep 0.2; done
    if [ -z "$first" ]; then
      first=$(grep -o "member \[[0-9.]*\]:[0-9]*" "$log" | head -1 | sed 's/member \[\(.*\)\]:\(.*\)/\1:\2/')
    fi
  done
}

# stops every worker (the stand-in, first in pids, keeps running)
stop_workers() {
  for p in "${pids[@]:1}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  pids=("${pids[0]}")
}

# user + sys seconds of CPU the given processes have used so far (from /proc; 0 for one that has ended)
cpu_of() {
  local ticks=0
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  awk "BEGIN {print $ticks / $(getconf CLK_TCK)}"
}

# prints "answers answers/s survey_s total_s" from a run's manifest
figures() {
  local m="$1/manifest.json"
  field() { grep -oE "\"$1\" : [0-9.]+" "$m" | head -1 | grep -oE "[0-9.]+$"; }
  echo "$(field answers) $(field answers_per_second) $(awk "BEGIN {print $(field survey_ms) / 1000}") \
$(awk "BEGIN {print $(field total_ms) / 1000}")"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
cat > "$work/study.yaml" <<YAML
name: cluster-study
seed: 5
replicates: 12
base:
  name: cluster-study
  population: {size: 10, preset: us-gss-2012, strategy: sampled}
  respondent: {kind: value-prompt, model: local}
  models:
    local: {provider: openai-compatible, base-url: "http://127.0.0.1:$server_port/v1", model: m, max-in-flight: 16}
  instruments: [pvq21]
  statistics: {bootstrap: 0, permutations: 99}
  cache: $work/study.db
vary:
  population.size: [10, 30]
YAML

if [[ " $parts " == *" calls "* ]]; then
echo "-- model calls: $personas sampled personas x 21 PVQ-21 items, stand-in answers after 100 ms, max-in-flight 16 per member"
clock
"${java[@]}" -jar "$jar" run "$work/calls.yaml" --out "$work/calls-here" --quiet > /dev/null
read -r answers rate survey total < <(figures "$work/calls-here")
echo "no cluster: $answers answers, survey $survey s, $rate calls/s"
base=""
for n in 1 2 3; do
  start_workers "calls$n" "$n"
  clock
  standin_before=$(cpu_of "${pids[0]}"); members_before=$(cpu_of "${pids[@]:1}")
  /usr/bin/time -f "%U %S" -o "$work/calls-$n.time" \
      "${java[@]}" -jar "$jar" run "$work/calls.yaml" --out "$work/calls-$n" --quiet --cluster "$cluster" --join "$first" > /dev/null
  standin_cpu=$(awk "BEGIN {print $(cpu_of "${pids[0]}") - $standin_before}")
  members_cpu=$(awk "BEGIN {print $(cpu_of "${pids[@]:1}") - $members_before}")
  coordinator_cpu=$(awk '{print $1 + $2}' "$work/calls-$n.time")
  read -r answers rate survey total < <(figures "$work/calls-$n")
  [ -z "$base" ] && base=$rate
  echo "$n member(s): $answers answers, survey $survey s, $rate calls/s, ratio to 1 member $(awk "BEGIN {printf \"%.2f\", $rate / $base}")"
  # CPU per call over the whole run (start-up and statistics included): what separate machines would each need
  echo "  CPU per call: members $(awk "BEGIN {printf \"%.2f\", 1000 * $members_cpu / $answers}") ms, coordinator \
$(awk "BEGIN {printf \"%.2f\", 1000 * $coordinator_cpu / $answers}") ms, stand-in $(awk "BEGIN {printf \"%.2f\", 1000 * $standin_cpu / $answers}") ms"
  stop_workers
done
echo "the 1-member worker's cache: $("${java[@]}" -jar "$jar" cache stats --cache "$work/calls1-1.db" | head -1)"
fi

if [[ " $parts " == *" embedded "* ]]; then

echo "-- cluster overhead on an embedded run: $embedded sampled personas, psychometric respondent"
"${java[@]}" -jar "$jar" run "$work/embedded.yaml" --out "$work/embedded-here" --quiet > /dev/null
read -r answers rate survey total < <(figures "$work/embedded-here")
echo "no cluster: survey $survey s ($rate answers/s), whole run $total s"
start_workers embedded 1
"${java[@]}" -jar "$jar" run "$work/embedded.yaml" --out "$work/embedded-1" --quiet --cluster "$cluster" --join "$first" > /dev/null
read -r answers rate survey total < <(figures "$work/embedded-1")
echo "1 member: survey $survey s ($rate answers/s), whole run $total s"
for f in responses.csv agents.csv summary.json; do
  cmp -s "$work/embedded-here/$f" "$work/embedded-1/$f" && echo "$f identical" || echo "$f DIFFERS"
done
fi

if [[ " $parts " == *" study "* ]]; then
echo "-- a study of 24 small runs: 10 and 30 sampled value-prompted personas x 12 replicates x 21 items, stand-in 100 ms"
# prints the wall seconds of a study command
timed() { local t0; t0=$(date +%s.%N); "$@" > /dev/null; awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $t0}"; }
calls=$((24 * 20 * 21))
clock
wall=$(timed "${java[@]}" -jar "$jar" study "$work/study.yaml" --out "$work/study-here" --quiet)
echo "no cluster: $wall s, $(awk "BEGIN {printf \"%.0f\", $calls / $wall}") calls/s"
for atonce in 1 default; do
  start_workers "study$atonce" 2
  clock
  more=(); [ "$atonce" = default ] || more=(--runs-at-once "$atonce")
  wall=$(timed "${java[@]}" -jar "$jar" study "$work/study.yaml" --out "$work/study-$atonce" --quiet \
      --cluster "$cluster" --join "$first" "${more[@]}")
  echo "2 members, runs at once $atonce: $wall s, $(awk "BEGIN {printf \"%.0f\", $calls / $wall}") calls/s"
  for f in study.csv study.json; do
    cmp -s "$work/study-here/$f" "$work/study-$atonce/$f" && echo "  $f identical" || echo "  $f DIFFERS"
  done
  stop_workers
done
fi
