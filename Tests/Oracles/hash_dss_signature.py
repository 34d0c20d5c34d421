#!/usr/bin/env python3
"""Oracle for Brook's ECDSA signature DER tests: pyca/cryptography's encode/decode_dss_signature.

Reads one JSON object per line on stdin and writes one JSON line per request:
  {"op": "encode", "r": "<hex>", "s": "<hex>"} -> {"out": "<hex DER>"}
  {"op": "decode", "der": "<hex>"}             -> {"out": "<hex r (32 bytes)><hex s (32 bytes)>"} or {"out": "error"}
"""
import json
import sys

from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        if req["op"] == "encode":
            out = encode_dss_signature(int(req["r"], 16), int(req["s"], 16)).hex()
        else:
            try:
                r, s = decode_dss_signature(bytes.fromhex(req["der"]))
                out = "%064x%064x" % (r, s) if r < 2**256 and s < 2**256 else "too large"
            except ValueError:
                out = "error"
        sys.stdout.write(json.dumps({"out": out}) + "\n")


if __name__ == "__main__":
    main()
