#!/usr/bin/env python3
"""Oracle for the ChaChaPoly differential tests: Python `cryptography` (OpenSSL underneath).

Reads one JSON object per line on stdin and writes one JSON line per request, in order:
  {"op": "seal", "key": hex, "nonce": hex, "aad": hex, "msg": hex} -> {"sealed": hex}  (ciphertext || tag)
  {"op": "open", "key": hex, "nonce": hex, "aad": hex, "sealed": hex} -> {"msg": hex} or {"error": "auth"}
"""
import json
import sys

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305


def main() -> None:
    out = []
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        aead = ChaCha20Poly1305(bytes.fromhex(req["key"]))
        nonce, aad = bytes.fromhex(req["nonce"]), bytes.fromhex(req["aad"])
        if req["op"] == "seal":
            out.append({"sealed": aead.encrypt(nonce, bytes.fromhex(req["msg"]), aad).hex()})
        elif req["op"] == "open":
            try:
                out.append({"msg": aead.decrypt(nonce, bytes.fromhex(req["sealed"]), aad).hex()})
            except InvalidTag:
                out.append({"error": "auth"})
        else:
            raise SystemExit(f"unknown op {req['op']!r}")
    sys.stdout.write("".join(json.dumps(o) + "\n" for o in out))


if __name__ == "__main__":
    main()
