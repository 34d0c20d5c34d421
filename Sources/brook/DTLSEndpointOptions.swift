import ArgumentParser
import BrookCrypto
import BrookDTLS
import BrookX509
import Foundation

/// Options both `brook dtls` roles share.
struct DTLSEndpointOptions: ParsableArguments {
    @Option(help: "Certificate PEM file (default: a generated WebRTC-style certificate).")
    var cert: String?

    @Option(help: "EC private key PEM file (SEC 1 or PKCS #8) for --cert.")
    var key: String?

    @Option(help: "Comma-separated SRTP profiles in preference order (IANA names; 'none' for no use_srtp).")
    var srtpProfiles = "SRTP_AEAD_AES_256_GCM,SRTP_AEAD_AES_128_GCM,SRTP_AES128_CM_HMAC_SHA1_80,SRTP_AES128_CM_HMAC_SHA1_32"

    @Option(help: "Expected peer fingerprint, e.g. 'sha-256 AB:CD:…' (default: accept any and print it).")
    var expectFingerprint: String?

    @Option(help: "Largest handshake datagram in bytes.")
    var mtu = 1200

    @Option(help: "Bytes of RFC 5705 keying material (label EXTRACTOR-dtls_srtp) to print (default: the profile's).")
    var exportLength: Int?

    @Flag(help: "Skip the HelloVerifyRequest cookie exchange (server).")
    var noCookie = false

    /// Bytes of keying material printed for a connection: `--export-length`, else the SRTP
    /// profile's 2 × (key + salt) (RFC 5764 §4.2), else 60.
    var exportLengthRule: @Sendable (DTLSNegotiated) -> Int {
        let fixed = exportLength
        return { fixed ?? $0.srtp?.profile.keyingMaterialLength ?? 60 }
    }

    /// The configuration, and prints this endpoint's `fingerprint:` line.
    func makeConfiguration() throws -> DTLSConfiguration {
        if let exportLength, !(1...(1 << 16)).contains(exportLength) {
            throw ValidationError("--export-length must be 1…65536")
        }
        guard (128...65507).contains(mtu) else { throw ValidationError("--mtu must be 128…65507") }
        let privateKey: P256.Signing.PrivateKey
        let certificate: Certificate
        if let cert {
            guard let key else { throw ValidationError("--cert needs --key") }
            certificate = try Certificate(pemEncoded: String(contentsOfFile: cert, encoding: .utf8))
            privateKey = try P256.Signing.PrivateKey(pemRepresentation: String(contentsOfFile: key, encoding: .utf8))
            guard case .p256(let certified) = certificate.publicKey,
                  certified.x963Representation == privateKey.publicKey.x963Representation
            else { throw ValidationError("--key does not hold the private key of --cert's P-256 public key") }
        } else {
            guard key == nil else { throw ValidationError("--key needs --cert") }
            privateKey = P256.Signing.PrivateKey()
            let now = try UTCDateTime(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
            certificate = try Certificate.webRTC(privateKey: privateKey, now: now)
        }
        printError("fingerprint: \(CertificateFingerprint(certificate: certificate))")
        let verification: DTLSPeerVerification
        if let expectFingerprint {
            do { verification = .fingerprints([try CertificateFingerprint(sdpValue: expectFingerprint)]) } catch {
                throw ValidationError("--expect-fingerprint '\(expectFingerprint)' is not an SDP fingerprint (\(error))")
            }
        } else {
            verification = .acceptAny
        }
        var configuration = DTLSConfiguration(certificate: certificate, privateKey: privateKey, peerVerification: verification)
        if srtpProfiles == "none" {
            configuration.srtpProfiles = []
        } else {
            configuration.srtpProfiles = try srtpProfiles.split(separator: ",").map { name in
                guard let profile = SRTPProtectionProfile.allCases.first(where: { $0.ianaName == name }) else {
                    throw ValidationError("unknown SRTP profile \(name)")
                }
                return profile
            }
        }
        configuration.maximumTransmissionUnit = mtu
        configuration.cookieExchange = !noCookie
        return configuration
    }
}
