#!/usr/bin/env python3
"""sdnode: a client for shadowdev's node ABI (ABI.md section 1) using only os, fcntl, struct and select.

For cross-language integration tests: any program in a container can drive a node with it.

    node = Node("/dev/accel/accel0")
    node.write_message(encode_message(7, [status()]))
    resp = decode_response(node.read_response())
    info = node.info()
    node.close()

Command line:
    sdnode.py selftest                  check the encoders and decoders against fixed vectors
    sdnode.py encode-sample             print the hex of the sample message (see ManageRequestTest)
    sdnode.py encode-elastic-sample     print the hex of the elastic sample message (ABI.md 6.1, PythonClientTest)
    sdnode.py decode HEX                print a response as JSON
    sdnode.py info NODE                 SD_IOC_INFO of a node, as JSON
    sdnode.py status NODE               write STATUS, poll, read, print the response as JSON
    sdnode.py workload NODE IMAGE INPUT load IMAGE (DMA_XFER chunks), ACTIVATE, EXECUTE INPUT, DEACTIVATE; print
                                        the info, the partitions the node sees and the output as JSON
    sdnode.py hold NODE IMAGE INPUT     load and ACTIVATE IMAGE, print its dbc_id and core_mask, then EXECUTE INPUT
                                        every 100 ms until an EXECUTE fails (e.g. ECANCELED once preempted, ABI.md 6)
                                        or SIGTERM; print how it ended
"""

import fcntl
import os
import select
import struct
import sys

# Transaction types (ABI.md 1.3).
PASSTHROUGH = 0x0001
DMA_XFER = 0x0005
ACTIVATE = 0x0007
DEACTIVATE = 0x000A
STATUS = 0x000C
EXECUTE = 0x0101
PART_CREATE = 0x0102
PART_DESTROY = 0x0103
PART_QUERY = 0x0104
POOL_QUERY = 0x0105
PART_RESIZE = 0x0106
PART_DRAIN = 0x0107
PART_QUERY_EX = 0x0108
PART_BIND = 0x0109

TYPE_NAMES = {
    PASSTHROUGH: "PASSTHROUGH", DMA_XFER: "DMA_XFER", ACTIVATE: "ACTIVATE", DEACTIVATE: "DEACTIVATE",
    STATUS: "STATUS", EXECUTE: "EXECUTE", PART_CREATE: "PART_CREATE", PART_DESTROY: "PART_DESTROY",
    PART_QUERY: "PART_QUERY", POOL_QUERY: "POOL_QUERY", PART_BIND: "PART_BIND", PART_RESIZE: "PART_RESIZE",
    PART_DRAIN: "PART_DRAIN", PART_QUERY_EX: "PART_QUERY_EX",
}

# Elastic partitions (ABI.md 6.1): flags and values.
PART_CREATE_LEND = 1
RESIZE_FORCE, RESIZE_SET_LEND, RESIZE_CLEAR_LEND = 1, 2, 4
DRAIN_UNDO = 1
DRAIN_NEVER = 0xFFFFFFFF
PART_STATES = ("active", "draining", "drained")
PART_QUERY_EX_ENTRY = 208

MAX_MESSAGE = 65536
MAX_RESPONSE = 131072
MAX_COUNT = 512
RESOURCES = ("cores", "memory", "bus_replicators", "semaphores", "dma_channels")


def _ioc(direction, nr, size):
    return (direction << 30) | (size << 16) | (ord("S") << 8) | nr


SD_IOC_INFO = _ioc(2, 1, 128)          # _IOR('S', 1, 128)   = 0x80805301
SD_IOC_MANAGE = _ioc(3, 2, 4096)       # _IOWR('S', 2, 4096) = 0xD0005302
SD_IOC_PART_DEV = _ioc(3, 3, 16)       # _IOWR('S', 3, 16)   = 0xC0105303

PART_DEV_REMOVE = 1
PART_DEV_WANT_MINOR = 2                # the devfs client's input convention: use the minor field

INFO_BASE, INFO_SHADOW, INFO_ONLINE = 1, 2, 4


