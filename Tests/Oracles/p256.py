#!/usr/bin/env python3
"""P-256 oracle for the Brook differential tests: Python `cryptography` (OpenSSL underneath).

Reads one JSON request per line on stdin and writes one JSON response per line on stdout.
Byte strings are hex. Requests:
  {"op": "ecdh", "a": privA, "b": privB, "peer": x963 of A as Brook computed it}
      -> {"pubA": x963, "pubB": x963, "pubBCompressed": hex, "shared": ECDH(b, peer) or null}
  {"op": "verify", "pub": x963, "msg": hex, "r": hex, "s": hex}
      -> {"valid": bool, "der": the DER encoding of (r, s)}
  {"op": "sign", "priv": hex, "msg": hex}
      -> {"r": hex, "s": hex, "der": hex}    (ECDSA with SHA-256 and OpenSSL's random nonce)
  {"op": "parse_der", "der": hex}
      -> {"r": hex, "s": hex} or {"error": "..."}
  {"op": "rfc6979", "priv": hex, "digest": hex (SHA-256), "extra": hex, "count": n}
      -> {"nonces": [hex, ...]}   the first n candidates of RFC 6979 §3.2 step h (with §3.6 extra data),
         written here from the RFC text with the standard library's hmac, independently of Brook
"""
import hashlib
import hmac
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

CURVE = ec.SECP256R1()
ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def rfc6979_nonces(x, digest, extra, count):
    """RFC 6979 §3.2 for qlen = hlen = 256 (SHA-256), with the §3.6 additional data appended to the seed."""
    def mac(key, data):
        return hmac.new(key, data, hashlib.sha256).digest()
    seed = x.to_bytes(32, "big") + (int.from_bytes(digest, "big") % ORDER).to_bytes(32, "big") + extra
    v, k = b"\x01" * 32, b"\x00" * 32
    k = mac(k, v + b"\x00" + seed)
    v = mac(k, v)
    k = mac(k, v + b"\x01" + seed)
    v = mac(k, v)
    nonces = []
    while len(nonces) < count:
        v = mac(k, v)
        candidate = int.from_bytes(v, "big")
        if 1 <= candidate < ORDER:
            nonces.append("%064x" % candidate)
        k = mac(k, v + b"\x00")
        v = mac(k, v)
    return nonces


def private_key(hex_scalar):
    return ec.derive_private_key(int(hex_scalar, 16), CURVE)


def x963(public_key, compressed=False):
    fmt = serialization.PublicFormat.CompressedPoint if compressed else serialization.PublicFormat.UncompressedPoint
    return public_key.public_bytes(serialization.Encoding.X962, fmt).hex()


def handle(request):
    op = request["op"]
    if op == "ecdh":
        a, b = private_key(request["a"]), private_key(request["b"])
        response = {"pubA": x963(a.public_key()), "pubB": x963(b.public_key()),
                    "pubBCompressed": x963(b.public_key(), compressed=True)}
        try:
            peer = ec.EllipticCurvePublicKey.from_encoded_point(CURVE, bytes.fromhex(request["peer"]))
            response["shared"] = b.exchange(ec.ECDH(), peer).hex()
        except ValueError:
            response["shared"] = None
        return response
    if op == "verify":
        key = ec.EllipticCurvePublicKey.from_encoded_point(CURVE, bytes.fromhex(request["pub"]))
        der = encode_dss_signature(int(request["r"], 16), int(request["s"], 16))
        try:
            key.verify(der, bytes.fromhex(request["msg"]), ec.ECDSA(hashes.SHA256()))
            valid = True
        except InvalidSignature:
            valid = False
        return {"valid": valid, "der": der.hex()}
    if op == "sign":
        der = private_key(request["priv"]).sign(bytes.fromhex(request["msg"]), ec.ECDSA(hashes.SHA256()))
        r, s = decode_dss_signature(der)
        return {"r": "%064x" % r, "s": "%064x" % s, "der": der.hex()}
    if op == "parse_der":
        try:
            r, s = decode_dss_signature(bytes.fromhex(request["der"]))
            return {"r": "%064x" % r, "s": "%064x" % s}
        except ValueError as error:
            return {"error": str(error)}
    if op == "rfc6979":
        return {"nonces": rfc6979_nonces(int(request["priv"], 16), bytes.fromhex(request["digest"]),
                                         bytes.fromhex(request["extra"]), int(request["count"]))}
    raise ValueError("unknown op " + op)


def main():
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if line:
            out.write(json.dumps(handle(json.loads(line))) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
