/// Why a catalog could not be loaded or is inconsistent. Every case names the offending entry.
public enum CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bundled `catalog.json` resource is missing from the module bundle.
    case resourceMissing
    /// A catalog file could not be read.
    case unreadable(path: String, reason: String)
    /// A catalog file is not valid catalog JSON; `location` is the JSON path of the problem.
    case malformed(path: String, location: String, reason: String)
    /// An indicator uses a unit that is not a ``MeasureUnit``.
    case unknownUnit(indicator: String, unit: String)
    /// An indicator uses a kind that is not an ``IndicatorKind``.
    case unknownKind(indicator: String, kind: String)
    /// Two entries of the same list share an id. `list` is `programs`, `indicators` or `subjectKinds`.
    case duplicateID(list: String, id: String)
    /// An id is empty or uses characters other than `a-z 0-9 _ .` (indicators: `family.name`).
    case invalidID(list: String, id: String)
    /// A required text field of an entry is empty.
    case emptyField(list: String, id: String, field: String)
    /// An indicator refers to a program that is not in the catalog.
    case unknownProgram(indicator: String, program: String)
    /// An indicator's unit does not fit its kind (e.g. an amount in 家).
    case unitDoesNotFitKind(indicator: String, unit: MeasureUnit, kind: IndicatorKind)
    /// An indicator has the same target period twice.
    case duplicateTarget(indicator: String, period: String)
    /// Two indicators of the same dimension share a phrase, so a report figure could not be told apart.
    case ambiguousPhrase(phrase: String, indicators: [String])

    /// A message naming the entry and the problem.
    public var description: String {
        switch self {
        case .resourceMissing:
            "catalog: bundled resource catalog.json is missing from the Domain bundle"
        case .unreadable(let path, let reason):
            "catalog \(path): cannot read file: \(reason)"
        case .malformed(let path, let location, let reason):
            "catalog \(path): invalid JSON at \(location): \(reason)"
        case .unknownUnit(let indicator, let unit):
            "catalog: indicator \"\(indicator)\": unknown unit \"\(unit)\" (known: \(MeasureUnit.allCases.map(\.rawValue).joined(separator: " ")))"
        case .unknownKind(let indicator, let kind):
            "catalog: indicator \"\(indicator)\": unknown kind \"\(kind)\" (known: \(IndicatorKind.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .duplicateID(let list, let id):
            "catalog: \(list): duplicate id \"\(id)\""
        case .invalidID(let list, let id):
            "catalog: \(list): invalid id \"\(id)\" (use a-z 0-9 _ and, for indicators, family.name)"
        case .emptyField(let list, let id, let field):
            "catalog: \(list) \"\(id)\": field \(field) is empty"
        case .unknownProgram(let indicator, let program):
            "catalog: indicator \"\(indicator)\": unknown program \"\(program)\""
        case .unitDoesNotFitKind(let indicator, let unit, let kind):
            "catalog: indicator \"\(indicator)\": unit \(unit.rawValue) does not fit kind \(kind.rawValue)"
        case .duplicateTarget(let indicator, let period):
            "catalog: indicator \"\(indicator)\": two targets for period \(period)"
        case .ambiguousPhrase(let phrase, let indicators):
            "catalog: phrase \"\(phrase)\" is shared by indicators \(indicators.joined(separator: ", "))"
        }
    }
}
