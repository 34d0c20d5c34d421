#!/usr/bin/env python3
"""Oracle for Brook's TLS 1.2 PRF tests: the OpenSSL CLI's TLS1-PRF KDF.

Reads one JSON object per line on stdin and writes one JSON line per request:
  {"digest": "SHA256", "secret": "<hex>", "label": "<hex>", "seed": "<hex>", "length": "<n>"}
    -> {"out": "<hex>"}
`openssl kdf` takes the label and seed as one seed (label || seed), as RFC 5246 §5 concatenates them.
"""
import json
import subprocess
import sys


def prf(req):
    seed = req["label"] + req["seed"]
    args = ["openssl", "kdf", "-keylen", req["length"], "-kdfopt", "digest:" + req["digest"],
            "-kdfopt", "hexsecret:" + req["secret"], "-kdfopt", "hexseed:" + seed, "TLS1-PRF"]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return out.strip().replace(":", "").lower()


def main():
    for line in sys.stdin:
        line = line.strip()
        if line:
            sys.stdout.write(json.dumps({"out": prf(json.loads(line))}) + "\n")


if __name__ == "__main__":
    main()
