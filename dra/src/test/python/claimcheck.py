#!/usr/bin/env python3
"""In a container with a claim's shadow node at /dev/accel/accel0: run a workload through it (sdnode.run_workload)
and print, as JSON, what ran and every PART_QUERY entry the node lists (name and reserved cores).

    claimcheck.py NODE IMAGE INPUT     (sdnode.py beside this file)
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sdnode  # noqa: E402


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[2], "rb") as f:
        image = f.read()
    with open(argv[3], "rb") as f:
        data = f.read()
    result = sdnode.run_workload(argv[1], image, data)
    node = sdnode.Node(argv[1])
    try:
        parts = sdnode.transact(node, 1, [sdnode.part_query()])["transactions"][0]["partitions"]
    finally:
        node.close()
    result["part_query"] = [{"name": p["name"], "cores": p["reserved"]["cores"]} for p in parts]
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
