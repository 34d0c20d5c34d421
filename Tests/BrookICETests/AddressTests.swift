import BrookSansIO
import Testing

/// `IPAddress` and `TransportAddress` text forms (RFC 4291 §2.2 in, RFC 5952 out).
@Suite("Transport addresses")
struct AddressTests {
    @Test("IPv4 and IPv6 text round trips, RFC 5952 §4 canonical output")
    func canonicalText() {
        let cases: [(String, String)] = [
            ("192.0.2.1", "192.0.2.1"), ("0.0.0.0", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
            ("2001:db8:1234:5678:11:2233:4455:6677", "2001:db8:1234:5678:11:2233:4455:6677"),
            ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),     // RFC 5952 §4.2.3: the first of equal runs
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),   // §4.2.2: a single zero group stays
            ("::", "::"), ("::1", "::1"), ("1::", "1::"), ("::ffff:192.0.2.1", "::ffff:c000:201"),
            ("2001:DB8::ABCD", "2001:db8::abcd"),
        ]
        for (input, expected) in cases {
            #expect(IPAddress(input)?.description == expected, "\(input)")
        }
    }

    @Test("malformed addresses are rejected")
    func malformed() {
        for text in ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "a.b.c.d", ":::", "1:2:3:4:5:6:7:8:9",
                     "1::2::3", "12345::", "g::", "1:2:3:4:5:6:7", "::1.2.3", "fe80::1%eth0"] {
            #expect(IPAddress(text) == nil, "\(text)")
        }
        for text in ["1.2.3.4", "1.2.3.4:", "1.2.3.4:65536", "::1:80", "[::1]", "[1.2.3.4]:80", "[::1:80", "1.2.3.4:8a"] {
            #expect(TransportAddress(text) == nil, "\(text)")
        }
    }

    @Test("transport addresses: bytes, ports and brackets")
    func transportAddresses() {
        let v4 = TransportAddress("192.0.2.1:32853")!
        #expect(v4.ip.bytes == [192, 0, 2, 1] && v4.port == 32853 && v4.family == .ipv4)
        #expect(v4.description == "192.0.2.1:32853")
        let v6 = TransportAddress("[2001:db8::1]:3478")!
        #expect(v6.ip.bytes == [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [1])
        #expect(v6.description == "[2001:db8::1]:3478" && v6.family == .ipv6)
        #expect(IPAddress(bytes: v6.ip.bytes) == v6.ip && IPAddress(bytes: [1, 2, 3]) == nil)
        #expect(IPAddress.loopbackV4.isLoopback && IPAddress.loopbackV6.isLoopback && !v4.ip.isLoopback)
    }
}
