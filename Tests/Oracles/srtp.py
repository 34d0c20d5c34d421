#!/usr/bin/env python3
"""Oracle for the SRTP differential tests: libsrtp2 through pylibsrtp.

Reads one JSON request per line on stdin, writes one JSON response per line on stdout. A request
is one session under one master key (key ‖ salt, hex) and one DTLS-SRTP profile (its use_srtp
identifier). libsrtp protects the plaintext packets in order with one sender session and
unprotects the caller's protected packets in order with one receiver session:

  {"profile": 1, "key": hex,
   "rtp": [hex], "srtp": [hex], "rtcp": [hex], "srtcp": [hex]}
  -> {"srtp": [hex], "rtp": [hex], "srtcp": [hex], "rtcp": [hex]}

The response's "srtp"/"srtcp" are libsrtp's protection of the request's "rtp"/"rtcp"; its
"rtp"/"rtcp" are libsrtp's unprotection of the request's "srtp"/"srtcp". A packet libsrtp refuses
comes back as "error: <reason>".
"""
import json
import sys

from pylibsrtp import Error, Policy, Session
from pylibsrtp._binding import ffi

PROFILES = {
    1: Policy.SRTP_PROFILE_AES128_CM_SHA1_80,
    2: Policy.SRTP_PROFILE_AES128_CM_SHA1_32,
    7: Policy.SRTP_PROFILE_AEAD_AES_128_GCM,
    8: Policy.SRTP_PROFILE_AEAD_AES_256_GCM,
}


def session(profile, key, ssrc_type):
    policy = Policy(key=key, ssrc_type=ssrc_type, srtp_profile=PROFILES[profile])
    s = Session(policy=policy)
    # pylibsrtp works in a 1,500-byte buffer; widen it so 1,400-byte payloads fit.
    s._cdata = ffi.new("char[]", 4096)
    s._buffer = ffi.buffer(s._cdata)
    return s


def run(method, packets):
    out = []
    for packet in packets:
        try:
            out.append(bytes(method(bytes.fromhex(packet))).hex())
        except (Error, ValueError) as error:
            out.append("error: " + str(error))
    return out


def handle(request):
    key = bytes.fromhex(request["key"])
    profile = request["profile"]
    sender = session(profile, key, Policy.SSRC_ANY_OUTBOUND)
    receiver = session(profile, key, Policy.SSRC_ANY_INBOUND)
    return {
        "srtp": run(sender.protect, request.get("rtp", [])),
        "srtcp": run(sender.protect_rtcp, request.get("rtcp", [])),
        "rtp": run(receiver.unprotect, request.get("srtp", [])),
        "rtcp": run(receiver.unprotect_rtcp, request.get("srtcp", [])),
    }


def main():
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if line:
            out.write(json.dumps(handle(json.loads(line))) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