def errno_name(number):
    """ENOENT for 2, as the Java client prints it."""
    import errno
    return errno.errorcode.get(number, "errno=%d" % number)


def _pad8(data):
    return data + b"\0" * (-len(data) % 8)


def _transaction(kind, body):
    body = _pad8(body)
    return struct.pack("<II", kind, 8 + len(body)) + body


def passthrough(data):
    if len(data) % 8:
        raise ValueError("passthrough: data not a multiple of 8: length=%d" % len(data))
    return _transaction(PASSTHROUGH, data)


def dma_xfer(slot, offset, data):
    return _transaction(DMA_XFER, struct.pack("<IIQ", slot, len(data), offset) + data)


def activate(slot):
    return _transaction(ACTIVATE, struct.pack("<II", slot, 0))


def deactivate(dbc_id):
    return _transaction(DEACTIVATE, struct.pack("<II", dbc_id, 0))


def status():
    return _transaction(STATUS, b"")


def execute(dbc_id, data):
    return _transaction(EXECUTE, struct.pack("<II", dbc_id, len(data)) + data)


def _name32(name):
    raw = name.encode("utf-8")
    if not 1 <= len(raw) <= 31 or b"\0" in raw:
        raise ValueError("bad name, want 1 to 31 bytes without NUL: bytes=%d" % len(raw))
    return raw + b"\0" * (32 - len(raw))


def part_create(name, res):
    return _transaction(PART_CREATE, _name32(name) + struct.pack("<5Q", *res))


def part_create_ex(name, min_res, max_res, lend=False):
    """PART_CREATE with the v1.1 body (ABI.md 6.1): name, min[5], max[5], flags (bit0 LEND), reserved."""
    return _transaction(PART_CREATE, _name32(name) + struct.pack("<5Q", *min_res) + struct.pack("<5Q", *max_res)
                        + struct.pack("<II", PART_CREATE_LEND if lend else 0, 0))


def part_resize(partition_id, min_res, max_res, flags=0):
    """PART_RESIZE (ABI.md 6.1, base node only): flags RESIZE_FORCE, RESIZE_SET_LEND, RESIZE_CLEAR_LEND."""
    return _transaction(PART_RESIZE, struct.pack("<iI", partition_id, flags) + struct.pack("<5Q", *min_res)
                        + struct.pack("<5Q", *max_res))


def part_drain(partition_id, grace_ms=DRAIN_NEVER, undo=False):
    """PART_DRAIN (ABI.md 6.1, base node only): grace_ms 0 at once, DRAIN_NEVER never; undo lifts the cordon."""
    return _transaction(PART_DRAIN, struct.pack("<iIII", partition_id, DRAIN_UNDO if undo else 0,
                                                grace_ms & 0xFFFFFFFF, 0))


def part_query_ex():
    """PART_QUERY_EX (ABI.md 6.1): on a shadow node, only its own partition."""
    return _transaction(PART_QUERY_EX, b"")


def part_destroy(partition_id, force=False):
    return _transaction(PART_DESTROY, struct.pack("<iI", partition_id, 1 if force else 0))


def part_bind(partition_id, path, unbind=False):
    """PART_BIND (ABI.md 7, base node only): bind a cgroup path to a partition, or unbind it."""
    raw = path.encode("utf-8") if isinstance(path, str) else bytes(path)
    return _transaction(PART_BIND, struct.pack("<iIII", partition_id, 1 if unbind else 0, len(raw), 0) + raw)


def part_query():
    return _transaction(PART_QUERY, b"")


def pool_query():
    return _transaction(POOL_QUERY, b"")


def encode_message(tag, transactions):
    """One manage message: header (len, count, tag, reserved 0) and the transactions, as one write() takes it."""
    if not 1 <= len(transactions) <= MAX_COUNT:
        raise ValueError("bad transaction count: count=%d" % len(transactions))
    body = b"".join(transactions)
    length = 16 + len(body)
    if length > MAX_MESSAGE:
        raise ValueError("manage message too long: len=%d max=%d" % (length, MAX_MESSAGE))
    return struct.pack("<IIII", length, len(transactions), tag & 0xFFFFFFFF, 0) + body


