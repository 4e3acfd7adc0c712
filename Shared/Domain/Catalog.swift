import Foundation

/// The bureau's programs, indicators and innovation-subject kinds: data loaded from JSON, not code.
///
/// The bundled `catalog.json` describes Zhangjiagang; a county replaces or extends it with its own file
/// (``load(from:)`` then ``merged(with:)``) without rebuilding. Always ``validate()`` the catalog in use.
public struct Catalog: Codable, Sendable, Hashable {
    /// The kinds of innovation subject the county grades.
    public var subjectKinds: [InnovationSubjectKind]
    /// The programs.
    public var programs: [Program]
    /// The indicators.
    public var indicators: [Indicator] {
        didSet { matcherCache = IndicatorMatcherCache() }
    }
    /// The lazily built phrase index behind ``matchIndicator(subject:unit:)``; replaced whenever `indicators` changes.
    private var matcherCache = IndicatorMatcherCache()

    /// Creates a catalog.
    public init(subjectKinds: [InnovationSubjectKind] = [], programs: [Program] = [], indicators: [Indicator] = []) {
        self.subjectKinds = subjectKinds
        self.programs = programs
        self.indicators = indicators
    }

    /// Catalogs are equal when their subject kinds, programs and indicators are.
    public static func == (lhs: Catalog, rhs: Catalog) -> Bool {
        lhs.subjectKinds == rhs.subjectKinds && lhs.programs == rhs.programs && lhs.indicators == rhs.indicators
    }

