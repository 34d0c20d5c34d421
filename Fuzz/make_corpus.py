#!/usr/bin/env python3
"""Writes the seed corpora in Fuzz/Corpus/<target>/ (run once; the output is committed).

Seeds come from the independent implementations the tests already use as oracles: OpenSSL (the
`openssl` command and Python's `cryptography`) for certificates, keys and signatures, libsrtp2
(pylibsrtp) for SRTP and SRTCP packets, RFC 5769's messages, aioice and coturn (`turnserver`,
`turnutils_stunclient`) for STUN. The fixed keys below are the ones the fuzz targets use
(Fuzz/Targets/*): change them together.

The DTLS seeds are recorded by a Swift test instead (our fixed endpoints against `openssl s_client`
and `s_server`; see Fuzz/README.md), as are the stun seeds that answer the fixed ICE agent's own
checks (files named agent-*):
    BROOK_FUZZ_WRITE_CORPUS=1 swift test --filter "DTLSCaptureTests|STUNSeedTests"
This script leaves those alone.

    python3 Fuzz/make_corpus.py               # everything it makes, from scratch
    python3 Fuzz/make_corpus.py srtp-plain    # only some generators (see GENERATORS)
Run it with BROOK_PYTHON's interpreter (it needs cryptography, pylibsrtp and aioice).
"""
import datetime
import hashlib
import os
import random
import hmac
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa, utils
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
from cryptography.x509.oid import NameOID
from aioice import stun
from pylibsrtp import Policy, Session

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus")
rng = random.Random(7)


def write(target, name, data):
    folder = os.path.join(ROOT, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def der(key, private=False, fmt=None):
    if private:
        return key.private_bytes(serialization.Encoding.DER, fmt, serialization.NoEncryption())
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


# --- certificates -------------------------------------------------------------------------------

def certificate(key, name, hash_algorithm, extensions=(), serial=None, days=30):
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(serial or rng.getrandbits(63) + 1)
        .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=days))
    )
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical)
    return builder.sign(key, hash_algorithm)


def openssl_certificates(folder):
    """Self-signed certificates as WebRTC stacks make them, from the openssl command."""
    out = []
    commands = [
        ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-subj", "/CN=WebRTC"],
        ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-subj", "/CN=brook/O=Brook/C=SE", "-sha384"],
        ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-subj", "/CN=x", "-sha512", "-days", "3650"],
        ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:secp384r1", "-subj", "/CN=p384"],
        ["-newkey", "ed25519", "-subj", "/CN=ed25519"],
        ["-newkey", "rsa:1024", "-subj", "/CN=rsa"],
    ]
    for i, arguments in enumerate(commands):
        path = os.path.join(folder, f"{i}.pem")
        subprocess.run(["openssl", "req", "-x509", "-nodes", "-keyout", os.path.join(folder, f"{i}.key"),
                        "-out", path, "-days", "30"] + arguments, check=True, capture_output=True)
        out.append(x509.load_pem_x509_certificate(open(path, "rb").read()))
    return out


def make_certificates(folder):
    p256 = [ec.generate_private_key(ec.SECP256R1()) for _ in range(4)]
    basic = (x509.BasicConstraints(ca=False, path_length=None), True)
    usage = (x509.KeyUsage(True, False, False, False, False, False, False, False, False), True)
    alt = (x509.SubjectAlternativeName([x509.DNSName("brook.invalid")]), False)
    certificates = [
        certificate(p256[0], "WebRTC", hashes.SHA256()),
        certificate(p256[1], "brook", hashes.SHA256(), [basic]),
        certificate(p256[2], "brook-384", hashes.SHA384(), [basic, usage]),
        certificate(p256[3], "brook-512", hashes.SHA512(), [basic, usage, alt], serial=1),
        certificate(p256[0], "a" * 64, hashes.SHA256(), [alt], serial=(1 << 159) - 1, days=36500),
        certificate(p256[1], "ünïcødé", hashes.SHA256()),
        certificate(ec.generate_private_key(ec.SECP384R1()), "p384", hashes.SHA384()),
        certificate(rsa.generate_private_key(65537, 1024), "rsa", hashes.SHA256(), [basic]),
        certificate(ed25519.Ed25519PrivateKey.generate(), "ed25519", None),
    ]
    return certificates + openssl_certificates(folder)


