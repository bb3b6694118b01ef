#!/usr/bin/env python3
"""elastic_tenant: what a container runs in ElasticIT (ABI.md 6), with sdnode.py beside it in /work.

The node is /dev/accel/accel0; the test reads what the program finds from its stdout, one line per step: a word
and JSON.

    elastic_tenant.py borrow IMAGE   open /events (the node's events file) and register it for poll; run IMAGE
                                     (ACTIVATE, one EXECUTE) and print "active {...}" with the activation, the
                                     output and what PART_QUERY_EX on the node says; then wait in poll() on
                                     /events and print "woke {...}": the revents, the lines added since the open,
                                     and what a later EXECUTE and DEACTIVATE of the workload answered
    elastic_tenant.py run IMAGE      run IMAGE once (ACTIVATE, EXECUTE, DEACTIVATE); print "ran {...}" with the
                                     activation, how long ACTIVATE took and the output
"""

import json
import os
import select
import sys
import time

sys.path.insert(0, "/work")
import sdnode  # noqa: E402

NODE = "/dev/accel/accel0"
EVENTS = "/events"
INPUT = b"hello"


def refusal(call):
    """OK, or the errno name a transaction answered."""
    try:
        call()
        return "OK"
    except OSError as e:
        return sdnode.errno_name(e.errno)
    except ValueError as e:
        return str(e).split("status=")[-1]


def read_events(fd):
    """Every line of the events file, read from offset 0 of this open file."""
    data, offset = b"", 0
    while True:
        chunk = os.pread(fd, 65536, offset)
        if not chunk:
            return data.decode("utf-8").splitlines()
        data += chunk
        offset += len(chunk)


def load_and_activate(node, image):
    chunk = 60 * 1024
    for tag, offset in enumerate(range(0, len(image), chunk), start=1):
        sdnode.transact(node, tag, [sdnode.dma_xfer(0, offset, image[offset:offset + chunk])])
    started = time.monotonic()
    act = sdnode.transact(node, 100, [sdnode.activate(0)])["transactions"][0]
    return act, time.monotonic() - started


def emit(word, payload):
    print(word + " " + json.dumps(payload, sort_keys=True), flush=True)


def borrow(image):
    events = os.open(EVENTS, os.O_RDONLY | os.O_CLOEXEC)
    before = read_events(events)
    poller = select.poll()
    poller.register(events, select.POLLIN | select.POLLPRI)
    quiet = poller.poll(0)
    node = sdnode.Node(NODE)
    act, _ = load_and_activate(node, image)
    out = sdnode.transact(node, 101, [sdnode.execute(act["dbc_id"], INPUT)])["transactions"][0]["data"]
    mine = sdnode.transact(node, 102, [sdnode.part_query_ex()])["transactions"][0]["partitions"]
    emit("active", {"dbc_id": act["dbc_id"], "core_mask": act["core_mask"], "output": out, "query_ex": mine,
                    "quiet_revents": [mask for _, mask in quiet]})
    woke = poller.poll(90000)
    lines = read_events(events)
    emit("woke", {"revents": [mask for _, mask in woke], "added": lines[len(before):],
                  "execute": refusal(lambda: sdnode.transact(node, 103, [sdnode.execute(act["dbc_id"], INPUT)])),
                  "deactivate": refusal(lambda: sdnode.transact(node, 104, [sdnode.deactivate(act["dbc_id"])]))})
    node.close()
    os.close(events)


def run(image):
    node = sdnode.Node(NODE)
    act, took = load_and_activate(node, image)
    out = sdnode.transact(node, 101, [sdnode.execute(act["dbc_id"], INPUT)])["transactions"][0]["data"]
    sdnode.transact(node, 102, [sdnode.deactivate(act["dbc_id"])])
    emit("ran", {"dbc_id": act["dbc_id"], "core_mask": act["core_mask"], "activate_ms": took * 1000,
                 "output": out})
    node.close()


def main(argv):
    if len(argv) != 3 or argv[1] not in ("borrow", "run"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[2], "rb") as f:
        image = f.read()
    (borrow if argv[1] == "borrow" else run)(image)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
