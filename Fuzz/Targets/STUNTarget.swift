import BrookICE
import BrookSansIO

// STUN (RFC 8489): the decoder, the encoder on what it decoded, the RFC 7983 demultiplexer,
// STUNBindingServer, and an ICE agent's inbound path (ICEInboundRun), on a script of datagrams and
// timer expiries (FuzzScript.swift). Each datagram step starts with a byte choosing the source and
// local addresses (ICEFuzzFixture.addresses); the rest is the datagram.
//
// Mode byte: bits 0-1 pick the agent (controlling, controlled, lite, controlled), bit 2 gives it a
// STUN server to gather a server-reflexive candidate from.

extension FuzzTarget {
    static let stun = FuzzTarget(
        name: "stun",
        summary: "STUN decode, re-encode, integrity and fingerprint (checked against an independent reading), the RFC 7983 demultiplexer, STUNBindingServer, and an ICE agent's answers: responses only to requests, signed when authenticated, checks signed with the peer's password, pairs selected only after authenticated traffic"
    ) { input throws(FuzzFailure) in
        guard let script = FuzzScript(input) else { return .rejected }
        var run = ICEInboundRun(mode: script.mode)
        var decoded = false
        for step in script.steps {
            if try run.perform(step) { decoded = true }
        }
        return decoded ? .accepted : .rejected
    }
}

/// Properties of one datagram through the codec, the demultiplexer and the binding server.
enum STUNCodecCheck {
    static let bindingServer = STUNBindingServer(software: "brook fuzz")

    /// Checks `datagram`; returns whether it decoded.
    static func check(_ datagram: [UInt8], source: TransportAddress) throws(FuzzFailure) -> Bool {
        try checkDemultiplexer(datagram)
        let decoded: STUNDecodedMessage
        do throws(STUNError) {
            decoded = try STUNMessage.decode(datagram)
        } catch {
            if error == .badFingerprint {
                try ensure(STUNWireCheck(datagram)?.fingerprint?.matches == false,
                           "the decoder refused a FINGERPRINT the independent CRC-32 accepts")
            }
            try ensure(bindingServer.respond(to: datagram, from: source) == nil, "STUNBindingServer answered an undecodable datagram")
            return false
        }
        // RFC 8489 lets a message type start with any byte up to 63; RFC 7983 routes only 0-3 to STUN.
        try ensure(datagram[0] > 3 || (STUNMessage.isSTUN(datagram) && DatagramKind(classifying: datagram) == .stun),
                   "a decodable STUN message starting with \(datagram[0]) is not classified as STUN")
        guard let wire = STUNWireCheck(datagram) else { throw FuzzFailure(description: "a decoded message under 20 bytes") }
        if decoded.hasFingerprint {
            try ensure(wire.fingerprint?.matches == true && wire.fingerprint?.offset == datagram.count - 8,
                       "the decoder accepted a FINGERPRINT the independent CRC-32 refuses, or one that is not last")
        }
        for password in ICEFuzzFixture.knownPasswords {
            let authentic = decoded.isAuthentic(using: STUNIntegrityKey(keyBytes: password))
            try ensure(authentic == wire.isAuthentic(key: password),
                       "isAuthentic says \(authentic) where the independent HMAC disagrees")
            try ensure(!authentic || decoded.hasIntegrity, "authentic without an integrity attribute")
        }
        try checkReencoding(decoded, datagram)
        try checkIntegrityRoundTrip(decoded.message, flip: datagram.count)
        try checkBindingServer(decoded, datagram, source: source)
        return true
    }

    /// RFC 7983 §7 (as updated by RFC 9443 §3) by the first byte, RFC 5761 §4 by the second.
    static func checkDemultiplexer(_ datagram: [UInt8]) throws(FuzzFailure) {
        let expected: DatagramKind
        switch datagram.first ?? 255 {
        case _ where datagram.isEmpty: expected = .unknown
        case 0...3: expected = .stun
        case 16...19: expected = .zrtp
        case 20...63: expected = .dtls
        case 64...79: expected = .turnChannel
        case 128...191:
            if datagram.count < 2 { expected = .unknown } else { expected = (192...223).contains(datagram[1]) ? .rtcp : .rtp }
        default: expected = .unknown
        }
        let kind = DatagramKind(classifying: datagram)
        try ensure(kind == expected, "DatagramKind says \(kind) for first bytes \(datagram.prefix(2)), RFC 7983 says \(expected)")
        try ensure(!STUNMessage.isSTUN(datagram) || kind == .stun, "isSTUN accepted a datagram RFC 7983 does not route to STUN")
    }

