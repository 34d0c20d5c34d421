#!/usr/bin/env python3
"""aioice's STUN codec as a client: one Binding request (with FINGERPRINT) to HOST PORT.

Prints one JSON line: {"class": ..., "xor_mapped": [ip, port], "software": str|null, "local": [ip, port]}.
aioice.stun.parse_message checks FINGERPRINT, the length and the attribute layout.
"""
import json
import socket
import sys

from aioice import stun

host, port = sys.argv[1], int(sys.argv[2])
family = socket.AF_INET6 if ":" in host else socket.AF_INET
sock = socket.socket(family, socket.SOCK_DGRAM)
sock.bind((host, 0))
sock.settimeout(1.0)
request = stun.Message(message_method=stun.Method.BINDING, message_class=stun.Class.REQUEST)
request.add_fingerprint()
for attempt in range(5):
    sock.sendto(bytes(request), (host, port))
    try:
        data, _ = sock.recvfrom(2048)
        break
    except socket.timeout:
        continue
else:
    print(json.dumps({"error": "no response"}))
    sys.exit(1)
response = stun.parse_message(data)
assert response.transaction_id == request.transaction_id, "transaction id"
print(json.dumps({
    "class": response.message_class.name,
    "xor_mapped": list(response.attributes["XOR-MAPPED-ADDRESS"]),
    "software": response.attributes.get("SOFTWARE"),
    "fingerprint": "FINGERPRINT" in response.attributes,
    "local": list(sock.getsockname()[:2]),
}))
