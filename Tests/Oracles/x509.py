#!/usr/bin/env python3
"""X.509 oracle for the BrookX509 differential tests: Python `cryptography` (OpenSSL underneath).

Reads one JSON request per line on stdin and writes one JSON response per line on stdout.
Byte strings are hex; times are seconds since the Unix epoch.
Requests:
  {"op": "inspect", "der": hex}
      -> {"cn": str or null, "issuerCN": str or null, "serial": hex (minimal, no sign byte),
          "version": 0 | 2, "notBefore": int, "notAfter": int, "sigAlg": dotted OID, "pub": x963 hex,
          "verifies": bool, "sha256": hex, "sha384": hex, "pem": str}
         or {"error": str}
  {"op": "make", "seed": int, "cn": str, "notBefore": int, "notAfter": int, "serial": hex,
   "hash": "sha256" | "sha384" | "sha512", "extensions": bool}
      -> {"der": hex, "pub": x963 hex, "priv": hex}
         A self-signed P-256 certificate built by cryptography's CertificateBuilder from a
         private key derived from the seed; with "extensions", basicConstraints (critical),
         keyUsage, subjectKeyIdentifier and subjectAltName are added.
"""
import datetime
import hashlib
import json
import sys

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


def epoch(moment):
    """Seconds since the epoch of a UTC datetime (naive ones, from cryptography < 42, are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return int(moment.timestamp())


def validity(cert):
    if hasattr(cert, "not_valid_before_utc"):
        return cert.not_valid_before_utc, cert.not_valid_after_utc
    return cert.not_valid_before, cert.not_valid_after


def common_name(name):
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return values[-1].value if values else None


def inspect(request):
    try:
        cert = x509.load_der_x509_certificate(bytes.fromhex(request["der"]))
        key = cert.public_key()
        x963 = key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        try:
            key.verify(cert.signature, cert.tbs_certificate_bytes, ec.ECDSA(cert.signature_hash_algorithm))
            verifies = True
        except InvalidSignature:
            verifies = False
        serial = cert.serial_number
        der = cert.public_bytes(serialization.Encoding.DER)
        return {
            "cn": common_name(cert.subject),
            "issuerCN": common_name(cert.issuer),
            "serial": serial.to_bytes((serial.bit_length() + 7) // 8, "big").hex(),
            "version": cert.version.value,
            "notBefore": epoch(validity(cert)[0]),
            "notAfter": epoch(validity(cert)[1]),
            "sigAlg": cert.signature_algorithm_oid.dotted_string,
            "pub": x963.hex(),
            "verifies": verifies,
            "sha256": hashlib.sha256(der).hexdigest(),
            "sha384": hashlib.sha384(der).hexdigest(),
            "pem": cert.public_bytes(serialization.Encoding.PEM).decode(),
        }
    except Exception as error:  # the test reports any failure to read our certificate
        return {"error": repr(error)}


def make(request):
    scalar = int.from_bytes(hashlib.sha256(request["seed"].to_bytes(8, "big")).digest(), "big") % (ORDER - 1) + 1
    key = ec.derive_private_key(scalar, ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, request["cn"])])
    utc = datetime.timezone.utc
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(int(request["serial"], 16))
        .not_valid_before(datetime.datetime.fromtimestamp(request["notBefore"], utc))
        .not_valid_after(datetime.datetime.fromtimestamp(request["notAfter"], utc))
    )
    if request["extensions"]:
        builder = (
            builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("brook.example")]), critical=False)
        )
    cert = builder.sign(key, HASHES[request["hash"]]())
    x963 = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return {
        "der": cert.public_bytes(serialization.Encoding.DER).hex(),
        "pub": x963.hex(),
        "priv": scalar.to_bytes(32, "big").hex(),
    }


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        response = inspect(request) if request["op"] == "inspect" else make(request)
        sys.stdout.write(json.dumps(response) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