def _res(raw, offset):
    return dict(zip(RESOURCES, struct.unpack_from("<5Q", raw, offset)))


def _name(raw, offset):
    return raw[offset:offset + 32].split(b"\0", 1)[0].decode("utf-8")


def _body(kind, body):
    if kind == PASSTHROUGH:
        return {"data": body.hex()}
    if kind == ACTIVATE and len(body) >= 16:
        dbc, short, cores = struct.unpack_from("<IIQ", body)
        return {"dbc_id": dbc, "short_mask": short, "core_mask": cores}
    if kind == STATUS and len(body) >= 16:
        major, minor, fw, flags = struct.unpack_from("<HHIQ", body)
        return {"major": major, "minor": minor, "status": fw, "flags": flags}
    if kind == EXECUTE and len(body) >= 8:
        dbc, n = struct.unpack_from("<II", body)
        if n > len(body) - 8:
            raise ValueError("bad response: EXECUTE data_len past its transaction: data_len=%d" % n)
        return {"dbc_id": dbc, "data": body[8:8 + n].hex()}
    if kind == PART_CREATE and len(body) >= 8:
        pid, short = struct.unpack_from("<iI", body)
        return {"partition_id": pid, "short_mask": short}
    if kind == PART_QUERY and len(body) >= 8:
        (n,) = struct.unpack_from("<I", body)
        if 8 + 120 * n > len(body):
            raise ValueError("bad response: PART_QUERY entries past its transaction: n=%d" % n)
        entries = []
        for i in range(n):
            at = 8 + 120 * i
            pid, active = struct.unpack_from("<iI", body, at)
            entries.append({"id": pid, "active_workloads": active, "name": _name(body, at + 8),
                            "reserved": _res(body, at + 40), "used": _res(body, at + 80)})
        return {"partitions": entries}
    if kind == PART_RESIZE and len(body) >= 8:
        short, preempted = struct.unpack_from("<II", body)
        return {"short_mask": short, "preempted": preempted}
    if kind == PART_DRAIN and len(body) >= 8:
        (active,) = struct.unpack_from("<I", body)
        return {"active_workloads": active}
    if kind == PART_QUERY_EX and len(body) >= 8:
        (n,) = struct.unpack_from("<I", body)
        if 8 + PART_QUERY_EX_ENTRY * n > len(body):
            raise ValueError("bad response: PART_QUERY_EX entries past its transaction: n=%d" % n)
        entries = []
        for i in range(n):
            at = 8 + PART_QUERY_EX_ENTRY * i
            pid, active = struct.unpack_from("<iI", body, at)
            state, flags = struct.unpack_from("<II", body, at + 40)
            entries.append({"id": pid, "active_workloads": active, "name": _name(body, at + 8),
                            "state": PART_STATES[state] if state < len(PART_STATES) else "state=%d" % state,
                            "lend": bool(flags & PART_CREATE_LEND), "min": _res(body, at + 48),
                            "max": _res(body, at + 88), "used": _res(body, at + 128),
                            "borrowed": _res(body, at + 168)})
        return {"partitions": entries}
    if kind == POOL_QUERY and len(body) >= 80:
        return {"total": _res(body, 0), "free": _res(body, 40)}
    return {}


def decode_response(raw):
    """One response (ABI.md 1.2) as a dict; raises ValueError naming the first rule the bytes break."""
    if len(raw) < 16:
        raise ValueError("bad response: short: len=%d" % len(raw))
    length, count, tag, whole = struct.unpack_from("<IIIi", raw)
    if length != len(raw):
        raise ValueError("bad response: len does not match the bytes read: len=%d read=%d" % (length, len(raw)))
    at, transactions = 16, []
    for i in range(count):
        if len(raw) - at < 16:
            raise ValueError("bad response: transaction header past the end: index=%d offset=%d" % (i, at))
        kind, tlen, tstatus, _ = struct.unpack_from("<IIiI", raw, at)
        if tlen < 16 or tlen > len(raw) - at:
            raise ValueError("bad response: transaction len out of range: index=%d len=%d" % (i, tlen))
        entry = {"type": TYPE_NAMES.get(kind, "0x%04x" % kind), "status": tstatus}
        if tstatus == 0:
            entry.update(_body(kind, raw[at + 16:at + tlen]))
        transactions.append(entry)
        at += tlen
    return {"len": length, "count": count, "tag": tag, "status": whole, "transactions": transactions}


