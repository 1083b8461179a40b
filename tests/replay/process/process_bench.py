#!/usr/bin/env python3
"""Process-mode benchmark (not a test): runs `rumor test --bin` at the Gossip Glomers 3d/3e
settings (25 nodes, rate 100, latency 100) on rumor-node's profiles and on the test nodes in
other languages (nodes/flood_node.py: 100 ms ticker over the offered topology;
nodes/batch_node.py: 500 ms batches to every node; nodes/relay_node.pl: each value at once to
every node), and prints per run:

  start spread   how far apart the nodes started: max - min of each node's own start time
                 (the test nodes log CLOCK_MONOTONIC at start; rumor-node logs none: "-")
  wait median    median latency of the main phase's ok client ops (the client's wait)
  ops            client ops invoked (Maelstrom's msgs-per-op denominator)
  msgs-per-op    servers msgs-per-op; stable median / max: stable latencies (ms)
  exec spread    rumor's own measure: from releasing the nodes to the last one's exec
  rate, slip     achieved op rate and mean invoke slip, when rumor prints them

usage: tests/replay/process/process_bench.py RUMOR RUMOR_NODE [NAME...]
Env: TIME_LIMIT (default 20), SEED (default 1). Each run takes its time limit + ~12 s.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLAGS = ["--node-count", "25", "--rate", "100", "--latency", "100"]


def configs(node):
    return {
        "rumor-node default": [node, "default"],
        "rumor-node frugal": [node, "frugal"],
        "rumor-node fast": [node, "fast"],
        "flood_node.py": [str(HERE / "nodes" / "flood_node.py")],
        "batch_node.py": [str(HERE / "nodes" / "batch_node.py")],
        "relay_node.pl": [str(HERE / "nodes" / "relay_node.pl")],
    }


def start_spread_ms(logs):
    starts = []
    for log in logs.glob("n*.log"):
        text = log.read_text(errors="replace")
        match = re.search(r"^start-ns (\d+)", text, re.M)
        if match:
            starts.append(int(match.group(1)) / 1e6)
            continue
    return max(starts) - min(starts) if len(starts) > 1 else float("nan")


def client_ops(history):
    """(ops invoked, including final reads, as msgs-per-op counts them; main-phase wait median)"""
    invoked = {}
    waits = []
    ops = 0
    for line in history.read_text().splitlines():
        process = re.search(r":process (\d+)", line)
        if process is None:
            continue
        time = int(re.search(r":time (\d+)", line).group(1))
        if ":type :invoke" in line:
            ops += 1
            invoked[process.group(1)] = time
        elif ":type :ok" in line and process.group(1) in invoked and ":final? true" not in line:
            waits.append((time - invoked.pop(process.group(1))) / 1e6)
    return ops, (statistics.median(waits) if waits else float("nan"))


def run(rumor, name, bin_args, work):
    cmd = [rumor, "test", "-w", "broadcast", *FLAGS, "--time-limit",
           os.environ.get("TIME_LIMIT", "20"), "--seed", os.environ.get("SEED", "1"), "--json",
           "--bin", *bin_args]
    done = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    store = Path(work) / "store" / "latest"
    try:
        results = json.loads(done.stdout)
    except json.JSONDecodeError:
        print(f"{name}: no results (exit {done.returncode})\n{done.stderr[-2000:]}")
        return
    servers = results["net"]["servers"]
    stable = results["workload"]["stable-latencies"]
    host = results.get("host", {})
    rate = host.get("achieved-rate")
    slip = host.get("invoke-slip-ms-mean")
    extra = f"{rate:8.1f} {slip:7.3f}" if rate is not None else f"{'-':>8} {'-':>7}"
    spread = host.get("start-spread-ms")
    extra += f" {spread:6.1f}" if spread is not None else f" {'-':>6}"
    ops, wait_median = client_ops(store / "history.edn")
    print(f"{name:20} {start_spread_ms(store / 'node-logs'):8.1f} {wait_median:8.1f} {ops:6} "
          f"{servers.get('msgs-per-op', 0):8.3f} {stable['0.5']:7} {stable['1']:7} {extra} "
          f"{str(results['valid?']):6}", flush=True)
    for line in done.stderr.splitlines():
        if "WARN" in line or "start spread" in line or "host" in line:
            print("    " + line)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    rumor, node = str(Path(sys.argv[1]).resolve()), str(Path(sys.argv[2]).resolve())
    chosen = configs(node)
    names = sys.argv[3:] or list(chosen)
    print(f"{'run':20} {'spread':>8} {'wait-med':>8} {'ops':>6} {'msgs/op':>8} {'st-med':>7} "
          f"{'st-max':>7} {'rate':>8} {'slip-ms':>7} {'exec':>6} valid")
    for name in names:
        with tempfile.TemporaryDirectory() as work:
            run(rumor, name, chosen[name], work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
