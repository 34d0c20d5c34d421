#!/usr/bin/env python3
"""Independent STUN integrity oracle for BrookICE tests (RFC 8489 §14.5-14.7).

Reads JSON lines {"message": hex, "password": str} and writes one JSON line per request:
{"fingerprint": bool|null, "sha1": bool|null, "sha256": bool|null, "xor_mapped": "ip:port"|null}
(null: attribute absent). Uses only Python's hmac/hashlib/zlib, not Brook's code.
"""
import hashlib
import hmac
import ipaddress
import json
import struct
import sys
import zlib

COOKIE = 0x2112A442


def check(message: bytes, password: str):
    out = {"fingerprint": None, "sha1": None, "sha256": None, "xor_mapped": None}
    key = password.encode()
    txid = message[8:20]
    offset = 20
    while offset + 4 <= len(message):
        atype, length = struct.unpack("!HH", message[offset:offset + 4])
        value = message[offset + 4:offset + 4 + length]
        end = offset + 4 + length
        adjusted = lambda total: message[:2] + struct.pack("!H", total - 20) + message[4:offset]
        if atype == 0x0008 and out["sha1"] is None and out["sha256"] is None:
            out["sha1"] = hmac.compare_digest(hmac.new(key, adjusted(end), hashlib.sha1).digest(), value)
        elif atype == 0x001C and out["sha256"] is None:
            out["sha256"] = hmac.compare_digest(hmac.new(key, adjusted(end), hashlib.sha256).digest()[:length], value)
        elif atype == 0x8028:
            crc = (zlib.crc32(message[:offset]) ^ 0x5354554E) & 0xFFFFFFFF
            out["fingerprint"] = struct.pack("!I", crc) == value
        elif atype == 0x0020 and out["xor_mapped"] is None:
            port = struct.unpack("!H", value[2:4])[0] ^ (COOKIE >> 16)
            mask = struct.pack("!I", COOKIE) + txid
            raw = bytes(a ^ b for a, b in zip(value[4:], mask))
            ip = ipaddress.ip_address(raw)
            out["xor_mapped"] = f"{ip}:{port}" if ip.version == 4 else f"[{ip}]:{port}"
        offset = end + (-length % 4)
    return out


for line in sys.stdin:
    if line.strip():
        request = json.loads(line)
        print(json.dumps(check(bytes.fromhex(request["message"]), request["password"])))
