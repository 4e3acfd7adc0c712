import Domain
import Foundation

/// One filing as the scoring logic keeps it in memory: every field of ``EnterpriseFiling`` (scoring reads the
/// figures, the high-tech assessment the figures of up to three years and, through the filing checks, every
/// field) in ≈ 160 bytes instead of ≈ 330 — amounts as the bytes of their `Decimal` when its significand fits in
/// 64 bits, counts and the year as 32-bit integers, flags and units as bits; the credit code is the enterprise's.
///
/// ``filing(code:)`` gives back a filing equal to the original in every field, each amount bit for bit (so
/// arithmetic on it and its text are the same). A filing with a figure that does not fit is kept whole.
struct StoredFiling: Sendable {
    /// The bytes of a `Decimal` whose last eight bytes (significand words 5–8) are zero: its first twelve.
    private struct Amount: Sendable {
        var head: UInt32
        var low: UInt32
        var high: UInt32

        static let absent = Amount(head: 0, low: 0, high: 0)

        /// The bytes of `value`, or `nil` when its significand needs more than 64 bits.
        init?(_ value: Decimal) {
            guard MemoryLayout<Decimal>.size == 20 else { return nil }
            let words = withUnsafeBytes(of: value) { raw -> (UInt32, UInt32, UInt32)? in
                guard raw[12..<20].allSatisfy({ $0 == 0 }) else { return nil }
                return (raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self),
                        raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self),
                        raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            }
            guard let words else { return nil }
            self.init(head: words.0, low: words.1, high: words.2)
        }

        private init(head: UInt32, low: UInt32, high: UInt32) {
            self.head = head
            self.low = low
            self.high = high
        }

