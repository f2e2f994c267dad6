#!/usr/bin/env python3
"""CPU of a running JVM by thread group and by phase, from /proc (Linux): benchmarks/gateway.sh profile.

Usage: threadcpu.py PID. Polls every thread's user + sys time every 50 ms until the process exits, then prints each
group's CPU (thread names with their numbers dropped: the JIT's compiler threads, main, the gateway's workers, the
cache writer, the response log, GC, ...) in three phases: before the first model call (start-up, scenario and
population), the survey (from the first tick of the gateway's workers until they have 99% of their CPU), and after
(statistics, report).
A thread that ends between two polls loses at most its last 50 ms.
"""
import collections
import os
import re
import sys
import time

pid = int(sys.argv[1])
hz = os.sysconf("SC_CLK_TCK")
last = {}       # thread id -> (group, ticks)
timeline = []   # (seconds, {group: ticks})
start = time.time()
while os.path.exists(f"/proc/{pid}"):
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        break
    for tid in tids:
        try:
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        last[tid] = (re.sub(r"[0-9]+", "#", name), int(fields[11]) + int(fields[12]))
    totals = collections.Counter()
    for group, ticks in last.values():
        totals[group] += ticks
    timeline.append((time.time() - start, totals))
    time.sleep(0.05)

workers = "valuesim-model-"
active = [i for i, (_, t) in enumerate(timeline) if t[workers] > 0]
if not active:
    sys.exit("no model call was made")
first = active[0] - 1
# the survey ends when the workers have done 99% of their work (closing the pool ticks them once more, later)
end = next(i for i in active if timeline[i][1][workers] >= 0.99 * timeline[-1][1][workers])
final = timeline[-1][1]
before, during = timeline[max(first, 0)][1], timeline[end][1]
groups = sorted(final, key=lambda g: -final[g])
print(f"{'thread group':<24}{'before':>9}{'survey':>9}{'after':>9}{'total':>9}  (s of CPU)")
for g in groups:
    if final[g] < hz / 100:
        continue
    print(f"{g:<24}{before[g] / hz:9.2f}{(during[g] - before[g]) / hz:9.2f}{(final[g] - during[g]) / hz:9.2f}"
          f"{final[g] / hz:9.2f}")
b, d, f = sum(before.values()), sum(during.values()), sum(final.values())
print(f"{'all':<24}{b / hz:9.2f}{(d - b) / hz:9.2f}{(f - d) / hz:9.2f}{f / hz:9.2f}")
print(f"survey from {timeline[max(first, 0)][0]:.1f} s to {timeline[end][0]:.1f} s of the process's life")
