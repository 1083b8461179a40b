"""The Maelstrom plumbing rumor's Python test nodes share (Python 3 standard library only).

A Node reads JSON lines from stdin and answers init, topology, broadcast and read itself; any
other message goes to the node's own handler. A ticker thread started with the process calls the
node's tick on a fixed grid (like Go's time.Ticker, whatever the sends cost), once init is done.
The process's start time (CLOCK_MONOTONIC, ns) is the first line of its stderr, "start-ns N", so
a benchmark can measure how far apart the nodes started.
"""
import json
import sys
import threading
import time

START_NS = time.clock_gettime_ns(time.CLOCK_MONOTONIC)


class Node:
    def __init__(self):
        self.lock = threading.Lock()
        self.node_id = None
        self.node_ids = []
        self.topology = {}
        self.values = set()
        self.next_msg_id = 0

    def send(self, dest, body):
        sys.stdout.write(json.dumps({"src": self.node_id, "dest": dest, "body": body}) + "\n")
        sys.stdout.flush()

    def reply(self, request, body):
        self.next_msg_id += 1
        body["msg_id"] = self.next_msg_id
        body["in_reply_to"] = request["body"]["msg_id"]
        self.send(request["src"], body)

    def handle(self, message, on_message, on_new_value):
        body = message["body"]
        kind = body["type"]
        if kind == "init":
            self.node_id = body["node_id"]
            self.node_ids = body["node_ids"]
            self.reply(message, {"type": "init_ok"})
        elif kind == "topology":
            self.topology = body["topology"]
            on_message(message)
            self.reply(message, {"type": "topology_ok"})
        elif kind == "broadcast":
            if body["message"] not in self.values:
                self.values.add(body["message"])
                on_new_value(body["message"])
            self.reply(message, {"type": "broadcast_ok"})
        elif kind == "read":
            self.reply(message, {"type": "read_ok", "messages": sorted(self.values)})
        else:
            on_message(message)

    def run(self, tick_s, tick, on_message=lambda m: None, on_new_value=lambda v: None):
        sys.stderr.write("start-ns %d\n" % START_NS)
        sys.stderr.flush()
        threading.Thread(target=self._ticker, args=(tick_s, tick), daemon=True).start()
        for line in sys.stdin:
            with self.lock:
                self.handle(json.loads(line), on_message, on_new_value)

    def _ticker(self, tick_s, tick):
        next_tick = time.monotonic()
        while True:
            next_tick += tick_s
            time.sleep(max(0.0, next_tick - time.monotonic()))
            with self.lock:
                if self.node_id is not None:
                    tick()
