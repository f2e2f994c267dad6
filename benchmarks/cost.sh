#!/usr/bin/env bash
# The cost benchmarks of BENCHMARKS.md, against a loopback stand-in model whose answers are known and whose usage
# counts prompts as a chat template would (org.valuesim.bench.CostStandIn, from the test classes).
#   bash benchmarks/cost.sh          a 10,000-persona value-prompted PVQ-21 study with ranked value profiles (every
#                                    persona's prompt distinct: 21 calls a persona), estimated, then run live, batched, and
#                                    batched with prompt caching (Anthropic Messages and Message Batches) at Claude
#                                    Haiku 4.5's prices; the stand-in caches prefixes of 4,096 tokens or more, as
#                                    Anthropic does for Haiku 4.5
#   bash benchmarks/cost.sh uniform  the same with one-value personas (10 distinct personas: 210 distinct calls)
#   bash benchmarks/cost.sh items    items-per-call 1, 3, 7 and 21 (OpenAI-compatible stand-in, 5% of lines garbled)
# PERSONAS=N sets the study's population (default 10000). Runs go to ${TMPDIR:-/tmp}/valuesim-cost-bench (removed
# first); the jar and test classes are built if needed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:-study}"
out="${TMPDIR:-/tmp}/valuesim-cost-bench"
port=18765
personas="${PERSONAS:-10000}"
mvn -B -q -Dstyle.color=never -f "$root/pom.xml" -pl scenarios -am package -DskipTests
cp="$root/scenarios/target/test-classes:$root/sim-core/target/test-classes:$root/scenarios/target/valuesim.jar"
valuesim() { /usr/bin/time -f "%e s wall, %M KB peak" java -Xmx4g -jar "$root/scenarios/target/valuesim.jar" "$@"; }
rm -rf "$out" && mkdir -p "$out" && cd "$out"

stand_in() { # protocol garbled-share
  java -Xmx6g -cp "$cp" org.valuesim.bench.CostStandIn "$1" "$port" "$2" 4096 > stand-in.log 2>&1 &
  standin=$!
  trap 'kill $standin 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do grep -q "stand-in" stand-in.log && return; sleep 0.2; done
  echo "the stand-in did not start" >&2; cat stand-in.log >&2; exit 1
}

study() { # name strategy submit prompt-cache
  cat > "$1.yaml" <<EOF
name: $1
seed: 42
population: {size: $personas, preset: us-gss-2012, strategy: $2}
respondent: {kind: value-prompt, model: claude}
models:
  claude:
    provider: anthropic
    base-url: http://127.0.0.1:$port/v1/
    model: claude-haiku-4-5
    api-key-env: VALUESIM_BENCH_KEY
    answer-mode: sample
    max-in-flight: 256
    submit: $3
    prompt-cache: $4
    batch-poll-seconds: 0.5
    pricing: {input: 1.00, cached-input: 0.10, cache-write: 1.25, output: 5.00, batch-discount: 0.5, cache-min-tokens: 4096}
instruments: [pvq21]
cache: $1.db
EOF
}

report() { # run folder
  python3 - "$1/manifest.json" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
c = m["models"]["claude"] if "claude" in m["models"] else next(iter(m["models"].values()))
print(f"  made: {c['model_calls']:,} calls ({c['batched_calls']:,} batched in {c['batches']} batches), "
      f"{c['tokens_in']:,} input tokens ({c['cached_input_tokens']:,} cached), {c['tokens_out']:,} output tokens, "
      f"cost ${m.get('cost_usd', 0)} (live ${c['cost_usd']['live']}, batch ${c['cost_usd']['batch']}), "
      f"simulation {m['timings']['simulation_ms']:,} ms")
EOF
}

export VALUESIM_BENCH_KEY=sk-bench
case "$mode" in
  study|uniform)
    strategy=sampled
    [ "$mode" = uniform ] && strategy=uniform
    stand_in anthropic 0
    for config in live:false batch:false batch:true; do
      submit="${config%%:*}" cache="${config##*:}" name="$mode-${config/:/-cache-}"
      study "$name" "$strategy" "$submit" "$cache"
      echo "== $mode, submit: $submit, prompt-cache: $cache: estimate"
      valuesim estimate "$name.yaml"
      echo "== $mode, submit: $submit, prompt-cache: $cache: run"
      valuesim run "$name.yaml" --out "$name" --quiet
      report "$name"
    done
    ;;
  items)
    stand_in openai 0.05
    for k in 1 3 7 21; do
      cat > "items-$k.yaml" <<EOF
name: items-$k
seed: 42
population: {size: 200, preset: us-gss-2012, strategy: sampled}
respondent: {kind: value-prompt, model: local, items-per-call: $k}
models:
  local: {provider: openai-compatible, base-url: "http://127.0.0.1:$port/v1", model: gpt-4.1-mini, answer-mode: sample,
          max-in-flight: 64, pricing: {input: 1.0, output: 4.0}}
instruments: [pvq21]
cache: items-$k.db
EOF
      echo "== items-per-call: $k"
      valuesim run "items-$k.yaml" --out "items-$k" --quiet
      python3 - "items-$k" "items-1" <<'EOF'
import csv, json, sys
run, base = sys.argv[1], sys.argv[2]
m = json.load(open(f"{run}/manifest.json"))
c = m["models"]["local"]
rows = list(csv.DictReader(open(f"{run}/responses.csv")))
ok = sum(r["status"] == "ok" for r in rows)
known = {(r["agent_id"], r["item_id"]): r["answer"] for r in csv.DictReader(open(f"{base}/responses.csv"))}
same = sum(known.get((r["agent_id"], r["item_id"])) == r["answer"] for r in rows)
print(f"  {len(rows):,} answers, {ok:,} ok; {c['model_calls']:,} model calls ({c['shared_requests']:,} requests shared); "
      f"{c['tokens_in']:,} input and {c['tokens_out']:,} output tokens; cost ${c['cost_usd']['total']}; "
      f"{same:,} answers equal to the one-item-per-call run's; survey {m['timings']['survey_ms']:,} ms")
EOF
    done
    ;;
  *) echo "usage: bash benchmarks/cost.sh [study|uniform|items]" >&2; exit 2 ;;
esac
