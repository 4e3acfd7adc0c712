import Foundation

/// Sign, significand and exponent of a `Decimal` whose significand fits in 64 bits, read straight from the value's
/// bytes — for fast paths that must stay exact (``JSONDecimal`` text, ordering keys in rankings).
///
/// Why our own: swift-foundation's `Decimal` keeps its fields internal, and its arithmetic, comparison and
/// formatting go through variable-length integers (measured: formatting 11 %, comparisons and ranking a fifth of
/// the scoring catch-up CPU, docs/performance.md). The layout read here is checked once per process against
/// `description` on probe values (``layoutUnderstood``); where it does not match, ``init(_:)`` always answers
/// `nil` and callers take Foundation's path.
public struct DecimalParts: Equatable, Sendable {
    /// Whether the value is negative.
    public var negative: Bool
    /// The significand (0 for zero).
    public var significand: UInt64
    /// The power of ten the significand is multiplied by.
    public var exponent: Int

    /// Creates parts directly.
    public init(negative: Bool, significand: UInt64, exponent: Int) {
        self.negative = negative
        self.significand = significand
        self.exponent = exponent
    }

    /// The parts of `value`, or `nil` for NaN, significands longer than 64 bits, or when this process's `Decimal`
    /// layout is not the one understood.
    public init?(_ value: Decimal) {
        guard Self.layoutUnderstood, let parts = Self.read(value) else { return nil }
        self = parts
    }

    /// Reads the fields from the bytes: the exponent (a signed byte), the length in 16-bit words (high four bits of
    /// the second byte), the sign (bit 3 of it), and little-endian 16-bit significand words from byte 4.
    static func read(_ value: Decimal) -> DecimalParts? {
        withUnsafeBytes(of: value) { raw -> DecimalParts? in
            guard raw.count == 20 else { return nil }
            let flags = raw[1]
            let length = Int(flags >> 4)
            let negative = flags & 0x08 != 0
            if length == 0 { return negative ? nil : DecimalParts(negative: false, significand: 0, exponent: 0) }
            guard length <= 4 else { return nil }
            var significand: UInt64 = 0
            for word in stride(from: length - 1, through: 0, by: -1) {
                let low = UInt64(raw[4 + 2 * word]), high = UInt64(raw[5 + 2 * word])
                significand = significand << 16 | high << 8 | low
            }
            return DecimalParts(negative: negative, significand: significand, exponent: Int(Int8(bitPattern: raw[0])))
        }
    }

