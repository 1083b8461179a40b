#!/usr/bin/env python3
"""Runs the Gossip Glomers matrix (3a, 3b, 3c, 3d, 3d with partitions, 3e) for every profile over
seeds 1..10 with `rumor test`, and writes a markdown table into tests/benchmarks.md between the
markers <!-- matrix:begin --> and <!-- matrix:end -->. A benchmark, not a test: it prints figures.

usage: tests/bench_matrix.py [--rumor build/replay/rumor] [--seeds 10] [--jobs 2]
                             [--profiles default,frugal,fast] [--no-write]
"""
import argparse
import concurrent.futures
import json
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "tests", "benchmarks.md")

# Maelstrom's challenge command lines (Fly.io's Gossip Glomers challenge pages); 3d and 3e share one command line.
CELLS = [
    ("3a", ["--node-count", "1", "--time-limit", "20", "--rate", "10"], None),
    ("3b", ["--node-count", "5", "--time-limit", "20", "--rate", "10"], None),
    ("3c", ["--node-count", "5", "--time-limit", "20", "--rate", "10", "--nemesis", "partition"], None),
    ("3d", ["--node-count", "25", "--time-limit", "20", "--rate", "100", "--latency", "100"],
     (30, 400, 600)),
    ("3d+partition", ["--node-count", "25", "--time-limit", "20", "--rate", "100", "--latency",
                      "100", "--nemesis", "partition"], None),
    ("3e", ["--node-count", "25", "--time-limit", "20", "--rate", "100", "--latency", "100"],
     (20, 1000, 2000)),
]


def run_one(rumor, profile, args, seed):
    command = [rumor, "test", "-w", "broadcast", *args, "--profile", profile, "--seed", str(seed),
               "--json", "--no-store"]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True)
    wall_s = time.monotonic() - started
    if done.returncode not in (0, 1, 2):
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-500:]}")
    results = json.loads(done.stdout)
    workload = results["workload"]
    latencies = workload.get("stable-latencies", {})
    return {
        "valid": results["valid?"] is True,
        "msgs_per_op": results["net"]["servers"].get("msgs-per-op", 0.0),
        "median_ms": latencies.get("0.5"),
        "max_ms": latencies.get("1"),
        "lost": workload["lost-count"],
        "wall_s": wall_s,
    }


def summarise(runs):
    def med(key):
        values = [r[key] for r in runs if r[key] is not None]
        return statistics.median(values) if values else None

    def worst(key):
        values = [r[key] for r in runs if r[key] is not None]
        return max(values) if values else None

    return {
        "valid": sum(r["valid"] for r in runs),
        "n": len(runs),
        "mpo_med": med("msgs_per_op"), "mpo_worst": worst("msgs_per_op"),
        "p50_med": med("median_ms"), "p50_worst": worst("median_ms"),
        "max_med": med("max_ms"), "max_worst": worst("max_ms"),
        "lost": sum(r["lost"] for r in runs),
        "wall_med": med("wall_s"),
    }


def fmt(value, digits=0):
    if value is None:
        return "–"
    return f"{value:.{digits}f}"


def table(rows):
    lines = ["| profile | cell | valid | msgs-per-op median (worst) | stable latency median ms: "
             "median (worst) | max stable latency ms: median (worst) | lost | wall s per run | "
             "challenge limits |",
             "|---|---|---|---|---|---|---|---|---|"]
    for profile, cell, s, limits in rows:
        verdict = "–"
        if limits:
            ok = (s["mpo_med"] is not None and s["mpo_med"] < limits[0] and s["p50_med"] is not None
                  and s["p50_med"] < limits[1] and s["max_med"] < limits[2])
            verdict = f"< {limits[0]} / {limits[1]} / {limits[2]}: {'pass' if ok else 'FAIL'}"
        lines.append(
            f"| {profile} | {cell} | {s['valid']}/{s['n']} | {fmt(s['mpo_med'], 2)} "
            f"({fmt(s['mpo_worst'], 2)}) | {fmt(s['p50_med'])} ({fmt(s['p50_worst'])}) | "
            f"{fmt(s['max_med'])} ({fmt(s['max_worst'])}) | {s['lost']} | {fmt(s['wall_med'], 3)} | "
            f"{verdict} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rumor", default=os.path.join(ROOT, "build", "replay", "rumor"))
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--profiles", default="default,frugal,fast")
    parser.add_argument("--cells", default=",".join(c[0] for c in CELLS))
    parser.add_argument("--no-write", action="store_true")
    options = parser.parse_args()

    wanted = options.cells.split(",")
    cells = [c for c in CELLS if c[0] in wanted]
    jobs = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=options.jobs) as pool:
        for profile in options.profiles.split(","):
            for name, args, limits in cells:
                futures = [pool.submit(run_one, options.rumor, profile, args, seed)
                           for seed in range(1, options.seeds + 1)]
                jobs.append((profile, name, futures, limits))
        rows = [(p, n, summarise([f.result() for f in fs]), limits) for p, n, fs, limits in jobs]

    text = table(rows)
    print(text)
    if options.no_write:
        return 0
    with open(DOC, encoding="utf-8") as f:
        doc = f.read()
    stamp = time.strftime("%Y-%m-%d")
    block = (f"<!-- matrix:begin -->\nMeasured {stamp} with `tests/bench_matrix.py --seeds "
             f"{options.seeds}` (seeds 1–{options.seeds}).\n\n{text}\n<!-- matrix:end -->")
    doc = re.sub(r"<!-- matrix:begin -->.*?<!-- matrix:end -->", lambda _: block, doc, flags=re.S)
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(doc)
    print(f"wrote {DOC}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
