#!/usr/bin/env python3
"""A Maelstrom broadcast node for rumor's process-mode tests (Python 3 standard library only).

Every 100 ms, from a ticker started when the process starts (as many Gossip Glomers solutions
do), it sends each neighbour of Maelstrom's offered topology the values that neighbour is not
yet known to have; the neighbour answers with the values it got, which marks them known. Its
start time (CLOCK_MONOTONIC, ns) is the first line of its stderr, "start-ns N", so a benchmark
can measure how far apart the nodes started.
"""
import json
import sys
import threading
import time

START_NS = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
TICK_S = 0.1

lock = threading.Lock()
node_id = None
values = set()
neighbours = []
known = {}  # neighbour -> values it is known to have
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
    global node_id, neighbours
    body = message["body"]
    kind = body["type"]
    if kind == "init":
        node_id = body["node_id"]
        reply(message, {"type": "init_ok"})
    elif kind == "topology":
        neighbours = body["topology"].get(node_id, [])
        for peer in neighbours:
            known.setdefault(peer, set())
        reply(message, {"type": "topology_ok"})
    elif kind == "broadcast":
        values.add(body["message"])
        reply(message, {"type": "broadcast_ok"})
    elif kind == "read":
        reply(message, {"type": "read_ok", "messages": sorted(values)})
    elif kind == "gossip":
        got = body["values"]
        values.update(got)
        known.setdefault(message["src"], set()).update(got)
        send(message["src"], {"type": "gossip_ok", "values": got})
    elif kind == "gossip_ok":
        known.setdefault(message["src"], set()).update(body["values"])


def ticker():
    next_tick = time.monotonic()
    while True:
        next_tick += TICK_S  # a fixed grid, like Go's time.Ticker, whatever the sends cost
        time.sleep(max(0.0, next_tick - time.monotonic()))
        with lock:
            if node_id is None:
                continue
            for peer in neighbours:
                missing = values - known[peer]
                if missing:
                    send(peer, {"type": "gossip", "values": sorted(missing)})


def main():
    sys.stderr.write("start-ns %d\n" % START_NS)
    sys.stderr.flush()
    threading.Thread(target=ticker, daemon=True).start()
    for line in sys.stdin:
        with lock:
            handle(json.loads(line))


if __name__ == "__main__":
    main()
