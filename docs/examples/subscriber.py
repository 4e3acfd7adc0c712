#!/usr/bin/env python3
"""Kechuang metrics subscriber (科创 指标订阅示例) — follows the metrics stream without missing anything.

Algorithm (docs/protocol.md, "Metrics service"):
  1. subscribe FIRST (SUB on metrics.pub: the data prefix and `metrics.heartbeat`), buffering live updates;
  2. load a snapshot from metrics.sync (every page; the snapshot sequence S is the smallest page sequence);
  3. drop buffered/live updates with sequence <= S, apply the rest strictly in sequence order;
  4. on a gap (sequence > last + 1) or a heartbeat above the last applied sequence, replay after it;
     if the owner can no longer replay that range, load a snapshot again.

Output (stdout, one line each, flushed):
  snapshot <sequence> <entries>
  update <sequence> <indicator> <period> <scope> <source> <value>
  state <JSON object "indicator|period|scope|source" -> value text>   (once, at exit)

Usage:
  python3 subscriber.py --pub ipc:///…/metrics.pub --sync ipc:///…/metrics.sync [--prefix metric.loan]
                        [--count N] [--timeout SECONDS] [--hwm N] [--delay-ms MS]
Exits after N updates beyond the snapshot (--count), after --timeout seconds, or on SIGTERM/SIGINT.
Requires pyzmq (pip install pyzmq).
"""
import argparse
import json
import signal
import sys
import time
import uuid
from decimal import Decimal

import zmq

STREAM = "metrics"


class Stop(Exception):
    pass


def header(type_):
    return {"version": "1.0", "type": type_, "id": uuid.uuid4().hex, "source": "py-subscriber",
            "timestamp": int(time.time() * 1000)}