def decode_info(raw):
    pid, minor, major, flags = struct.unpack_from("<iIII", raw)
    return {"partition_id": pid, "minor": minor, "major": major, "flags": flags, "name": _name(raw, 16),
            "total": _res(raw, 48), "free": _res(raw, 88)}


class Node:
    """An open node file: one session. Methods raise OSError with the node's errno."""

    def __init__(self, path, nonblock=False):
        flags = os.O_RDWR | os.O_CLOEXEC | (os.O_NONBLOCK if nonblock else 0)
        self.fd = os.open(path, flags)

    def write_message(self, message):
        """One write() is one whole request; returns its length."""
        return os.write(self.fd, message)

    def read_response(self, size=MAX_RESPONSE):
        """One read() is one whole response; b"" when nothing is outstanding."""
        return os.read(self.fd, size)

    def poll(self, timeout_ms):
        """True when a response is ready (POLLIN) within timeout_ms (negative: wait forever)."""
        poller = select.poll()
        poller.register(self.fd, select.POLLIN)
        events = poller.poll(None if timeout_ms < 0 else timeout_ms)
        return any(mask & select.POLLIN for _, mask in events)

    def info(self):
        buf = bytearray(128)
        fcntl.ioctl(self.fd, SD_IOC_INFO, buf, True)
        return decode_info(bytes(buf))

    def manage_sync(self, message):
        """SD_IOC_MANAGE: the request in, its response out, within 4096 bytes."""
        if len(message) > 4096:
            raise ValueError("SD_IOC_MANAGE: request too long: len=%d max=4096" % len(message))
        buf = bytearray(message + b"\0" * (4096 - len(message)))
        fcntl.ioctl(self.fd, SD_IOC_MANAGE, buf, True)
        (length,) = struct.unpack_from("<I", buf)
        return bytes(buf[:min(length, 4096)])

    def part_dev(self, partition_id, wanted_minor=-1, remove=False):
        flags = (PART_DEV_REMOVE if remove else 0) | (PART_DEV_WANT_MINOR if wanted_minor >= 0 else 0)
        buf = bytearray(struct.pack("<iIII", partition_id, flags, max(wanted_minor, 0), 0))
        fcntl.ioctl(self.fd, SD_IOC_PART_DEV, buf, True)
        return struct.unpack_from("<I", buf, 8)[0]

    def close(self):
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def sample_message():
    """The message ManageRequestTest.shouldEncodeEveryTransactionAsTheAbiSays builds in Java."""
    return encode_message(0xCAFE, [
        passthrough(bytes([1, 2, 3, 4, 5, 6, 7, 8])),
        dma_xfer(2, 128, bytes([9, 9, 9])),
        activate(2),
        deactivate(5),
        status(),
        execute(5, bytes([10, 11])),
        part_create("infer-a", (4, 8 << 30, 8, 16, 4)),
        part_destroy(-7, True),
        part_query(),
        pool_query(),
        part_bind(3, "/shadowdev.slice/tenant-a", unbind=True),
    ])


def elastic_sample_message():
    """The message PythonClientTest.shouldEncodeTheElasticTransactionsAsManageRequestDoes builds in Java."""
    return encode_message(0xE1A5, [
        part_create_ex("batch", (2, 4 << 30, 4, 8, 2), (12, 24 << 30, 24, 48, 12), lend=True),
        part_resize(3, (2, 1 << 30, 0, 0, 1), (6, 8 << 30, 8, 16, 4), RESIZE_FORCE | RESIZE_CLEAR_LEND),
        part_drain(-3, 30000),
        part_drain(4, 0, undo=True),
        part_query_ex(),
    ])