    /// The value's text as `description` spells it: the digits, zeros appended for a positive exponent, a point
    /// placed (with leading `0.` and zeros when needed) for a negative one; trailing fraction zeros kept.
    public func write(to out: inout [UInt8]) {
        if significand == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        // The (at most 20) digits are written backwards into a stack buffer: an array per value was a heap
        // allocation for every amount written.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var start = buffer.count
            var rest = significand
            while rest > 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            Self.place(
                UnsafeBufferPointer(rebasing: buffer[start...]), negative: negative, exponent: exponent, to: &out)
        }
    }

    /// Writes the text of `value` when its significand needs more than 64 bits (up to the 128 a `Decimal` holds:
    /// 38-digit quotients such as 7 ÷ 51), as `description` spells it; `false` (nothing written) for NaN, short
    /// significands (``init(_:)`` covers those) or a layout not understood.
    ///
    /// Why: such quotients (the high-tech assessment's ratios) took `description` and were a third of that
    /// message's encoding cost (`envelope.step.hightech.encode.streaming`, docs/performance.md).
    public static func writeWide(_ value: Decimal, to out: inout [UInt8]) -> Bool {
        layoutUnderstood && writeWideUnchecked(value, to: &out)
    }

    /// ``writeWide(_:to:)`` without the layout check (which itself uses it on a probe).
    private static func writeWideUnchecked(_ value: Decimal, to out: inout [UInt8]) -> Bool {
        let read = withUnsafeBytes(of: value) { raw -> (Bool, UInt128, Int)? in
            guard raw.count == 20 else { return nil }
            let flags = raw[1]
            let length = Int(flags >> 4)
            guard length > 4, length <= 8 else { return nil }
            var significand: UInt128 = 0
            for word in stride(from: length - 1, through: 0, by: -1) {
                let low = UInt128(raw[4 + 2 * word]), high = UInt128(raw[5 + 2 * word])
                significand = significand << 16 | high << 8 | low
            }
            return (flags & 0x08 != 0, significand, Int(Int8(bitPattern: raw[0])))
        }
        guard let (negative, significand, exponent) = read else { return false }
        // Base 10^19 chunks, most significant first: one 128-bit division per 19 digits instead of one per digit.
        let chunk: UInt128 = 10_000_000_000_000_000_000
        var chunks: [UInt64] = []
        var rest = significand
        while rest >= chunk {
            chunks.append(UInt64(rest % chunk))
            rest /= chunk
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(40)
        appendDigits(of: UInt64(rest), to: &digits, width: 0)
        for part in chunks.reversed() { appendDigits(of: part, to: &digits, width: 19) }
        digits.withUnsafeBufferPointer { place($0, negative: negative, exponent: exponent, to: &out) }
        return true
    }

    /// Appends the decimal digits of `value`, left-padded with zeros to `width`.
    private static func appendDigits(of value: UInt64, to digits: inout [UInt8], width: Int) {
        let start = digits.count
        var rest = value
        while rest > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        while digits.count - start < width { digits.append(UInt8(ascii: "0")) }
        digits[start...].reverse()
    }

    /// Writes `digits` (a non-zero significand) scaled by 10^`exponent`.
    private static func place(
        _ digits: UnsafeBufferPointer<UInt8>, negative: Bool, exponent: Int, to out: inout [UInt8]
    ) {
        if negative { out.append(UInt8(ascii: "-")) }
        if exponent >= 0 {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: exponent))
            return
        }
        let fraction = -exponent
        if digits.count > fraction {
            out.append(contentsOf: digits[..<(digits.count - fraction)])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[(digits.count - fraction)...])
        } else {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: fraction - digits.count))
            out.append(contentsOf: digits)
        }
    }

    /// The value times 10^20 as an integer, when that is exact and fits (exponent at least −20): an order-preserving
    /// key for exact comparisons (``Scoring`` rankings). `nil` otherwise.
    public var scaledBy1e20: Int128? {
        guard exponent >= -20 else { return nil }
        var scaled = Int128(significand)
        for _ in 0..<(exponent + 20) {
            let (product, overflow) = scaled.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            scaled = product
        }
        return negative ? -scaled : scaled
    }

    /// Whether this process's `Decimal` has the byte layout ``read(_:)`` expects: checked once against
    /// `description` on probe values covering sign, exponents and multi-word significands.
    public static let layoutUnderstood: Bool = {
        let probes = ["0", "1", "-1", "1.5", "-0.00012", "1234.5678", "65536", "100", "1e20",
                      "18446744073709551615", "-0.000000000000000000000000000000001"]
        for probe in probes {
            guard let value = Decimal(string: probe, locale: Locale(identifier: "en_US_POSIX")),
                  let parts = read(value) else { return false }
            var out: [UInt8] = []
            parts.write(to: &out)
            guard String(decoding: out, as: UTF8.self) == value.description else { return false }
        }
        // A 30-digit significand is longer than four words: it must not be read as a short one, and the wide
        // reader must spell it (and a 38-digit quotient) like `description`.
        for wide in ["123456789012345678901234567890", "-0.00000123456789012345678901234567890123"] {
            guard let value = Decimal(string: wide, locale: Locale(identifier: "en_US_POSIX")), read(value) == nil
            else { return false }
            var out: [UInt8] = []
            guard writeWideUnchecked(value, to: &out), String(decoding: out, as: UTF8.self) == value.description
            else { return false }
        }
        var third: [UInt8] = []
        let quotient = Decimal(1) / Decimal(3)
        return writeWideUnchecked(quotient, to: &third) && String(decoding: third, as: UTF8.self) == quotient.description
    }()
}
