#!/usr/bin/env python3
"""Oracle for Brook's TLS 1.2 PRF tests, in two independent forms.

Reads one JSON object per line on stdin and writes one JSON line per request:
  {"digest": "SHA256", "secret": "<hex>", "label": "<hex>", "seed": "<hex>", "length": "<n>",
   "impl": "openssl" | "hmac"}
    -> {"out": "<hex>"}
"openssl" (the default) runs the OpenSSL CLI's TLS1-PRF KDF, one process per request; `openssl kdf`
takes the label and seed as one seed (label || seed), as RFC 5246 §5 concatenates them. "hmac"
computes PRF(secret, label, seed) = P_<hash>(secret, label || seed) in this process, written here from
RFC 5246 §5 over the standard library's hmac (A(0) = seed, A(i) = HMAC(secret, A(i-1)), output
HMAC(secret, A(1) || seed) || HMAC(secret, A(2) || seed) || ...), so thousands of cases cost one process.
"""
import hashlib
import hmac
import json
import subprocess
import sys

HASHES = {"SHA256": hashlib.sha256, "SHA384": hashlib.sha384}


def prf_openssl(req):
    seed = req["label"] + req["seed"]
    args = ["openssl", "kdf", "-keylen", req["length"], "-kdfopt", "digest:" + req["digest"],
            "-kdfopt", "hexsecret:" + req["secret"], "-kdfopt", "hexseed:" + seed, "TLS1-PRF"]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return out.strip().replace(":", "").lower()


def prf_hmac(req):
    digest = HASHES[req["digest"]]
    secret = bytes.fromhex(req["secret"])
    seed = bytes.fromhex(req["label"]) + bytes.fromhex(req["seed"])
    length = int(req["length"])
    out, a = b"", seed
    while len(out) < length:
        a = hmac.new(secret, a, digest).digest()
        out += hmac.new(secret, a + seed, digest).digest()
    return out[:length].hex()


def main():
    for line in sys.stdin:
        line = line.strip()
        if line:
            req = json.loads(line)
            out = prf_hmac(req) if req.get("impl") == "hmac" else prf_openssl(req)
            sys.stdout.write(json.dumps({"out": out}) + "\n")


if __name__ == "__main__":
    main()
