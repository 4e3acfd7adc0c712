import Foundation

/// A calendar date without time or time zone (year-month-day), Codable as `"2024-05-01"`.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, e.g. 2024.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31 (checked against the month and leap years).
    public let day: Int

    /// Creates a date, or returns `nil` when the month or day is out of range.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (exactly; surrounding whitespace is trimmed), or returns `nil`.
    public init?(iso text: String) {
        // The common case, `YYYY-MM-DD` exactly, read from the bytes: the general path below trims and splits, and
        // (when it trimmed through Foundation's `NSString` bridge) was ≈ 1.5 µs of every ingest event a follower
        // decodes (docs/performance.md "## Metrics"). `LocalDateTests` compares both paths.
        var fields = (year: 0, month: 0, day: 0)
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return false }
            fields = (year, month, day)
            return true
        }
        if plain == true {
            self.init(year: fields.year, month: fields.month, day: fields.day)
            return
        }
        let parts = UnicodeWhitespace.trimmingWhitespace(text).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The number of days in `month` of `year` (Gregorian calendar).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        default: 0
        }
    }

    /// The date `years` years later (29 February becomes 28 February in a common year).
    public func adding(years: Int) -> LocalDate {
        let target = year + years
        let clampedDay = min(day, LocalDate.daysIn(month: month, year: target))
        return LocalDate(year: target, month: month, day: clampedDay) ?? self
    }

    /// The ISO form `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Orders dates chronologically.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes from a `"YYYY-MM-DD"` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "invalid date \"\(text)\": expected YYYY-MM-DD")
        }
        self = date
    }

    /// Encodes as a `"YYYY-MM-DD"` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