def selftest():
    checks = []

    def check(name, got, want):
        checks.append((name, got == want, got, want))

    check("SD_IOC_INFO", SD_IOC_INFO, 0x80805301)
    check("SD_IOC_MANAGE", SD_IOC_MANAGE, 0xD0005302)
    check("SD_IOC_PART_DEV", SD_IOC_PART_DEV, 0xC0105303)
    check("status message", encode_message(7, [status()]).hex(),
          "18000000" "01000000" "07000000" "00000000" "0c000000" "08000000")
    check("dma_xfer padding", dma_xfer(1, 0, b"abc").hex(),
          "05000000" "20000000" "01000000" "03000000" "0000000000000000" "6162630000000000")
    check("part_create length", len(part_create("a", (1, 2, 3, 4, 5))), 80)
    check("sample length", len(sample_message()), 16 + 16 + 32 + 16 + 16 + 8 + 24 + 80 + 16 + 8 + 8 + 56)
    check("part_bind bytes", part_bind(-2, "/a/bc", unbind=True).hex(),
          "09010000" "20000000" "feffffff" "01000000" "05000000" "00000000" "2f612f6263000000")
    response = (struct.pack("<IIIi", 16 + 32, 1, 9, 0) + struct.pack("<IIiI", STATUS, 32, 0, 0)
                + struct.pack("<HHIQ", 5, 0, 0, 1))
    check("decode status", decode_response(response)["transactions"][0],
          {"type": "STATUS", "status": 0, "major": 5, "minor": 0, "flags": 1})
    try:
        decode_response(response[:40])
        check("decode short", "no error", "error")
    except ValueError as e:
        check("decode short", str(e), "bad response: len does not match the bytes read: len=48 read=40")
    try:
        encode_message(1, [passthrough(b"x" * 65520)])
        check("too long", "no error", "error")
    except ValueError as e:
        check("too long", str(e), "manage message too long: len=65544 max=65536")
    check("part_create_ex length", len(part_create_ex("a", (1, 2, 3, 4, 5), (6, 7, 8, 9, 10))), 8 + 120)
    check("part_resize bytes", part_resize(-2, (1, 0, 0, 0, 1), (2, 0, 0, 0, 3), RESIZE_SET_LEND).hex(),
          "06010000" "60000000" "feffffff" "02000000"
          + "0100000000000000" + "0000000000000000" * 3 + "0100000000000000"
          + "0200000000000000" + "0000000000000000" * 3 + "0300000000000000")
    check("part_drain bytes", part_drain(7).hex(), "07010000" "18000000" "07000000" "00000000" "ffffffff" "00000000")
    entry = (struct.pack("<iI", 5, 2) + _name32("batch") + struct.pack("<II", 1, 0)
             + struct.pack("<20Q", *range(1, 21)))
    ex = (struct.pack("<IIIi", 16 + 16 + 8 + 208, 1, 4, 0) + struct.pack("<IIiI", PART_QUERY_EX, 16 + 8 + 208, 0, 0)
          + struct.pack("<II", 1, 0) + entry)
    got = decode_response(ex)["transactions"][0]["partitions"][0]
    check("decode part_query_ex", (got["name"], got["state"], got["lend"], got["min"]["cores"],
                                   got["max"]["dma_channels"], got["used"]["cores"], got["borrowed"]["dma_channels"]),
          ("batch", "draining", False, 1, 10, 11, 20))
    info = struct.pack("<iIII", 3, 1, 261, 6) + _name32("infer-a") + struct.pack("<10Q", *range(10))
    check("decode info", decode_info(info)["free"]["dma_channels"], 9)
    failed = [c for c in checks if not c[1]]
    for name, _, got, want in failed:
        print("FAIL %s: got=%r want=%r" % (name, got, want))
    print("selftest: %d passed, %d failed" % (len(checks) - len(failed), len(failed)))
    return 1 if failed else 0


def transact(node, tag, transactions):
    """Write one message, wait for and decode its response; raise OSError/ValueError on failure."""
    node.write_message(encode_message(tag, transactions))
    if not node.poll(30000):
        raise ValueError("no response in time: tag=%d" % tag)
    response = decode_response(node.read_response())
    if response["tag"] != tag:
        raise ValueError("response for another request: tag=%d want=%d" % (response["tag"], tag))
    for t in response["transactions"]:
        if t["status"] != 0:
            raise ValueError("%s: status=%s" % (t["type"], errno_name(-t["status"])))
    return response


