/// A figure the bureau tracks (e.g. 专项“科技贷”企业库规模), as listed in the catalog.
///
/// Ids are dotted by family (`loan.pool_size`, `loan.granted_amount`) so subscribers can select a family by prefix.
public struct Indicator: Codable, Sendable, Hashable, Identifiable {
    /// Stable identifier, `family.name` in lower-case snake case.
    public var id: String
    /// Chinese name.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// The unit values are kept in.
    public var unit: MeasureUnit
    /// Count, amount, ratio or rank.
    public var kind: IndicatorKind
    /// How values accumulate over time.
    public var aggregation: Aggregation
    /// The id of the ``Program`` the indicator belongs to.
    public var program: String
    /// Optional target values per period.
    public var targets: [IndicatorTarget]
    /// Chinese phrases identifying the indicator in a report; the longest one found in a figure's subject wins
    /// (see ``Catalog/matchIndicator(subject:)``).
    public var phrases: [String]

    /// Creates an indicator.
    public init(
        id: String, nameZh: String, nameEn: String, unit: MeasureUnit, kind: IndicatorKind,
        aggregation: Aggregation, program: String, targets: [IndicatorTarget] = [], phrases: [String]
    ) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.unit = unit
        self.kind = kind
        self.aggregation = aggregation
        self.program = program
        self.targets = targets
        self.phrases = phrases
    }

    /// The family of the indicator: the part of ``id`` before the first dot.
    public var family: String {
        String(id.prefix { $0 != "." })
    }

    /// The target for `period`, if one is set.
    public func target(for period: String) -> IndicatorTarget? {
        targets.first { $0.period == period }
    }

    private enum CodingKeys: String, CodingKey {
        case id, nameZh, nameEn, unit, kind, aggregation, program, targets, phrases
    }

    /// Decodes an indicator; an unknown unit or kind throws a ``CatalogError`` naming the indicator.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        nameZh = try container.decode(String.self, forKey: .nameZh)
        nameEn = try container.decode(String.self, forKey: .nameEn)
        let unitSymbol = try container.decode(String.self, forKey: .unit)
        guard let unit = MeasureUnit(symbol: unitSymbol) else {
            throw CatalogError.unknownUnit(indicator: id, unit: unitSymbol)
        }
        self.unit = unit
        let kindName = try container.decode(String.self, forKey: .kind)
        guard let kind = IndicatorKind(rawValue: kindName) else {
            throw CatalogError.unknownKind(indicator: id, kind: kindName)
        }
        self.kind = kind
        aggregation = try container.decode(Aggregation.self, forKey: .aggregation)
        program = try container.decode(String.self, forKey: .program)
        targets = try container.decodeIfPresent([IndicatorTarget].self, forKey: .targets) ?? []
        phrases = try container.decodeIfPresent([String].self, forKey: .phrases) ?? []
    }
}
