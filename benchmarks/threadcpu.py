#!/usr/bin/env python3
"""CPU of a running JVM by thread group and by phase, from /proc (Linux): benchmarks/gateway.sh profile.

Usage: threadcpu.py PID. Polls every thread's CPU time (/proc/PID/task/TID/schedstat) every 50 ms until the process exits, then prints each
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
alive = []      # worker threads alive at each poll
start = time.time()
while os.path.exists(f"/proc/{pid}"):
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        break
    for tid in tids:
        try:
            name = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
            # schedstat's first field: the thread's CPU in ns; stat's user and sys ticks are rounded down per thread,
            # which loses nearly all of 1,024 workers that each run a few ms
            ns = int(open(f"/proc/{pid}/task/{tid}/schedstat").read().split()[0])
        except OSError:
            continue
        last[tid] = (re.sub(r"[0-9]+", "#", name), ns * hz / 1e9)
    alive.append(sum(1 for tid in tids if last.get(tid, ("",))[0] == "valuesim-model-"))
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
# the survey ends when the workers have done 99% of the work they did before the pool began to close (its threads
# ending cost them a little more, later)
# the first poll after the last one with every worker alive (one thread of the group ending mid-survey does not end
# it: the pool's starter, whose name the workers' shares, ends once the pool is full)
closing = max(i for i, a in enumerate(alive) if a >= max(alive) - 1) + 1
end = next(i for i in active if timeline[i][1][workers] >= 0.99 * timeline[closing - 1][1][workers])
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
