/// ClientHello (RFC 5246 §7.4.1.2 with the DTLS cookie of RFC 6347 §4.2.1).
struct ClientHello {
    var clientVersion: UInt16 = ProtocolVersion.dtls12
    var random: [UInt8]
    var sessionID: [UInt8] = []
    var cookie: [UInt8] = []
    var cipherSuites: [UInt16]
    var compressionMethods: [UInt8] = [0]
    var extensions = HelloExtensions()

    init(random: [UInt8], cipherSuites: [UInt16]) {
        self.random = random
        self.cipherSuites = cipherSuites
    }

    init(body: some Collection<UInt8>) throws(DTLSError) {
        var reader = ByteReader(body)
        clientVersion = try reader.u16("client_version")
        random = Array(try reader.bytes(32, "client random"))
        sessionID = Array(try reader.vector(lengthWidth: 1, 0...32, "session_id"))
        cookie = Array(try reader.vector(lengthWidth: 1, 0...255, "cookie"))
        var suites = ByteReader(try reader.vector(lengthWidth: 2, 2...0xFFFE, "cipher_suites"))
        guard suites.remaining % 2 == 0 else { throw .decodeError("cipher_suites: odd length") }
        cipherSuites = []
        cipherSuites.reserveCapacity(suites.remaining / 2)
        while !suites.isEmpty { cipherSuites.append(try suites.u16("cipher suite")) }
        compressionMethods = Array(try reader.vector(lengthWidth: 1, 1...255, "compression_methods"))
        extensions = try HelloExtensions(parsing: &reader)
        try reader.expectEnd("ClientHello")
    }

    func encode() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(2 + 32 + 1 + sessionID.count + 1 + cookie.count + 2 + 2 * cipherSuites.count
                            + 1 + compressionMethods.count + extensions.encodedByteCount)
        out.append(u16: clientVersion)
        out.append(contentsOf: random)
        out.appendVector(lengthWidth: 1) { $0.append(contentsOf: sessionID) }
        out.appendVector(lengthWidth: 1) { $0.append(contentsOf: cookie) }
        out.appendVector(lengthWidth: 2) { list in for suite in cipherSuites { list.append(u16: suite) } }
        out.appendVector(lengthWidth: 1) { $0.append(contentsOf: compressionMethods) }
        extensions.encode(into: &out)
        return out
    }
}

/// ServerHello (RFC 5246 §7.4.1.3).
struct ServerHello {
    var serverVersion: UInt16 = ProtocolVersion.dtls12
    var random: [UInt8]
    var sessionID: [UInt8] = []
    var cipherSuite: UInt16
    var compressionMethod: UInt8 = 0
    var extensions = HelloExtensions()

    init(random: [UInt8], cipherSuite: UInt16) {
        self.random = random
        self.cipherSuite = cipherSuite
    }

    init(body: some Collection<UInt8>) throws(DTLSError) {
        var reader = ByteReader(body)
        serverVersion = try reader.u16("server_version")
        random = Array(try reader.bytes(32, "server random"))
        sessionID = Array(try reader.vector(lengthWidth: 1, 0...32, "session_id"))
        cipherSuite = try reader.u16("cipher_suite")
        compressionMethod = try reader.u8("compression_method")
        extensions = try HelloExtensions(parsing: &reader)
        try reader.expectEnd("ServerHello")
    }

    func encode() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(2 + 32 + 1 + sessionID.count + 2 + 1 + extensions.encodedByteCount)
        out.append(u16: serverVersion)
        out.append(contentsOf: random)
        out.appendVector(lengthWidth: 1) { $0.append(contentsOf: sessionID) }
        out.append(u16: cipherSuite)
        out.append(compressionMethod)
        extensions.encode(into: &out)
        return out
    }
}

/// HelloVerifyRequest (RFC 6347 §4.2.1): server_version and a cookie of up to 255 bytes.
struct HelloVerifyRequest {
    var serverVersion: UInt16 = ProtocolVersion.dtls10
    var cookie: [UInt8]

    init(cookie: [UInt8]) { self.cookie = cookie }

    init(body: some Collection<UInt8>) throws(DTLSError) {
        var reader = ByteReader(body)
        serverVersion = try reader.u16("server_version")
        cookie = Array(try reader.vector(lengthWidth: 1, 0...255, "cookie"))
        try reader.expectEnd("HelloVerifyRequest")
    }

    func encode() -> [UInt8] {
        .encoded(capacity: 3 + cookie.count) { out in
            out.append(u16: serverVersion)
            out.appendVector(lengthWidth: 1) { $0.append(contentsOf: cookie) }
        }
    }
}
