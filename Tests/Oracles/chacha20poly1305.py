#!/usr/bin/env python3
"""Oracle for the ChaChaPoly differential tests: Python `cryptography` (OpenSSL underneath).

Reads one JSON object per line on stdin and writes one JSON line per request, in order:
  {"op": "seal", "key": hex, "nonce": hex, "aad": hex, "msg": hex} -> {"sealed": hex}  (ciphertext || tag)
  {"op": "open", "key": hex, "nonce": hex, "aad": hex, "sealed": hex} -> {"msg": hex} or {"error": "auth"}
  {"op": "chacha20", "key": hex, "nonce": hex, "counter": decimal, "msg": hex} -> {"out": hex}
  {"op": "poly1305", "key": hex, "msg": hex} -> {"tag": hex}
"""
import json
import struct
import sys

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.poly1305 import Poly1305


def main() -> None:
    out = []
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        key = bytes.fromhex(req["key"])
        if req["op"] == "poly1305":
            out.append({"tag": Poly1305.generate_tag(key, bytes.fromhex(req["msg"])).hex()})
            continue
        if req["op"] == "chacha20":
            # OpenSSL's 16-byte ChaCha20 IV is the 32-bit little-endian block counter, then the nonce.
            iv = struct.pack("<I", int(req["counter"])) + bytes.fromhex(req["nonce"])
            encryptor = Cipher(algorithms.ChaCha20(key, iv), mode=None).encryptor()
            out.append({"out": encryptor.update(bytes.fromhex(req["msg"])).hex()})
            continue
        aead = ChaCha20Poly1305(key)
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
