#!/usr/bin/env bash
# The psychometric respondent alone, before and after its fast path, alternating in one session (see BENCHMARKS.md).
# usage: benchmarks/respondent.sh OLD.jar [PERSONAS] [REPEATS] [MODE]
# MODE respondent (default): the respondent alone on one thread; survey: the personas answer as a run's survey phase
# does (windows answered on every core, a sink that only sums the answers up).
# OLD.jar is valuesim.jar built at an earlier commit (e.g. git worktree add /tmp/old 3cb8af3 && (cd /tmp/old &&
# mvn -B -q -DskipTests package) && cp /tmp/old/scenarios/target/valuesim.jar /tmp/old.jar).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
old="$1"; personas="${2:-100000}"; repeats="${3:-5}"; mode="${4:-respondent}"
(cd "$root" && mvn -B -q -o -pl scenarios -am test-compile -DskipTests)
[ -f "$root/scenarios/target/valuesim.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
for round in 1 2; do
  for jar in "$old" "$root/scenarios/target/valuesim.jar"; do
    echo "== $jar (round $round)"
    java -Xmx1g -cp "$jar:$root/scenarios/target/test-classes" org.valuesim.bench.RespondentBenchmark "$personas" "$repeats" "$mode"
  done
done
