#!/usr/bin/env python3
"""A Maelstrom broadcast node for rumor's process-mode tests (Python 3 standard library only).

It ignores the offered topology: values a client gives it are batched, and every 500 ms (a
ticker started when the process starts) the batch goes to every other node in one message each,
fire and forget. The plumbing, and the "start-ns N" stderr line, are maelstrom_node.py's.
"""
from maelstrom_node import Node

TICK_S = 0.5

node = Node()
batch = []


def on_message(message):
    if message["body"]["type"] == "batch":
        node.values.update(message["body"]["values"])


def tick():
    if not batch:
        return
    for peer in node.node_ids:
        if peer != node.node_id:
            node.send(peer, {"type": "batch", "values": batch})
    batch.clear()


if __name__ == "__main__":
    node.run(TICK_S, tick, on_message, batch.append)