def write_certificates(certificates):
    for i, cert in enumerate(certificates):
        data = cert.public_bytes(serialization.Encoding.DER)
        pem = cert.public_bytes(serialization.Encoding.PEM).decode()
        write("x509-der", f"certificate-{i:02}.der", data)
        write("x509-pem", f"certificate-{i:02}.pem", pem)
        if i % 3 == 0:
            write("x509-pem", f"certificate-{i:02}-crlf.pem", pem.replace("\n", "\r\n"))
        if i % 4 == 1:
            write("x509-pem", f"certificate-{i:02}-text.pem", f"Subject: {cert.subject.rfc4514_string()}\n" + pem)
        for name, digest in [("sha-1", hashlib.sha1), ("sha-256", hashlib.sha256),
                             ("sha-384", hashlib.sha384), ("sha-512", hashlib.sha512)]:
            if (i + len(name)) % 3 == 0 or name == "sha-256":
                text = name + " " + ":".join(f"{b:02X}" for b in digest(data).digest())
                write("sdp-fingerprint", f"{name}-{i:02}.txt", text if i % 2 else text.lower())


# --- P-256 keys and signatures ------------------------------------------------------------------

def write_p256_keys():
    for i in range(6):
        key = ec.generate_private_key(ec.SECP256R1())
        public = key.public_key()
        x963 = public.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        compressed = public.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)
        write("p256-public-key", f"x963-{i}.bin", x963)
        write("p256-public-key", f"compressed-{i}.bin", compressed)
        write("p256-public-key", f"raw-{i}.bin", x963[1:])
        write("p256-public-key", f"spki-{i}.der", der(key.public_key()))
        write("p256-public-key", f"spki-{i}.pem", public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
        if i < 2:
            compressed_spki = der(key.public_key())[:24] + bytes([len(compressed) + 1, 0]) + compressed
            write("p256-public-key", f"spki-compressed-{i}.der", bytes([0x30, len(compressed_spki) - 2]) + compressed_spki[2:])

        scalar = key.private_numbers().private_value.to_bytes(32, "big")
        write("p256-private-key", f"raw-{i}.bin", scalar)
        write("p256-private-key", f"pkcs8-{i}.der", der(key, True, serialization.PrivateFormat.PKCS8))
        write("p256-private-key", f"sec1-{i}.der", der(key, True, serialization.PrivateFormat.TraditionalOpenSSL))
        write("p256-private-key", f"pkcs8-{i}.pem", key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        write("p256-private-key", f"sec1-{i}.pem", key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()))
    # `openssl ecparam -genkey` writes an EC PARAMETERS block before the key.
    for i in range(2):
        text = subprocess.run(["openssl", "ecparam", "-name", "prime256v1", "-genkey"],
                              check=True, capture_output=True).stdout
        write("p256-private-key", f"ecparam-genkey-{i}.pem", text)


def write_signatures():
    # The fixture of Fuzz/Targets/ECDSASignatureTarget.swift: scalar 0x0101…01, this message.
    key = ec.derive_private_key(int.from_bytes(bytes([1] * 32), "big"), ec.SECP256R1())
    message = b"brook fuzz message"
    n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    for i in range(14):
        signature = key.sign(message if i < 10 else message + bytes([i]), ec.ECDSA(hashes.SHA256()))
        write("ecdsa-signature", f"der-{i:02}.der", signature)
        r, s = utils.decode_dss_signature(signature)
        if i < 8:
            write("ecdsa-signature", f"raw-{i:02}.bin", r.to_bytes(32, "big") + s.to_bytes(32, "big"))
    # Edge values: small and out-of-range r and s.
    for i, (r, s) in enumerate([(1, 1), (n - 1, n - 1), (n, 1), (1 << 255, 127), (0x80, 0x7F)]):
        write("ecdsa-signature", f"edge-{i}.der", utils.encode_dss_signature(r, s))


# --- X25519 -------------------------------------------------------------------------------------

def write_x25519():
    p = 2**255 - 19
    # RFC 7748 §6.1 / Bernstein's list: u-coordinates of small order, and values at the edges.
    special = [0, 1, 325606250916557431795983626356110631294008115727848805560023387167927233504,
               39382357235489614581723060781553021112529911719440698176882885853963445705823,
               p - 1, p, p + 1, 2**255 - 1, 2**256 - 1, 9]
    for i, u in enumerate(special):
        write("x25519", f"special-{i:02}.bin", (u % 2**256).to_bytes(32, "little"))
    for i in range(12):
        write("x25519", f"random-{i:02}.bin", bytes(rng.getrandbits(8) for _ in range(32)))


# --- AEAD ---------------------------------------------------------------------------------------

def write_aead():
    # The fixtures of Fuzz/Targets/AEADOpenTarget.swift: key bytes 0, 1, 2, ….
    algorithms = [AESGCM(bytes(range(16))), AESGCM(bytes(range(32))), ChaCha20Poly1305(bytes(range(32)))]
    for i in range(36):
        selector = i % 3
        nonce_count = 12 if selector == 2 or i % 4 else [8, 13, 16][i % 3]
        nonce = bytes(rng.getrandbits(8) for _ in range(nonce_count))
        aad = bytes(rng.getrandbits(8) for _ in range(rng.choice([0, 1, 13, 16, 17, 40])))
        plaintext = bytes(rng.getrandbits(8) for _ in range(rng.choice([0, 1, 15, 16, 17, 64, 100, 257])))
        box = algorithms[selector].encrypt(nonce, plaintext, aad)
        header = bytes([selector, len(aad), (nonce_count - 1) % 16])
        write("aead-open", f"box-{i:02}.bin", header + nonce + aad + box)


# --- SRTP and SRTCP -----------------------------------------------------------------------------

PROFILES = [  # In the order of SRTPFuzzFixture.profiles.
    (Policy.SRTP_PROFILE_AES128_CM_SHA1_80, 16, 14),
    (Policy.SRTP_PROFILE_AES128_CM_SHA1_32, 16, 14),
    (Policy.SRTP_PROFILE_AEAD_AES_128_GCM, 16, 12),
    (Policy.SRTP_PROFILE_AEAD_AES_256_GCM, 32, 12),
]


def sender(index):
    profile, key_length, salt_length = PROFILES[index]
    key = bytes(range(1, key_length + 1)) + bytes(0xA0 + i for i in range(salt_length))
    return Session(policy=Policy(key=key, ssrc_type=Policy.SSRC_ANY_OUTBOUND, srtp_profile=profile))


def rtp(ssrc, sequence, payload, csrcs=0, extension=False, padding=False):
    first = 0x80 | (0x20 if padding else 0) | (0x10 if extension else 0) | csrcs
    packet = struct.pack("!BBHII", first, 96, sequence & 0xFFFF, sequence * 960 & 0xFFFFFFFF, ssrc)
    packet += bytes(4 * csrcs)
    if extension:
        packet += bytes([0xBE, 0xDE, 0, 1, 0x10, 0xAA, 0, 0])
    packet += bytes(rng.getrandbits(8) for _ in range(payload))
    if padding:
        packet += bytes([0, 0, 4])
    return packet


def rtcp(ssrc, words):
    return struct.pack("!BBHI", 0x80, 200, words, ssrc) + bytes(rng.getrandbits(8) for _ in range(4 * words))


def framed(selector, packets):
    return bytes([selector]) + b"".join(struct.pack("!H", len(p)) + p for p in packets)


def write_srtp():
    for index in range(4):
        session = sender(index)
        ssrc = 0x1000 + index
        plans = [
            [rtp(ssrc, 1, 160)],
            [rtp(ssrc, s, rng.choice([0, 1, 20, 160])) for s in range(2, 6)],
            [rtp(ssrc, 6, 100, csrcs=2, extension=True)],
            [rtp(ssrc, 7, 33, padding=True), rtp(ssrc + 1, 1, 50)],
        ]
        for n, plan in enumerate(plans):
            protected = [session.protect(p) for p in plan]
            write("srtp", f"profile{index}-{n}.bin", framed(index, protected))
        # A sender that crosses a sequence-number wrap (ROC 0 → 1), then a late and a duplicate packet.
        wrap = sender(index)
        packets = [wrap.protect(rtp(ssrc, s, 40)) for s in [65533, 65534, 65535, 65536, 65537]]
        write("srtp", f"profile{index}-wrap.bin", framed(index, packets[:2] + packets[3:] + packets[2:3] + packets[4:]))

        control = sender(index)
        for n, plan in enumerate([[rtcp(ssrc, 6)], [rtcp(ssrc, w) for w in (1, 6, 24)], [rtcp(ssrc, 6), rtcp(ssrc + 9, 2)]]):
            protected = [control.protect_rtcp(p) for p in plan]
            write("srtcp", f"profile{index}-{n}.bin", framed(index, protected))
        reordered = [control.protect_rtcp(rtcp(ssrc, 2)) for _ in range(4)]
        write("srtcp", f"profile{index}-reordered.bin", framed(index, reordered[::-1]))


def write_srtp_plain():
    """Round-trip mode (bit 2 of the first byte): plain packets the target protects, then unprotects."""
    for index in range(4):
        ssrc = 0x2000 + index
        sequences = [
            [rtp(ssrc, 1, 160)],
            [rtp(ssrc, s, 20, csrcs=s % 3, extension=s % 2 == 0, padding=s == 4) for s in range(2, 7)],
            [rtp(ssrc, s, 12) for s in [65534, 65535, 65536, 65537, 65535, 3]],
        ]
        for n, packets in enumerate(sequences):
            write("srtp", f"plain-profile{index}-{n}.bin", framed(index | 4, packets))
        for n, packets in enumerate([[rtcp(ssrc, 6)], [rtcp(ssrc, w) for w in (1, 2, 30)] + [rtcp(ssrc + 1, 3)]]):
            write("srtcp", f"plain-profile{index}-{n}.bin", framed(index | 4, packets))


# --- STUN and the ICE agent ---------------------------------------------------------------------
# The stun target's input (Fuzz/Targets/FuzzScript.swift, STUNTarget.swift): a mode byte (bits 0-1:
# controlling, controlled, lite, controlled agent; bit 2: a STUN server), then steps of a 2-byte
# length and a datagram whose first byte picks the source address (0: the agent's remote candidate,
# 1: an unknown IPv4 address, 2: IPv6, 3: the remote host on another port, 8: the STUN server), or
# 0x8000 + milliseconds to let time pass. The credentials are ICEFuzzFixture's.

LOCAL_UFRAG, LOCAL_PWD = "fuzz", b"fuzzpasswordfuzzpassword"
REMOTE_UFRAG, REMOTE_PWD = "peer", b"peerpasswordpeerpassword"
STUN_FILES = ("rfc5769-", "aioice-", "coturn-", "turnutils-")


def stun_script(mode, steps):
    out = bytes([mode])
    for step in steps:
        if isinstance(step, int):  # milliseconds to wait
            out += struct.pack("!H", 0x8000 + step)
        else:
            selector, datagram = step
            out += struct.pack("!H", len(datagram) + 1) + bytes([selector]) + datagram
    return out


def check_request(tie_breaker, nominate=False, key=LOCAL_PWD, username=f"{LOCAL_UFRAG}:{REMOTE_UFRAG}",
                  role="ICE-CONTROLLING", priority=0x6E7F1EFF):
    """A connectivity check as a peer of the agent sends it (RFC 8445 §7.1), by aioice."""
    message = stun.Message(message_method=stun.Method.BINDING, message_class=stun.Class.REQUEST)
    if username is not None:
        message.attributes["USERNAME"] = username
    if priority is not None:
        message.attributes["PRIORITY"] = priority
    if role:
        message.attributes[role] = tie_breaker
    if nominate:
        message.attributes["USE-CANDIDATE"] = None
    if key is None:
        message.add_fingerprint()
    else:
        message.add_message_integrity(key)
        message.add_fingerprint()
    return bytes(message)


def aioice_message(method, message_class, attributes, key=None, fingerprint=True):
    message = stun.Message(message_method=method, message_class=message_class)
    message.attributes.update(attributes)
    if key is not None:
        message.add_message_integrity(key)
    if fingerprint:
        message.add_fingerprint()
    return bytes(message)


def with_sha256(message, key):
    """Appends MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6; aioice has none) and a fresh FINGERPRINT."""
    body = message[:-8] if message[-8:-6] == b"\x80\x28" else message
    length = len(body) - 20 + 36
    header = body[:2] + struct.pack("!H", length) + body[4:]
    mac = hmac.new(key, header, hashlib.sha256).digest()
    body = header + struct.pack("!HH", 0x001C, 32) + mac
    body = body[:2] + struct.pack("!H", len(body) - 20 + 8) + body[4:]
    return body + struct.pack("!HHI", 0x8028, 4, (zlib.crc32(body) ^ 0x5354554E) & 0xFFFFFFFF)


def write_stun_rfc5769():
    vectors, current = [], {}
    for line in open(os.path.join(os.path.dirname(ROOT), "..", "Vectors", "stun-rfc5769.txt")):
        if line.startswith("Message = "):
            vectors.append((current.get("Name"), bytes.fromhex(line.split("=", 1)[1].strip())))
        elif " = " in line and not line.startswith("#"):
            key, value = line.split(" = ", 1)
            current[key.strip()] = value.strip()
    for i, (name, message) in enumerate(vectors):
        write("stun", f"rfc5769-{name}.bin", stun_script(i % 3, [(i % 4, message), 600, (0, message)]))


def write_stun_aioice():
    ties = [0, 1, 0x7FFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF]
    seeds = {
        # Checks from the peer: role conflicts both ways, nomination, a triggered check's answer.
        "check-controlling": (1, [(0, check_request(ties[1])), 50, (0, check_request(ties[1], nominate=True))]),
        "check-controlled-conflict": (0, [(0, check_request(ties[2], role="ICE-CONTROLLING")), 60,
                                          (0, check_request(ties[0], role="ICE-CONTROLLING"))]),
        "check-controlled": (0, [(0, check_request(ties[3], role="ICE-CONTROLLED")), 100,
                                 (1, check_request(ties[0], role="ICE-CONTROLLED"))]),
        "check-lite-nominate": (2, [(0, check_request(ties[2], nominate=True)), 20, (2, check_request(ties[1]))]),
        "check-prflx-addresses": (1, [(1, check_request(ties[1])), (2, check_request(ties[1])), (3, check_request(ties[1])),
                                      (4, check_request(ties[1])), 500]),
        "check-sha256": (1, [(0, with_sha256(check_request(ties[1]), LOCAL_PWD)), 50]),
        # Refused: wrong password (401), no USERNAME (400), no PRIORITY (400), another user (401).
        "check-wrong-password": (1, [(0, check_request(ties[1], key=REMOTE_PWD)), (0, check_request(ties[1], key=None))]),
        "check-no-username": (0, [(0, check_request(ties[1], username=None)), (0, check_request(ties[1], priority=None))]),
        "check-other-user": (1, [(0, check_request(ties[1], username="peer:fuzz")), (0, check_request(ties[1], username="fuzz"))]),
        # An unknown comprehension-required attribute (CHANGE-REQUEST, RFC 5780) in a signed request: 420.
        "check-unknown-attribute": (1, [(0, aioice_message(stun.Method.BINDING, stun.Class.REQUEST, {
            "USERNAME": "fuzz:peer", "PRIORITY": 1, "ICE-CONTROLLING": 5, "CHANGE-REQUEST": 4}, key=LOCAL_PWD))]),
        # Responses and indications the agent never asked for, and another method.
        "responses": (0, [100, (0, aioice_message(stun.Method.BINDING, stun.Class.RESPONSE, {
            "XOR-MAPPED-ADDRESS": ("10.0.0.1", 5000)}, key=REMOTE_PWD)),
            (0, aioice_message(stun.Method.BINDING, stun.Class.ERROR, {"ERROR-CODE": (487, "Role Conflict")}, key=REMOTE_PWD)),
            (8, aioice_message(stun.Method.BINDING, stun.Class.RESPONSE, {"XOR-MAPPED-ADDRESS": ("192.0.2.9", 4000),
                                                                          "SOFTWARE": "aioice"}))]),
        "indication": (1, [(0, aioice_message(stun.Method.BINDING, stun.Class.INDICATION, {})), 5000,
                           (0, aioice_message(stun.Method.BINDING, stun.Class.INDICATION, {}, fingerprint=False))]),
        "allocate": (4, [(0, aioice_message(stun.Method.ALLOCATE, stun.Class.REQUEST, {
            "REQUESTED-TRANSPORT": 0x11000000, "LIFETIME": 600, "USERNAME": "fuzz:peer"}, key=LOCAL_PWD)), 1000]),
        "ipv6-mapped": (1, [(2, aioice_message(stun.Method.BINDING, stun.Class.RESPONSE, {
            "XOR-MAPPED-ADDRESS": ("2001:db8::1", 443), "MAPPED-ADDRESS": ("2001:db8::2", 80),
            "ERROR-CODE": (300, "Try Alternate"), "REALM": "example.org", "NONCE": b"abcd"}))]),
    }
    for name, (mode, steps) in seeds.items():
        write("stun", f"aioice-{name}.bin", stun_script(mode, steps))


def write_stun_coturn():
    """coturn's answers (turnserver -S, a plain STUN server) to aioice's requests, and
    turnutils_stunclient's own requests, recorded on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(["turnserver", "-n", "-S", "--no-cli", "--no-tls", "--no-dtls", "-L", "127.0.0.1",
                               "-p", str(port), "--no-stdout-log", "--log-file", "/dev/null", "--pidfile", "/dev/null"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(0.2)

        def ask(request):
            for _ in range(25):
                sock.sendto(request, ("127.0.0.1", port))
                try:
                    return sock.recvfrom(4096)[0]
                except socket.timeout:
                    continue
            raise RuntimeError("turnserver does not answer")

        requests = [
            aioice_message(stun.Method.BINDING, stun.Class.REQUEST, {}),
            aioice_message(stun.Method.BINDING, stun.Class.REQUEST, {"SOFTWARE": "brook fuzz"}, fingerprint=False),
            aioice_message(stun.Method.BINDING, stun.Class.REQUEST, {"CHANGE-REQUEST": 6}),
            aioice_message(stun.Method.BINDING, stun.Class.REQUEST, {"USERNAME": "fuzz:peer", "PRIORITY": 7}, key=LOCAL_PWD),
        ]
        for i, request in enumerate(requests):
            answer = ask(request)
            write("stun", f"coturn-answer-{i}.bin", stun_script(4 | (i % 3), [(8, answer), (0, request), 200, (8, answer)]))
    finally:
        server.kill()
        server.wait()

    # turnutils_stunclient's request (and with -f, RFC 5780's CHANGE-REQUEST), answered by aioice.
    for i, extra in enumerate([[], ["-f"]]):
        listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        listener.bind(("127.0.0.1", 0))
        listener.settimeout(5)
        client = subprocess.Popen(["turnutils_stunclient", "-p", str(listener.getsockname()[1])] + extra + ["127.0.0.1"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            request, source = listener.recvfrom(4096)
            parsed = stun.parse_message(request)
            response = stun.Message(message_method=stun.Method.BINDING, message_class=stun.Class.RESPONSE,
                                    transaction_id=parsed.transaction_id)
            response.attributes["XOR-MAPPED-ADDRESS"] = source
            response.add_fingerprint()
            listener.sendto(bytes(response), source)
            time.sleep(0.1)
            write("stun", f"turnutils-request-{i}.bin", stun_script(1 + i, [(1, request), (0, request), 30, (8, bytes(response))]))
        finally:
            client.kill()
            client.wait()
            listener.close()


def write_stun():
    folder = os.path.join(ROOT, "stun")
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            if name.startswith(STUN_FILES):
                os.remove(os.path.join(folder, name))
    write_stun_rfc5769()
    write_stun_aioice()
    write_stun_coturn()


GENERATORS = {
    "certificates": lambda: write_certificates(make_certificates_in_temporary_folder()),
    "p256": write_p256_keys,
    "signatures": write_signatures,
    "x25519": write_x25519,
    "aead": write_aead,
    "srtp": write_srtp,
    "srtp-plain": write_srtp_plain,
    "stun": write_stun,
}

# Folders holding only this script's seeds (cleared before a full run). dtls-* and the agent-*
# files of stun are recorded by the Swift tests and never touched here.
OWN_FOLDERS = ["x509-der", "x509-pem", "sdp-fingerprint", "p256-public-key", "p256-private-key",
               "ecdsa-signature", "x25519", "aead-open", "srtp", "srtcp"]


def make_certificates_in_temporary_folder():
    with tempfile.TemporaryDirectory() as folder:
        return make_certificates(folder)


def main():
    # With no arguments: everything, from scratch. With generator names: only those (adding files).
    names = sys.argv[1:] or list(GENERATORS)
    if not sys.argv[1:]:
        for folder in OWN_FOLDERS:
            shutil.rmtree(os.path.join(ROOT, folder), ignore_errors=True)
    for name in names:
        GENERATORS[name]()
    for target in sorted(os.listdir(ROOT)):
        print(f"{target}: {len(os.listdir(os.path.join(ROOT, target)))} seeds")


if __name__ == "__main__":
    main()
