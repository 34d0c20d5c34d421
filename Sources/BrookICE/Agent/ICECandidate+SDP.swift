import BrookSansIO

/// Why an SDP `candidate` attribute could not be read (RFC 8839 §5.1).
public enum ICECandidateParseError: Error, Hashable, Sendable {
    /// Fewer than the eight mandatory fields, or a field that is not what the grammar wants.
    case malformed(field: String)
    /// A transport other than UDP (ICE-TCP is not supported).
    case unsupportedTransport(String)
    /// A connection address that is not an IP literal (an FQDN or an mDNS `.local` name).
    case unresolvedAddress(String)
}

extension ICECandidate {
    /// The SDP attribute value, `candidate:<foundation> <component> udp <priority> <ip> <port> typ <type>
    /// [raddr <ip> rport <port>]` (RFC 8839 §5.1), without `a=`.
    public var sdpAttribute: String {
        var text = "candidate:\(foundation) \(component) udp \(priority) \(address.ip) \(address.port) typ \(kind.rawValue)"
        if let related = relatedAddress { text += " raddr \(related.ip) rport \(related.port)" }
        return text
    }

    /// Parses an SDP candidate attribute, with or without `a=` and `candidate:` (RFC 8839 §5.1). Extension
    /// attributes (`generation`, `ufrag`, `network-id`, …) are ignored.
    public init(sdpAttribute text: String) throws(ICECandidateParseError) {
        var line = Substring(text)
        if line.hasPrefix("a=") { line = line.dropFirst(2) }
        if line.hasPrefix("candidate:") { line = line.dropFirst("candidate:".count) }
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 8, fields.count <= 64 else { throw .malformed(field: "field count") }
        let foundation = String(fields[0])
        guard (1...32).contains(foundation.utf8.count), foundation.utf8.allSatisfy(ICECandidate.isIceChar) else {
            throw .malformed(field: "foundation")
        }
        guard let component = Int(fields[1]), (1...256).contains(component) else { throw .malformed(field: "component-id") }
        guard fields[2].lowercased() == "udp" else { throw .unsupportedTransport(String(fields[2])) }
        guard let priority = UInt32(fields[3]), priority > 0 else { throw .malformed(field: "priority") }
        guard let ip = IPAddress(fields[4]) else { throw .unresolvedAddress(String(fields[4])) }
        guard let port = UInt16(fields[5]) else { throw .malformed(field: "port") }
        guard fields[6] == "typ", let kind = Kind(rawValue: String(fields[7])) else { throw .malformed(field: "cand-type") }
        var relatedIP: IPAddress?, relatedPort: UInt16?
        var index = 8
        while index + 1 < fields.count {
            let name = fields[index], value = fields[index + 1]
            if name == "raddr" {
                guard let parsed = IPAddress(value) else { throw .malformed(field: "raddr") }
                relatedIP = parsed
            } else if name == "rport" {
                guard let parsed = UInt16(value) else { throw .malformed(field: "rport") }
                relatedPort = parsed
            }
            index += 2
        }
        var related: TransportAddress?
        if let relatedIP, let relatedPort { related = TransportAddress(ip: relatedIP, port: relatedPort) }
        self.init(foundation: foundation, component: component, priority: priority,
                  address: TransportAddress(ip: ip, port: port), kind: kind, relatedAddress: related)
    }

    /// `ice-char = ALPHA / DIGIT / "+" / "/"` (RFC 8839 §5.1).
    static func isIceChar(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
    }
}
