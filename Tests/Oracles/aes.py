#!/usr/bin/env python3
"""Oracle for the AES differential tests: pyca/cryptography (OpenSSL underneath).

Reads one JSON request per line on stdin, writes one JSON response per line on stdout:
  {"op": "gcm", "key": hex, "nonce": hex, "aad": hex, "msg": hex} -> {"ct": hex, "tag": hex}  (16-byte tag)
  {"op": "ctr", "key": hex, "counter": hex, "msg": hex}           -> {"out": hex}
AES-CTR in OpenSSL increments the whole 16-byte counter block as a 128-bit big-endian integer.
"""
import json
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def handle(request):
    key = bytes.fromhex(request["key"])
    msg = bytes.fromhex(request["msg"])
    if request["op"] == "gcm":
        sealed = AESGCM(key).encrypt(bytes.fromhex(request["nonce"]), msg, bytes.fromhex(request["aad"]))
        return {"ct": sealed[:-16].hex(), "tag": sealed[-16:].hex()}
    if request["op"] == "ctr":
        encryptor = Cipher(algorithms.AES(key), modes.CTR(bytes.fromhex(request["counter"]))).encryptor()
        return {"out": (encryptor.update(msg) + encryptor.finalize()).hex()}
    raise ValueError("unknown op " + request["op"])


def main():
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if line:
            out.write(json.dumps(handle(json.loads(line))) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