def run_workload(path, image, data):
    """Load, activate, execute and deactivate one workload on a node; returns a dict for JSON."""
    node = Node(path)
    try:
        info = node.info()
        chunk = 60 * 1024
        for tag, offset in enumerate(range(0, len(image), chunk), start=1):
            transact(node, tag, [dma_xfer(0, offset, image[offset:offset + chunk])])
        act = transact(node, 100, [activate(0)])["transactions"][0]
        out = transact(node, 101, [execute(act["dbc_id"], data)])["transactions"][0]
        parts = transact(node, 102, [part_query()])["transactions"][0]["partitions"]
        transact(node, 103, [deactivate(act["dbc_id"])])
        return {"info": info, "dbc_id": act["dbc_id"], "core_mask": act["core_mask"], "output": out["data"],
                "partitions": [p["name"] for p in parts]}
    finally:
        node.close()


def hold_workload(path, image, data, interval=0.1):
    """Keep a workload active and busy until one of its EXECUTEs fails; returns the failure's text."""
    import time
    node = Node(path)
    try:
        chunk = 60 * 1024
        for tag, offset in enumerate(range(0, len(image), chunk), start=1):
            transact(node, tag, [dma_xfer(0, offset, image[offset:offset + chunk])])
        act = transact(node, 100, [activate(0)])["transactions"][0]
        print("held: dbc=%d core_mask=0x%x" % (act["dbc_id"], act["core_mask"]), flush=True)
        tag = 101
        while True:
            try:
                transact(node, tag, [execute(act["dbc_id"], data)])
            except ValueError as e:
                return str(e)
            tag += 1
            time.sleep(interval)
    finally:
        node.close()


def main(argv):
    import json
    if len(argv) < 2:
        print(__doc__.strip())
        return 2
    cmd = argv[1]
    if cmd == "selftest":
        return selftest()
    if cmd == "encode-sample":
        print(sample_message().hex())
        return 0
    if cmd == "encode-elastic-sample":
        print(elastic_sample_message().hex())
        return 0
    if cmd == "decode" and len(argv) == 3:
        try:
            print(json.dumps(decode_response(bytes.fromhex(argv[2])), sort_keys=True))
            return 0
        except ValueError as e:
            print(str(e), file=sys.stderr)
            return 1
    if cmd in ("info", "status") and len(argv) == 3:
        try:
            node = Node(argv[2])
        except OSError as e:
            print("%s: open: status=%s path=%s" % (cmd, errno_name(e.errno), argv[2]), file=sys.stderr)
            return 1
        try:
            if cmd == "info":
                print(json.dumps(node.info(), sort_keys=True))
            else:
                node.write_message(encode_message(1, [status()]))
                if not node.poll(30000):
                    print("status: no response in time", file=sys.stderr)
                    return 1
                print(json.dumps(decode_response(node.read_response()), sort_keys=True))
            return 0
        except OSError as e:
            print("%s: status=%s path=%s" % (cmd, errno_name(e.errno), argv[2]), file=sys.stderr)
            return 1
        finally:
            node.close()
    if cmd == "workload" and len(argv) == 5:
        with open(argv[3], "rb") as f:
            image = f.read()
        with open(argv[4], "rb") as f:
            data = f.read()
        try:
            print(json.dumps(run_workload(argv[2], image, data), sort_keys=True))
            return 0
        except (OSError, ValueError) as e:
            print("workload: %s" % e, file=sys.stderr)
            return 1
    if cmd == "hold" and len(argv) == 5:
        with open(argv[3], "rb") as f:
            image = f.read()
        with open(argv[4], "rb") as f:
            data = f.read()
        try:
            print("ended: %s" % hold_workload(argv[2], image, data), flush=True)
            return 0
        except (OSError, ValueError) as e:
            print("hold: %s" % e, file=sys.stderr)
            return 1
    print(__doc__.strip())
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