    /// The decoded message re-encodes to an equal message; with nothing dropped (no integrity
    /// attribute, no unknown comprehension-required attribute), to as many bytes and the same header.
    static func checkReencoding(_ decoded: STUNDecodedMessage, _ datagram: [UInt8]) throws(FuzzFailure) {
        let encoded: [UInt8]
        do throws(STUNError) {
            encoded = try decoded.message.encode(integrity: nil, fingerprint: decoded.hasFingerprint)
        } catch {
            throw FuzzFailure(description: "a decoded message does not encode: \(error)")
        }
        guard let again = try? STUNMessage.decode(encoded) else {
            throw FuzzFailure(description: "the re-encoding of a decoded message does not decode")
        }
        try ensure(again.message == decoded.message, "decode(encode(message)) differs from message")
        try ensure(again.hasFingerprint == decoded.hasFingerprint && !again.hasIntegrity && again.unknownComprehensionRequired.isEmpty,
                   "the re-encoding gained or lost integrity, fingerprint or unknown attributes")
        if !decoded.hasIntegrity && decoded.unknownComprehensionRequired.isEmpty {
            try ensure(encoded.count == datagram.count && encoded.prefix(20).elementsEqual(datagram.prefix(20)),
                       "re-encoding gives \(encoded.count) bytes for \(datagram.count), or another header")
        }
        if decoded.hasFingerprint, encoded.count > 8 {
            // CRC-32 catches every single-bit error: a flip before FINGERPRINT never decodes with one.
            var flipped = encoded
            let bit = datagram.count % ((encoded.count - 8) * 8)
            flipped[bit / 8] ^= 1 << (bit % 8)
            if let decodedFlip = try? STUNMessage.decode(flipped) {
                try ensure(!decodedFlip.hasFingerprint, "a message with one bit flipped still has a valid FINGERPRINT")
            }
        }
    }

    /// Signed under the agent's password, the message verifies under it and no other key, and one
    /// flipped bit anywhere before the integrity attributes makes it fail.
    static func checkIntegrityRoundTrip(_ message: STUNMessage, flip seed: Int) throws(FuzzFailure) {
        let key = ICEFuzzFixture.localKey
        let signed: [UInt8]
        do throws(STUNError) {
            signed = try message.encode(integrity: key, algorithms: [.sha1, .sha256], fingerprint: true)
        } catch {
            guard case .valueTooLong = error else { throw FuzzFailure(description: "signing a decoded message failed: \(error)") }
            return  // A message near 64 KiB has no room for 68 more bytes.
        }
        guard let decoded = try? STUNMessage.decode(signed) else {
            throw FuzzFailure(description: "a signed message does not decode")
        }
        try ensure(decoded.message == message && decoded.hasFingerprint, "signing changed the message")
        try ensure(decoded.isAuthentic(using: key), "a message signed with the key does not verify under it")
        try ensure(!decoded.isAuthentic(using: ICEFuzzFixture.remoteKey), "a message verifies under a key it was not signed with")
        let covered = signed.count - 24 - 36 - 8
        var flipped = signed
        let bit = seed % (covered * 8)
        flipped[bit / 8] ^= 1 << (bit % 8)
        if let tampered = try? STUNMessage.decode(flipped) {
            try ensure(!tampered.isAuthentic(using: key), "a signed message with bit \(bit) flipped still verifies")
        }
    }

    /// STUNBindingServer answers requests only (RFC 8489 §6.3), with the request's transaction ID,
    /// the source as XOR-MAPPED-ADDRESS, 420 listing unknown comprehension-required attributes.
    static func checkBindingServer(_ decoded: STUNDecodedMessage, _ datagram: [UInt8], source: TransportAddress) throws(FuzzFailure) {
        let response = bindingServer.respond(to: datagram, from: source)
        let request = decoded.message
        guard request.type.messageClass == .request else {
            try ensure(response == nil, "STUNBindingServer answered a \(request.type.messageClass)")
            return
        }
        guard let response, let answer = try? STUNMessage.decode(response) else {
            throw FuzzFailure(description: "STUNBindingServer gave no decodable answer to a request")
        }
        try ensure(answer.message.transactionID == request.transactionID && answer.message.type.method == request.type.method
                   && answer.hasFingerprint, "STUNBindingServer's answer does not match the request")
        if request.type.method == .binding && decoded.unknownComprehensionRequired.isEmpty {
            try ensure(answer.message.type.messageClass == .successResponse && answer.message.mappedAddress == source,
                       "STUNBindingServer did not map the source")
        } else {
            try ensure(answer.message.type.messageClass == .errorResponse, "STUNBindingServer accepted a bad request")
            if request.type.method == .binding {
                try ensure(answer.message.errorCode == 420
                           && answer.message.attribute(.unknownAttributes) == .unknownAttributes(decoded.unknownComprehensionRequired),
                           "STUNBindingServer's 420 does not list the unknown attributes")
            }
        }
    }
}
