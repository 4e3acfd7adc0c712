import Domain
import Foundation

/// The thresholds of the hard conditions. The defaults (``rules2016``) are the public 2016 figures; they are
/// values, not constants, so a revision of the rules is a new value rather than a code change.
public struct HighTechCriteria: Codable, Sendable, Hashable {
    /// Minimum full years registered at the assessment date (1).
    public var minimumYearsRegistered: Int
    /// Minimum S&T staff ÷ total staff of the latest year, percent (10).
    public var minimumSTStaffPercent: Decimal
    /// R&D ratio bands by latest-year sales, lowest sales first; the last band should be open (`salesUpTo` nil).
    public var rdBands: [HighTechRDBand]
    /// Minimum share of R&D expense spent in China over the period, percent (60).
    public var minimumDomesticRDPercent: Decimal
    /// Minimum high-tech product/service revenue ÷ revenue of the latest year, percent (60).
    public var minimumHighTechRevenuePercent: Decimal
    /// How many accounting years the period covers (3); fewer when the enterprise is younger.
    public var periodYears: Int
    /// Whether 严重失信 (serious dishonesty) fails the incident condition like a major incident (true: the
    /// joint-punishment lists bar recognition).
    public var seriousDishonestyBlocks: Bool

    /// Creates criteria; every parameter defaults to the 2016 rules.
    public init(
        minimumYearsRegistered: Int = 1,
        minimumSTStaffPercent: Decimal = 10,
        rdBands: [HighTechRDBand] = HighTechCriteria.rdBands2016,
        minimumDomesticRDPercent: Decimal = 60,
        minimumHighTechRevenuePercent: Decimal = 60,
        periodYears: Int = 3,
        seriousDishonestyBlocks: Bool = true
    ) {
        self.minimumYearsRegistered = minimumYearsRegistered
        self.minimumSTStaffPercent = minimumSTStaffPercent
        self.rdBands = rdBands
        self.minimumDomesticRDPercent = minimumDomesticRDPercent
        self.minimumHighTechRevenuePercent = minimumHighTechRevenuePercent
        self.periodYears = periodYears
        self.seriousDishonestyBlocks = seriousDishonestyBlocks
    }

    /// The 2016 R&D bands: ≤ ¥50 M → 5 %, ≤ ¥200 M → 4 %, above → 3 %.
    public static let rdBands2016: [HighTechRDBand] = [
        HighTechRDBand(salesUpTo: Money(5_000, .wanYuan), minimumPercent: 5),
        HighTechRDBand(salesUpTo: Money(2, .yiYuan), minimumPercent: 4),
        HighTechRDBand(salesUpTo: nil, minimumPercent: 3),
    ]

    /// The 2016 rules (国科发火〔2016〕32号 / 195号).
    public static let rules2016 = HighTechCriteria()

    /// The band for latest-year `sales`: the first band, from the lowest, that admits it.
    public func rdBand(forSales sales: Money) -> HighTechRDBand? {
        rdBands.first { $0.admits(sales) }
    }

    /// Every reason the criteria are unusable (empty when sound).
    func problems() -> [String] {
        var problems: [String] = []
        let percents: [(String, Decimal)] = [
            ("minimumSTStaffPercent", minimumSTStaffPercent),
            ("minimumDomesticRDPercent", minimumDomesticRDPercent),
            ("minimumHighTechRevenuePercent", minimumHighTechRevenuePercent),
        ] + rdBands.enumerated().map { ("rdBands[\($0.offset)].minimumPercent", $0.element.minimumPercent) }
        for (name, value) in percents where !(value > 0 && value < 100) {
            problems.append("\(name) must be above 0 and below 100, got \(DecimalText.string(value))")
        }
        if minimumYearsRegistered < 0 { problems.append("minimumYearsRegistered must not be negative") }
        if periodYears < 1 { problems.append("periodYears must be at least 1") }
        if rdBands.last?.salesUpTo != nil { problems.append("rdBands must end with an open band (salesUpTo nil)") }
        let bounds = rdBands.compactMap(\.salesUpTo)
        if bounds != bounds.sorted() || Set(bounds.map(\.yuan)).count != bounds.count {
            problems.append("rdBands must be in increasing order of salesUpTo")
        }
        return problems
    }
}
