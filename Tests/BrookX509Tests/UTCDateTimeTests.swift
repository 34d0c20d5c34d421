import Foundation
import SwiftASN1
import Testing
@testable import BrookX509
import BrookTestSupport

@Suite("UTC date-times and X.509 Time")
struct UTCDateTimeTests {
    @Test("Known instants", arguments: [
        (Int64(0), 1970, 1, 1, 0, 0, 0),
        (951_782_400, 2000, 2, 29, 0, 0, 0),
        (1_798_709_825, 2026, 12, 31, 9, 37, 5),
        (-1, 1969, 12, 31, 23, 59, 59),
        (-631_152_000, 1950, 1, 1, 0, 0, 0),
        (2_524_607_999, 2049, 12, 31, 23, 59, 59),
        (-62_167_219_200, 0, 1, 1, 0, 0, 0),
        (253_402_300_799, 9999, 12, 31, 23, 59, 59),
    ])
    func knownInstants(seconds: Int64, year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) throws {
        let fromSeconds = try UTCDateTime(secondsSinceEpoch: seconds)
        #expect([fromSeconds.year, fromSeconds.month, fromSeconds.day, fromSeconds.hour, fromSeconds.minute,
                 fromSeconds.second] as [Int] == [year, month, day, hour, minute, second])
        let fromComponents = try UTCDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        #expect(fromComponents.secondsSinceEpoch == seconds)
    }

    @Test("Every day of years 0–9999 converts both ways, checked against a day-by-day calendar walk")
    func everyDay() {
        var (year, month, day) = (0, 1, 1)
        var mismatches = 0
        for days in Int64(-719_528)...Int64(2_932_896) {
            if UTCDateTime.daysSinceEpoch(year: year, month: month, day: day) != days { mismatches += 1 }
            let civil = UTCDateTime.civilDate(daysSinceEpoch: days)
            if civil.year != year || civil.month != month || civil.day != day { mismatches += 1 }
            day += 1
            if day > UTCDateTime.daysIn(month: month, year: year) {
                day = 1
                month += 1
                if month > 12 { month = 1; year += 1 }
            }
        }
        #expect(mismatches == 0)
        #expect([year, month, day] as [Int] == [10000, 1, 1])
    }

    @Test("Random instants agree with Foundation's Gregorian calendar (years 1601–9999)")
    func foundationDifferential() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var rng = SeededGenerator(seed: 0xDA7E)
        let low: Int64 = -11_644_473_600  // 1601-01-01
        for _ in 0..<5000 {
            let seconds = low + Int64(rng.next() % UInt64(UTCDateTime.maximumSecondsSinceEpoch - low + 1))
            let time = try UTCDateTime(secondsSinceEpoch: seconds)
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                                from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect([parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second]
                    == [time.year, time.month, time.day, time.hour, time.minute, time.second] as [Int?])
        }
    }

    @Test("Out-of-range components and instants are rejected")
    func rejectsOutOfRange() {
        let bad: [(Int, Int, Int, Int, Int, Int)] = [
            (-1, 1, 1, 0, 0, 0), (10000, 1, 1, 0, 0, 0), (2026, 0, 1, 0, 0, 0), (2026, 13, 1, 0, 0, 0),
            (2026, 1, 0, 0, 0, 0), (2026, 1, 32, 0, 0, 0), (2026, 4, 31, 0, 0, 0), (2026, 2, 29, 0, 0, 0),
            (1900, 2, 29, 0, 0, 0), (2026, 1, 1, 24, 0, 0), (2026, 1, 1, 0, 60, 0), (2026, 1, 1, 0, 0, 60),
            (2026, 1, 1, -1, 0, 0),
        ]
        for (y, mo, d, h, mi, s) in bad {
            #expect(throws: X509Error.invalidTime) {
                try UTCDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
            }
        }
        #expect(throws: X509Error.invalidTime) { try UTCDateTime(secondsSinceEpoch: UTCDateTime.maximumSecondsSinceEpoch + 1) }
        #expect(throws: X509Error.invalidTime) { try UTCDateTime(secondsSinceEpoch: UTCDateTime.minimumSecondsSinceEpoch - 1) }
        #expect(throws: X509Error.invalidTime) { try UTCDateTime(secondsSinceEpoch: .min) }
        #expect(throws: X509Error.invalidTime) { try UTCDateTime(secondsSinceEpoch: 0).adding(seconds: .max) }
        #expect((try? UTCDateTime(year: 2000, month: 2, day: 29, hour: 0, minute: 0, second: 0)) != nil)
    }

    @Test("ISO 8601 description")
    func description() throws {
        #expect(try UTCDateTime(year: 7, month: 3, day: 4, hour: 5, minute: 6, second: 7).description == "0007-03-04T05:06:07Z")
    }

    // MARK: X.509 Time (RFC 5280 §4.1.2.5)

    static func timeNode(_ tag: ASN1Identifier, _ text: String) throws -> ASN1Node {
        var serializer = DER.Serializer()
        serializer.appendPrimitiveNode(identifier: tag) { $0.append(contentsOf: text.utf8) }
        return try DER.parse(serializer.serializedBytes)
    }

    @Test("UTCTime and GeneralizedTime parse per RFC 5280", arguments: [
        (ASN1Identifier.utcTime, "500101000000Z", "1950-01-01T00:00:00Z"),
        (.utcTime, "491231235959Z", "2049-12-31T23:59:59Z"),
        (.utcTime, "000229120000Z", "2000-02-29T12:00:00Z"),
        (.utcTime, "991231235959Z", "1999-12-31T23:59:59Z"),
        (.generalizedTime, "20500101000000Z", "2050-01-01T00:00:00Z"),
        (.generalizedTime, "19491231235959Z", "1949-12-31T23:59:59Z"),
        (.generalizedTime, "99991231235959Z", "9999-12-31T23:59:59Z"),  // RFC 5280: no expiry date
        (.generalizedTime, "00000101000000Z", "0000-01-01T00:00:00Z"),
        (.generalizedTime, "20260101000000Z", "2026-01-01T00:00:00Z"),
    ])
    func parsesTimes(tag: ASN1Identifier, text: String, expected: String) throws {
        #expect(try X509Time.parse(Self.timeNode(tag, text)).description == expected)
    }

    @Test("Malformed times are rejected", arguments: [
        (ASN1Identifier.utcTime, "4912312359Z"),      // no seconds
        (.utcTime, "491231235959"),                   // no Z
        (.utcTime, "491231235959+0000"),              // offset
        (.utcTime, "4912312359590Z"),                 // too long
        (.utcTime, "491331000000Z"),                  // month 13
        (.utcTime, "490229000000Z"),                  // 2049 is not a leap year
        (.utcTime, "491231240000Z"),                  // hour 24
        (.utcTime, "491231235960Z"),                  // second 60
        (.utcTime, " 91231235959Z"),                  // space
        (.utcTime, "-91231235959Z"),                  // sign
        (.utcTime, "49123123595９Z"),                 // non-ASCII digit
        (.utcTime, "491231235959z"),                  // lower-case z
        (.utcTime, ""),
        (.generalizedTime, "20500101000000.5Z"),      // fractional seconds
        (.generalizedTime, "205001010000Z"),          // no seconds
        (.generalizedTime, "2050010100000Z"),         // short
        (.generalizedTime, "20500101000000"),         // local time
        (.generalizedTime, "20501301000000Z"),        // month 13
        (.generalizedTime, "21000229000000Z"),        // 2100 is not a leap year
        (.utf8String, "500101000000Z"),               // not a time type
    ])
    func rejectsTimes(tag: ASN1Identifier, text: String) throws {
        #expect(throws: X509Error.invalidTime) { try X509Time.parse(Self.timeNode(tag, text)) }
    }

    @Test("Years 1950–2049 are written as UTCTime, others as GeneralizedTime, and read back")
    func serializesTimes() throws {
        for (year, tag, length) in [(1949, ASN1Identifier.generalizedTime, 15), (1950, .utcTime, 13),
                                    (2049, .utcTime, 13), (2050, .generalizedTime, 15), (0, .generalizedTime, 15),
                                    (9999, .generalizedTime, 15)] {
            let time = try UTCDateTime(year: year, month: 12, day: 31, hour: 23, minute: 59, second: 58)
            var serializer = DER.Serializer()
            X509Time.serialize(time, into: &serializer)
            let node = try DER.parse(serializer.serializedBytes)
            #expect(node.identifier == tag)
            #expect(serializer.serializedBytes.count == 2 + length)
            #expect(try X509Time.parse(node) == time)
        }
    }
}
