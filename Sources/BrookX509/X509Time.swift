import SwiftASN1

/// The X.509 `Time` CHOICE { utcTime UTCTime, generalTime GeneralizedTime } (RFC 5280 §4.1.2.5).
///
/// Read strictly, as RFC 5280 profiles it: UTCTime is exactly `YYMMDDHHMMSSZ` (YY ≥ 50 means 19YY,
/// otherwise 20YY); GeneralizedTime is exactly `YYYYMMDDHHMMSSZ` — seconds always present, always
/// Zulu, no fractional seconds. Written as UTCTime for years 1950–2049 and GeneralizedTime
/// otherwise, which is what the RFC requires of issuers; on reading, GeneralizedTime is accepted
/// for any year, as other X.509 readers do.
enum X509Time {
    /// Reads a UTCTime or GeneralizedTime node.
    static func parse(_ node: ASN1Node) throws(X509Error) -> UTCDateTime {
        guard case .primitive(let content) = node.content else { throw .invalidTime }
        switch node.identifier {
        case .utcTime:
            guard content.count == 13 else { throw .invalidTime }
            let twoDigitYear = try number(content, at: 0, width: 2)
            let year = twoDigitYear >= 50 ? 1900 + twoDigitYear : 2000 + twoDigitYear
            return try components(content, year: year, from: 2)
        case .generalizedTime:
            guard content.count == 15 else { throw .invalidTime }
            return try components(content, year: try number(content, at: 0, width: 4), from: 4)
        default:
            throw .invalidTime
        }
    }

    /// Writes `time` as the Time CHOICE RFC 5280 requires for its year.
    static func serialize(_ time: UTCDateTime, into serializer: inout DER.Serializer) {
        let useUTCTime = (1950...2049).contains(time.year)
        var text: [UInt8] = []
        text.reserveCapacity(15)
        if useUTCTime {
            appendDigits(time.year % 100, width: 2, to: &text)
        } else {
            appendDigits(time.year, width: 4, to: &text)
        }
        for value in [time.month, time.day, time.hour, time.minute, time.second] {
            appendDigits(value, width: 2, to: &text)
        }
        text.append(UInt8(ascii: "Z"))
        serializer.appendPrimitiveNode(identifier: useUTCTime ? .utcTime : .generalizedTime) {
            $0.append(contentsOf: text)
        }
    }

    /// MMDDHHMMSSZ starting at `offset`, with the year already read.
    private static func components(_ content: ArraySlice<UInt8>, year: Int, from offset: Int) throws(X509Error) -> UTCDateTime {
        guard content[content.endIndex - 1] == UInt8(ascii: "Z") else { throw .invalidTime }
        return try UTCDateTime(
            year: year,
            month: try number(content, at: offset, width: 2),
            day: try number(content, at: offset + 2, width: 2),
            hour: try number(content, at: offset + 4, width: 2),
            minute: try number(content, at: offset + 6, width: 2),
            second: try number(content, at: offset + 8, width: 2)
        )
    }

    /// The decimal number written with exactly `width` ASCII digits at `offset` (relative to the slice start).
    private static func number(_ content: ArraySlice<UInt8>, at offset: Int, width: Int) throws(X509Error) -> Int {
        var value = 0
        for byte in content[(content.startIndex + offset)..<(content.startIndex + offset + width)] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { throw .invalidTime }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func appendDigits(_ value: Int, width: Int, to text: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
