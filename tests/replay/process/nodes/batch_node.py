#!/usr/bin/env python3
"""A Maelstrom broadcast node for rumor's process-mode tests (Python 3 standard library only).

It ignores the offered topology: values a client gives it are batched, and every 500 ms (a
ticker started when the process starts) the batch goes to every other node in one message each,
fire and forget. Its start time (CLOCK_MONOTONIC, ns) is the first line of its stderr,
"start-ns N", so a benchmark can measure how far apart the nodes started.
"""
import json
import sys
import threading
import time

START_NS = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
TICK_S = 0.5

lock = threading.Lock()
node_id = None
peers = []
values = set()
batch = []
next_msg_id = 0


def send(dest, body):
    sys.stdout.write(json.dumps({"src": node_id, "dest": dest, "body": body}) + "\n")
    sys.stdout.flush()


def reply(request, body):
    global next_msg_id
    next_msg_id += 1
    body["msg_id"] = next_msg_id
    body["in_reply_to"] = request["body"]["msg_id"]
    send(request["src"], body)


def handle(message):
    global node_id, peers
    body = message["body"]
    kind = body["type"]
    if kind == "init":
        node_id = body["node_id"]
        peers = [n for n in body["node_ids"] if n != node_id]
        reply(message, {"type": "init_ok"})
    elif kind == "topology":
        reply(message, {"type": "topology_ok"})
    elif kind == "broadcast":
        if body["message"] not in values:
            values.add(body["message"])
            batch.append(body["message"])
        reply(message, {"type": "broadcast_ok"})
    elif kind == "read":
        reply(message, {"type": "read_ok", "messages": sorted(values)})
    elif kind == "batch":
        values.update(body["values"])


def ticker():
    next_tick = time.monotonic()
    while True:
        next_tick += TICK_S  # a fixed grid, like Go's time.Ticker, whatever the sends cost
        time.sleep(max(0.0, next_tick - time.monotonic()))
        with lock:
            if node_id is None or not batch:
                continue
            for peer in peers:
                send(peer, {"type": "batch", "values": batch})
            batch.clear()


def main():
    sys.stderr.write("start-ns %d\n" % START_NS)
    sys.stderr.flush()
    threading.Thread(target=ticker, daemon=True).start()
    for line in sys.stdin:
        with lock:
            handle(json.loads(line))


if __name__ == "__main__":
    main()
