#!/usr/bin/env python3
"""Oracle for the X25519 differential tests: Python `cryptography` (OpenSSL underneath).

Reads one JSON object per line on stdin and writes one JSON line per request, in order:
  {"private": hex, "peer": hex} -> {"public": hex, "shared": hex}  or  {"public": hex, "error": "..."}
where public = X25519(private, 9) and shared = X25519(private, peer).
"""
import json
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey


def main() -> None:
    out = []
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        key = X25519PrivateKey.from_private_bytes(bytes.fromhex(req["private"]))
        public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
        try:
            shared = key.exchange(X25519PublicKey.from_public_bytes(bytes.fromhex(req["peer"])))
            out.append({"public": public, "shared": shared.hex()})
        except ValueError as error:  # OpenSSL rejects an all-zero result
            out.append({"public": public, "error": str(error)})
    sys.stdout.write("".join(json.dumps(o) + "\n" for o in out))


if __name__ == "__main__":
    main()
