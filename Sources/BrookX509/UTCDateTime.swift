/// A UTC instant with one-second resolution, in the range 0000-01-01T00:00:00Z to
/// 9999-12-31T23:59:59Z (what X.509 times can express, RFC 5280 §4.1.2.5). It carries both the
/// count of seconds since the Unix epoch and the calendar components (proleptic Gregorian
/// calendar, no leap seconds, as X.509 and POSIX time both assume).
public struct UTCDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z; negative before the epoch.
    public let secondsSinceEpoch: Int64
    /// The year, 0 to 9999.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 31.
    public let day: Int
    /// The hour, 0 to 23.
    public let hour: Int
    /// The minute, 0 to 59.
    public let minute: Int
    /// The second, 0 to 59.
    public let second: Int

    /// The earliest representable instant, 0000-01-01T00:00:00Z.
    public static let minimumSecondsSinceEpoch: Int64 = -62_167_219_200
    /// The latest representable instant, 9999-12-31T23:59:59Z.
    public static let maximumSecondsSinceEpoch: Int64 = 253_402_300_799

    /// The instant with these calendar components; `.invalidTime` unless each is in range
    /// (including the month's length, with Gregorian leap years).
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) throws(X509Error) {
        guard (0...9999).contains(year), (1...12).contains(month),
              (1...UTCDateTime.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { throw .invalidTime }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        let days = UTCDateTime.daysSinceEpoch(year: year, month: month, day: day)
        secondsSinceEpoch = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The instant `secondsSinceEpoch` seconds after 1970-01-01T00:00:00Z; `.invalidTime` outside
    /// years 0–9999.
    public init(secondsSinceEpoch: Int64) throws(X509Error) {
        guard (UTCDateTime.minimumSecondsSinceEpoch...UTCDateTime.maximumSecondsSinceEpoch).contains(secondsSinceEpoch)
        else { throw .invalidTime }
        self.secondsSinceEpoch = secondsSinceEpoch
        // Floor division so instants before the epoch land on the right day.
        let (quotient, remainder) = secondsSinceEpoch.quotientAndRemainder(dividingBy: 86_400)
        let days = remainder < 0 ? quotient - 1 : quotient
        let secondOfDay = Int(remainder < 0 ? remainder + 86_400 : remainder)
        (year, month, day) = UTCDateTime.civilDate(daysSinceEpoch: days)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    /// This instant moved by `seconds` (negative moves back); `.invalidTime` when the result
    /// leaves years 0–9999.
    public func adding(seconds: Int64) throws(X509Error) -> UTCDateTime {
        let (sum, overflow) = secondsSinceEpoch.addingReportingOverflow(seconds)
        guard !overflow else { throw .invalidTime }
        return try UTCDateTime(secondsSinceEpoch: sum)
    }

    public static func < (lhs: UTCDateTime, rhs: UTCDateTime) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    public static func == (lhs: UTCDateTime, rhs: UTCDateTime) -> Bool {
        lhs.secondsSinceEpoch == rhs.secondsSinceEpoch
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(secondsSinceEpoch) }

    /// ISO 8601, e.g. `2026-11-25T09:37:05Z`.
    public var description: String {
        "\(digits(year, 4))-\(digits(month, 2))-\(digits(day, 2))T\(digits(hour, 2)):\(digits(minute, 2)):\(digits(second, 2))Z"
    }

    private func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    // MARK: Calendar arithmetic (proleptic Gregorian, 400-year eras of 146 097 days)

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the given date. Years are counted from March so the leap day is
    /// the last day of the shifted year; the year is shifted up by one era so every quantity
    /// stays non-negative for years 0–9999.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let shiftedYear = (month <= 2 ? year - 1 : year) + 400
        let era = shiftedYear / 400
        let yearOfEra = shiftedYear - era * 400                      // 0...399
        let monthFromMarch = month > 2 ? month - 3 : month + 9       // 0...11
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1     // 0...365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        // 719 468 days from 0000-03-01 to 1970-01-01; one extra era for the shift above.
        return Int64(era * 146_097 + dayOfEra - 719_468 - 146_097)
    }

    /// The date `days` days after 1970-01-01 (the inverse of `daysSinceEpoch`).
    static func civilDate(daysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = Int(days) + 719_468 + 146_097                  // days since 0000-03-01 minus one era
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097                        // 0...146096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 - 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