class Follower:
    def __init__(self, args):
        self.args = args
        self.ctx = zmq.Context()
        self.sub = self.ctx.socket(zmq.SUB)
        self.sub.setsockopt(zmq.RCVHWM, args.hwm)
        self.sub.connect(args.pub)
        self.sub.setsockopt(zmq.SUBSCRIBE, args.prefix.encode())
        self.sub.setsockopt(zmq.SUBSCRIBE, (STREAM + ".heartbeat").encode())
        self.sync = self.ctx.socket(zmq.DEALER)
        self.sync.setsockopt(zmq.LINGER, 0)
        self.sync.connect(args.sync)
        self.values = {}      # "indicator|period|scope|source" -> value (Decimal, exact)
        self.last = 0         # last applied sequence
        self.pending = {}     # sequence -> (topic, header, body) received ahead of a gap
        self.applied = 0      # updates applied after the snapshot

    # -- request/reply on metrics.sync ------------------------------------------------------------
    def request(self, type_, topic, body, timeout_ms=5000):
        h = header(type_)
        self.sync.send_multipart([b"", topic.encode(), json.dumps(h).encode(), json.dumps(body).encode()])
        deadline = time.monotonic() + timeout_ms / 1000
        while time.monotonic() < deadline:
            if not self.sync.poll(max(1, int((deadline - time.monotonic()) * 1000))):
                break
            frames = self.sync.recv_multipart()
            if frames and frames[0] == b"":
                frames = frames[1:]
            reply_header = json.loads(frames[1])
            if reply_header.get("correlation") != h["id"]:
                continue  # a late reply to an earlier request
            reply = json.loads(frames[2], parse_float=Decimal)
            if reply_header["type"] == "error":
                raise RuntimeError(f"{type_} rejected: {reply}")
            return reply
        raise TimeoutError(f"no reply to {type_} within {timeout_ms} ms")

    # -- state ------------------------------------------------------------------------------------
    def assign(self, body):
        update = json.loads(body, parse_float=Decimal)
        k = update["key"]
        key = f'{k["indicator"]}|{k["period"]}|{k["scope"]}|{k["source"]}'
        self.values[key] = Decimal(str(update["value"]))
        return k, update

    def load_snapshot(self):
        cursor, sequence, count = None, None, 0
        while True:
            page = self.request("stream.snapshot", STREAM + ".snapshot",
                                {"stream": STREAM, "prefix": self.args.prefix, "cursor": cursor, "limit": 1000})
            sequence = page["sequence"] if sequence is None else min(sequence, page["sequence"])
            for entry in page["entries"]:
                self.assign(entry["body"].encode())
                count += 1
            if not page["hasMore"]:
                break
            cursor = page["cursor"]
        self.last = sequence
        for stale in [s for s in self.pending if s <= self.last]:
            del self.pending[stale]
        print(f"snapshot {sequence} {count}", flush=True)

    def apply(self, sequence, body):
        k, update = self.assign(body)
        self.last = sequence
        self.applied += 1
        print(f'update {sequence} {k["indicator"]} {k["period"]} {k["scope"]} {k["source"]} {update["value"]}',
              flush=True)
        if self.args.delay_ms:
            time.sleep(self.args.delay_ms / 1000)  # simulate a slow consumer
        if self.args.count and self.applied >= self.args.count:
            raise Stop()

    def offer(self, sequence, body):
        if sequence <= self.last:
            return  # duplicate (already in the snapshot or applied)
        if sequence == self.last + 1:
            self.apply(sequence, body)
            while self.last + 1 in self.pending:
                self.apply(self.last + 1, self.pending.pop(self.last + 1))
        else:
            self.pending[sequence] = body
            self.replay()

    def replay(self):
        while True:
            batch = self.request("stream.replay", STREAM + ".replay",
                                 {"stream": STREAM, "afterSequence": self.last, "limit": 1000})
            entries = batch["entries"]
            pruned = entries[0]["sequence"] > self.last + 1 if entries else batch["lastSequence"] > self.last
            if pruned:
                self.load_snapshot()  # history pruned: start again from a snapshot
                return
            for entry in entries:
                s = entry["sequence"]
                if s <= self.last:
                    continue
                if entry["topic"].startswith(self.args.prefix):
                    self.apply(s, entry["body"].encode())
                else:
                    self.last = s  # another family: nothing to apply, but the sequence is consumed
            while self.last + 1 in self.pending:
                self.apply(self.last + 1, self.pending.pop(self.last + 1))
            if not batch["hasMore"] and self.last >= batch["lastSequence"]:
                return

    # -- main loop --------------------------------------------------------------------------------
    def run(self):
        # Step 1 happened in __init__ (subscribed first); messages arriving now wait in the SUB queue.
        self.load_snapshot()
        self.replay()  # anything committed between the snapshot and now
        deadline = time.monotonic() + self.args.timeout
        while time.monotonic() < deadline:
            if not self.sub.poll(200):
                continue
            topic, raw_header, body = self.sub.recv_multipart()
            h = json.loads(raw_header)
            if h["type"] == "stream.heartbeat":
                if json.loads(body)["latestSequence"] > self.last:
                    self.replay()  # lost tail
                continue
            self.offer(h["sequence"], body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pub", required=True, help="metrics.pub endpoint, e.g. ipc:///home/me/.kechuang/run/metrics.pub")
    parser.add_argument("--sync", required=True, help="metrics.sync endpoint")
    parser.add_argument("--prefix", default="metric.", help="topic prefix: metric. (all) or metric.loan (one family)")
    parser.add_argument("--count", type=int, default=0, help="exit after this many updates beyond the snapshot")
    parser.add_argument("--timeout", type=float, default=60, help="exit after this many seconds")
    parser.add_argument("--hwm", type=int, default=1000, help="SUB receive high-water mark (messages)")
    parser.add_argument("--delay-ms", type=float, default=0, help="pause after each update (a slow consumer)")
    args = parser.parse_args()

    def on_signal(signum, frame):
        raise Stop()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    # A parent process may have started us with these signals blocked; we want them.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})

    follower = Follower(args)
    try:
        follower.run()
    except Stop:
        pass
    finally:
        state = {key: str(value) for key, value in sorted(follower.values.items())}
        print("state " + json.dumps(state, ensure_ascii=False), flush=True)
        follower.ctx.destroy(linger=0)


if __name__ == "__main__":
    main()
