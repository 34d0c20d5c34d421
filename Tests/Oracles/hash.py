#!/usr/bin/env python3
"""Oracle for Brook's hash/HMAC differential tests (Python hashlib and hmac, OpenSSL underneath).

Reads one JSON object per line on stdin and writes one JSON line per request:
  {"op": "hash", "alg": "sha256", "msg": "<hex>"}              -> {"out": "<hex digest>"}
  {"op": "hmac", "alg": "sha1", "key": "<hex>", "msg": "<hex>"} -> {"out": "<hex mac>"}
"""
import hashlib
import hmac
import json
import sys


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        msg = bytes.fromhex(req["msg"])
        if req["op"] == "hash":
            out = hashlib.new(req["alg"], msg).hexdigest()
        elif req["op"] == "hmac":
            out = hmac.new(bytes.fromhex(req["key"]), msg, req["alg"]).hexdigest()
        else:
            raise SystemExit("unknown op " + req["op"])
        sys.stdout.write(json.dumps({"out": out}) + "\n")


if __name__ == "__main__":
    main()
