#!/usr/bin/env python3
"""A Maelstrom broadcast node for rumor's process-mode tests (Python 3 standard library only).

Every 100 ms, from a ticker started when the process starts (as many Gossip Glomers solutions
do), it sends each neighbour of Maelstrom's offered topology the values that neighbour is not
yet known to have; the neighbour answers with the values it got, which marks them known. The
plumbing, and the "start-ns N" stderr line, are maelstrom_node.py's.
"""
from maelstrom_node import Node

TICK_S = 0.1

node = Node()
known = {}  # neighbour -> values it is known to have


def on_message(message):
    body = message["body"]
    kind = body["type"]
    if kind == "topology":
        for peer in body["topology"].get(node.node_id, []):
            known.setdefault(peer, set())
    elif kind == "gossip":
        got = body["values"]
        node.values.update(got)
        known.setdefault(message["src"], set()).update(got)
        node.send(message["src"], {"type": "gossip_ok", "values": got})
    elif kind == "gossip_ok":
        known.setdefault(message["src"], set()).update(body["values"])


def tick():
    for peer in node.topology.get(node.node_id, []):
        missing = node.values - known[peer]
        if missing:
            node.send(peer, {"type": "gossip", "values": sorted(missing)})


if __name__ == "__main__":
    node.run(TICK_S, tick, on_message)