        /// The `Decimal` with exactly the bytes read.
        var decimal: Decimal {
            var value = Decimal()
            withUnsafeMutableBytes(of: &value) { raw in
                for index in raw.indices { raw[index] = 0 }
                raw.storeBytes(of: head, toByteOffset: 0, as: UInt32.self)
                raw.storeBytes(of: low, toByteOffset: 4, as: UInt32.self)
                raw.storeBytes(of: high, toByteOffset: 8, as: UInt32.self)
            }
            return value
        }
    }

    /// A filing that does not fit the compact form.
    private final class Whole: Sendable {
        let filing: EnterpriseFiling

        init(_ filing: EnterpriseFiling) {
            self.filing = filing
        }
    }

    /// Marks an absent optional count.
    private static let absentCount = Int32.min

    // Amounts, in `EnterpriseFiling`'s order; the unit (or absence) of each is in `bits`.
    private var operatingRevenue = Amount.absent
    private var rdExpense = Amount.absent
    private var rdExpenseDomestic = Amount.absent
    private var highTechRevenue = Amount.absent
    private var netAssets = Amount.absent
    private var techContractTurnover = Amount.absent
    // Counts; `absentCount` when not reported.
    private var totalStaff: Int32 = 0
    private var stStaff: Int32 = 0
    private var rdStaff: Int32 = 0
    private var inventionPatents: Int32 = 0
    private var ipClassI: Int32 = 0
    private var ipClassII: Int32 = 0
    private var scienceProjects: Int32 = 0
    private var storedYear: Int32 = 0
    /// Bits 0–11: each amount's unit (2 bits: 0 absent, 1 元, 2 万元, 3 亿元); 12: hasRDInstitution; 13–16: the
    /// credit flags; 17–19: rdInstitutionLevel (0 absent, else its index + 1); 20–21: aboveScale and 22–23:
    /// industrial (0 absent, 1 false, 2 true).
    private var bits: UInt32 = 0
    /// The name as filed (shared with the enterprise's other filings when equal: ``share(_:)``).
    private(set) var enterpriseName: String
    /// Town or park.
    private(set) var town: String?
    private var awards: [FilingAward] = []
    /// The filing itself when it does not fit the fields above.
    private var whole: Whole?

    /// The filing's year.
    var year: Int { whole?.filing.year ?? Int(storedYear) }

    /// Keeps `filing`.
    init(_ filing: EnterpriseFiling) {
        enterpriseName = filing.enterpriseName
        town = filing.town
        guard let compact = Self.compact(filing) else {
            whole = Whole(filing)
            return
        }
        self = compact
    }

    /// The filing (with `code`, the enterprise's credit code, which every filing of it carries).
    func filing(code: UnifiedSocialCreditCode) -> EnterpriseFiling {
        if let whole { return whole.filing }
        let levels = RecognitionLevel.allCases
        let level = Int(bits >> 17 & 7)
        return EnterpriseFiling(
            year: Int(storedYear), creditCode: code, enterpriseName: enterpriseName,
            operatingRevenue: money(operatingRevenue, 0) ?? .zero, rdExpense: money(rdExpense, 1) ?? .zero,
            rdExpenseDomestic: money(rdExpenseDomestic, 2), totalStaff: Int(totalStaff), stStaff: count(stStaff),
            rdStaff: count(rdStaff), highTechRevenue: money(highTechRevenue, 3), netAssets: money(netAssets, 4),
            inventionPatents: count(inventionPatents), ipClassI: count(ipClassI), ipClassII: count(ipClassII),
            techContractTurnover: money(techContractTurnover, 5), scienceProjects: count(scienceProjects),
            hasRDInstitution: bits & 1 << 12 != 0,
            rdInstitutionLevel: level == 0 ? nil : levels[level - 1], awards: awards,
            creditFlags: CreditFlags(
                seriousDishonesty: bits & 1 << 13 != 0, majorSafetyIncident: bits & 1 << 14 != 0,
                majorQualityIncident: bits & 1 << 15 != 0, environmentalViolation: bits & 1 << 16 != 0),
            aboveScale: Self.flag(bits >> 20 & 3), industrial: Self.flag(bits >> 22 & 3), town: town)
    }

    /// Uses `other`'s strings where they are equal to this filing's, so an enterprise's filings share one copy of
    /// its name (and town) rather than one decoded copy per year.
    mutating func share(_ other: StoredFiling) {
        if other.enterpriseName == enterpriseName { enterpriseName = other.enterpriseName }
        if let town, let theirs = other.town, theirs == town { self.town = theirs }
    }

    // MARK: Packing

    private init(name: String, town: String?) {
        enterpriseName = name
        self.town = town
    }

    /// The compact form, or `nil` when a figure does not fit it.
    private static func compact(_ filing: EnterpriseFiling) -> StoredFiling? {
        var stored = StoredFiling(name: filing.enterpriseName, town: filing.town)
        guard let year = Int32(exactly: filing.year) else { return nil }
        stored.storedYear = year
        let amounts: [Money?] = [
            filing.operatingRevenue, filing.rdExpense, filing.rdExpenseDomestic, filing.highTechRevenue,
            filing.netAssets, filing.techContractTurnover,
        ]
        var packed: [Amount] = []
        for (index, money) in amounts.enumerated() {
            guard let money else {
                packed.append(.absent)
                continue
            }
            guard let amount = Amount(money.amount) else { return nil }
            packed.append(amount)
            stored.bits |= unitCode(money.unit) << (2 * index)
        }
        stored.operatingRevenue = packed[0]
        stored.rdExpense = packed[1]
        stored.rdExpenseDomestic = packed[2]
        stored.highTechRevenue = packed[3]
        stored.netAssets = packed[4]
        stored.techContractTurnover = packed[5]
        guard let totalStaff = Int32(exactly: filing.totalStaff), totalStaff != absentCount else { return nil }
        stored.totalStaff = totalStaff
        let counts = [filing.stStaff, filing.rdStaff, filing.inventionPatents, filing.ipClassI, filing.ipClassII,
                      filing.scienceProjects]
        var packedCounts: [Int32] = []
        for count in counts {
            guard let count else {
                packedCounts.append(absentCount)
                continue
            }
            guard let value = Int32(exactly: count), value != absentCount else { return nil }
            packedCounts.append(value)
        }
        stored.stStaff = packedCounts[0]
        stored.rdStaff = packedCounts[1]
        stored.inventionPatents = packedCounts[2]
        stored.ipClassI = packedCounts[3]
        stored.ipClassII = packedCounts[4]
        stored.scienceProjects = packedCounts[5]
        if filing.hasRDInstitution { stored.bits |= 1 << 12 }
        let flags = filing.creditFlags
        for (offset, set) in [flags.seriousDishonesty, flags.majorSafetyIncident, flags.majorQualityIncident,
                              flags.environmentalViolation].enumerated() where set {
            stored.bits |= 1 << (13 + UInt32(offset))
        }
        if let level = filing.rdInstitutionLevel, let index = RecognitionLevel.allCases.firstIndex(of: level) {
            guard index < 7 else { return nil }
            stored.bits |= UInt32(index + 1) << 17
        }
        stored.bits |= flagCode(filing.aboveScale) << 20 | flagCode(filing.industrial) << 22
        stored.awards = filing.awards
        return stored
    }

    private func money(_ amount: Amount, _ index: Int) -> Money? {
        switch bits >> (2 * index) & 3 {
        case 1: Money(amount.decimal, .yuan)
        case 2: Money(amount.decimal, .wanYuan)
        case 3: Money(amount.decimal, .yiYuan)
        default: nil
        }
    }

    private func count(_ value: Int32) -> Int? {
        value == Self.absentCount ? nil : Int(value)
    }

    private static func unitCode(_ unit: MoneyUnit) -> UInt32 {
        switch unit {
        case .yuan: 1
        case .wanYuan: 2
        case .yiYuan: 3
        }
    }

    private static func flagCode(_ flag: Bool?) -> UInt32 {
        flag.map { $0 ? 2 : 1 } ?? 0
    }

    private static func flag(_ code: UInt32) -> Bool? {
        code == 0 ? nil : code == 2
    }
}