    /// Hashes the subject kinds, programs and indicators.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(subjectKinds)
        hasher.combine(programs)
        hasher.combine(indicators)
    }

    private enum CodingKeys: String, CodingKey {
        case subjectKinds, programs, indicators
    }

    /// Decodes a catalog; every list may be omitted (an override file lists only what it changes).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        subjectKinds = try container.decodeIfPresent([InnovationSubjectKind].self, forKey: .subjectKinds) ?? []
        programs = try container.decodeIfPresent([Program].self, forKey: .programs) ?? []
        indicators = try container.decodeIfPresent([Indicator].self, forKey: .indicators) ?? []
    }

    // MARK: Loading

    /// The catalog bundled with the Domain module (`Resources/catalog.json`), validated.
    public static func bundled() throws(CatalogError) -> Catalog {
        guard let url = Bundle.module.url(forResource: "catalog", withExtension: "json") else {
            throw CatalogError.resourceMissing
        }
        let catalog = try load(from: url)
        try catalog.validate()
        return catalog
    }

    /// The catalog a service starts with: the bundled one, merged with the county's file at `overrideURL`
    /// when one is given, then validated.
    public static func bundled(mergingOverrideAt overrideURL: URL?) throws(CatalogError) -> Catalog {
        guard let overrideURL else { return try bundled() }
        guard let url = Bundle.module.url(forResource: "catalog", withExtension: "json") else {
            throw CatalogError.resourceMissing
        }
        let merged = try load(from: url).merged(with: load(from: overrideURL))
        try merged.validate()
        return merged
    }

    /// Reads a catalog file without validating it (an override file alone may refer to programs of the base).
    public static func load(from url: URL) throws(CatalogError) -> Catalog {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CatalogError.unreadable(path: url.path, reason: "\(error.localizedDescription)")
        }
        return try decode(data, path: url.path)
    }

    /// Decodes catalog JSON without validating it; `path` names the source in errors.
    public static func decode(_ data: Data, path: String = "<data>") throws(CatalogError) -> Catalog {
        do {
            return try JSONDecoder().decode(Catalog.self, from: data)
        } catch let error as CatalogError {
            throw error
        } catch let error as DecodingError {
            let (location, reason) = describe(error)
            throw CatalogError.malformed(path: path, location: location, reason: reason)
        } catch {
            throw CatalogError.malformed(path: path, location: "$", reason: "\(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> (location: String, reason: String) {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("$") { partial, key in
                if let index = key.intValue { return "\(partial)[\(index)]" }
                return "\(partial).\(key.stringValue)"
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "missing field \"\(key.stringValue)\"")
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "missing \(type) value")
        case .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription)
        @unknown default:
            return ("$", "\(error)")
        }
    }

    // MARK: Merging

    /// This catalog with `override` applied: entries with an id already present are replaced in place,
    /// new entries are appended in the override's order.
    public func merged(with override: Catalog) -> Catalog {
        Catalog(
            subjectKinds: Catalog.merge(subjectKinds, override.subjectKinds),
            programs: Catalog.merge(programs, override.programs),
            indicators: Catalog.merge(indicators, override.indicators))
    }

    private static func merge<Entry: Identifiable>(_ base: [Entry], _ override: [Entry]) -> [Entry]
    where Entry.ID == String {
        var result = base
        var position: [String: Int] = [:]
        for (index, entry) in base.enumerated() where position[entry.id] == nil {
            position[entry.id] = index
        }
        for entry in override {
            if let index = position[entry.id] {
                result[index] = entry
            } else {
                position[entry.id] = result.count
                result.append(entry)
            }
        }
        return result
    }

    // MARK: Validation

    /// Checks the catalog: ids unique and well-formed, names non-empty, every indicator's program known,
    /// units fitting kinds, target periods unique, no phrase shared by two indicators of one dimension.
    /// Throws the first problem found, naming the entry.
    public func validate() throws(CatalogError) {
        var seen = Set<String>()
        for kind in subjectKinds {
            try Catalog.checkID(kind.id, list: "subjectKinds", dotted: false)
            guard seen.insert(kind.id).inserted else { throw .duplicateID(list: "subjectKinds", id: kind.id) }
            try Catalog.checkNames(list: "subjectKinds", id: kind.id, nameZh: kind.nameZh, nameEn: kind.nameEn)
        }
        seen = []
        for program in programs {
            try Catalog.checkID(program.id, list: "programs", dotted: false)
            guard seen.insert(program.id).inserted else { throw .duplicateID(list: "programs", id: program.id) }
            try Catalog.checkNames(list: "programs", id: program.id, nameZh: program.nameZh, nameEn: program.nameEn)
        }
        let programIDs = seen
        seen = []
        var phraseOwners: [String: String] = [:]
        for indicator in indicators {
            try Catalog.checkID(indicator.id, list: "indicators", dotted: true)
            guard seen.insert(indicator.id).inserted else { throw .duplicateID(list: "indicators", id: indicator.id) }
            try Catalog.checkNames(
                list: "indicators", id: indicator.id, nameZh: indicator.nameZh, nameEn: indicator.nameEn)
            guard programIDs.contains(indicator.program) else {
                throw .unknownProgram(indicator: indicator.id, program: indicator.program)
            }
            guard indicator.kind.accepts(indicator.unit) else {
                throw .unitDoesNotFitKind(indicator: indicator.id, unit: indicator.unit, kind: indicator.kind)
            }
            var periods = Set<String>()
            for target in indicator.targets {
                guard !target.period.isEmpty else {
                    throw .emptyField(list: "indicators", id: indicator.id, field: "targets.period")
                }
                guard periods.insert(target.period).inserted else {
                    throw .duplicateTarget(indicator: indicator.id, period: target.period)
                }
            }
            for phrase in indicator.phrases {
                let normalized = PhraseText.normalize(phrase)
                guard !normalized.isEmpty else {
                    throw .emptyField(list: "indicators", id: indicator.id, field: "phrases")
                }
                let key = "\(indicator.unit.dimension.rawValue)|\(normalized)"
                if let owner = phraseOwners[key], owner != indicator.id {
                    throw .ambiguousPhrase(phrase: phrase, indicators: [owner, indicator.id])
                }
                phraseOwners[key] = indicator.id
            }
        }
    }

    private static func checkID(_ id: String, list: String, dotted: Bool) throws(CatalogError) {
        let segments = id.split(separator: ".", omittingEmptySubsequences: false)
        let wellFormed = !id.isEmpty
            && segments.allSatisfy { segment in
                !segment.isEmpty && segment.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
                }
            }
            && (dotted ? segments.count >= 2 : segments.count == 1)
        guard wellFormed else { throw .invalidID(list: list, id: id) }
    }

    private static func checkNames(list: String, id: String, nameZh: String, nameEn: String) throws(CatalogError) {
        if UnicodeWhitespace.isBlank(nameZh) {
            throw .emptyField(list: list, id: id, field: "nameZh")
        }
        if UnicodeWhitespace.isBlank(nameEn) {
            throw .emptyField(list: list, id: id, field: "nameEn")
        }
    }

    // MARK: Lookups

    /// The indicator with `id`, if any.
    public func indicator(id: String) -> Indicator? {
        indicators.first { $0.id == id }
    }

    /// The program with `id`, if any.
    public func program(id: String) -> Program? {
        programs.first { $0.id == id }
    }

    /// The subject kind with `id`, if any.
    public func subjectKind(id: String) -> InnovationSubjectKind? {
        subjectKinds.first { $0.id == id }
    }

    /// The indicators of `program`, in catalog order.
    public func indicators(ofProgram program: String) -> [Indicator] {
        indicators.filter { $0.program == program }
    }

    /// The indicators whose id starts with `prefix` (e.g. `"loan."`), in catalog order.
    public func indicators(withPrefix prefix: String) -> [Indicator] {
        indicators.filter { $0.id.hasPrefix(prefix) }
    }

    /// The indicator whose phrases best recognise a report subject (see ``matchIndicator(subject:unit:)``).
    public func matchIndicator(subject: String) -> Indicator? {
        matchIndicator(subject: subject, unit: nil)
    }

    /// The indicator whose phrases best recognise `subject`: the indicator owning the longest phrase contained
    /// in the subject wins; ties go to the indicator matching more phrase text, then to catalog order.
    /// Whitespace, line breaks and quotation marks are ignored on both sides (see ``PhraseText/normalize(_:)``).
    /// When `unit` is given, only indicators of the same ``MeasureDimension`` compete, so "83家 … 2.88亿元"
    /// maps the count and the amount to different indicators.
    public func matchIndicator(subject: String, unit: MeasureUnit?) -> Indicator? {
        indicatorMatcher.match(subject: subject, unit: unit)
    }

    /// The catalog's indicator phrases, normalised once: built on first use and cached with this catalog value
    /// (rebuilt after `indicators` changes). Keep it to match many subjects without going through the catalog.
    public var indicatorMatcher: IndicatorMatcher {
        matcherCache.matcher(for: indicators)
    }
}

extension Catalog {
    /// The earliest year a filing, program event, report or subject record may be dated: the catalog's plausible
    /// window is `earliestYear …` the current year (China Standard Time). No indicator of the catalog predates the
    /// founding of the People's Republic; years such as `-5`, `0` or `100` are typing errors, and would become metric
    /// periods forever once accepted into the ingest stream.
    public static let earliestYear = 1949
}
