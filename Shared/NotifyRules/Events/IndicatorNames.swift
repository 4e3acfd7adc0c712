import Domain

/// Indicator id → Chinese name and program, taken from the catalog once, for the `indicator_name` and `program`
/// fields of metric events.
public struct IndicatorNames: Sendable, Hashable {
    private var entries: [String: (name: String, program: String)]

    /// No names (fields fall back to the indicator id; `program` is empty).
    public init() {
        entries = [:]
    }

    /// The names of `catalog`'s indicators.
    public init(catalog: Catalog) {
        var entries: [String: (name: String, program: String)] = [:]
        for indicator in catalog.indicators {
            entries[indicator.id] = (indicator.nameZh, indicator.program)
        }
        self.entries = entries
    }

    /// The Chinese name of `indicator`, if the catalog has it.
    public func name(of indicator: String) -> String? { entries[indicator]?.name }

    /// The program of `indicator`, if the catalog has it.
    public func program(of indicator: String) -> String? { entries[indicator]?.program }

    /// Equal when the same ids map to the same names and programs.
    public static func == (lhs: IndicatorNames, rhs: IndicatorNames) -> Bool {
        lhs.entries.count == rhs.entries.count && lhs.entries.allSatisfy { key, value in
            rhs.entries[key].map { $0.name == value.name && $0.program == value.program } ?? false
        }
    }

    /// Hashes the number of entries (names are reference data, not identity).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries.count)
    }
}
