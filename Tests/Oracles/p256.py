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
"""
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

CURVE = ec.SECP256R1()


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
