import Domain
import Foundation
import YAMLReading
import Yams

/// Builds a ``ScoringScheme`` from a composed YAML document, validating as it goes and recording every problem.
/// Used by ``SchemeLoader``.
struct SchemeParser {
    var reader: SchemeNodeReader
    let vocabulary: SchemeVocabulary
    /// The subject kind, once known to be in the catalog (inputs are checked against it).
    var kind: String?
    /// The ids of the stages declared (weights per stage must name exactly these).
    var stageIDs: [String] = []
    /// Whether every stage's id was read (weights per stage are checked against the ids only then).
    var stagesValid = true

    static let rootKeys = [
        "id", "version", "nameZh", "nameEn", "subjectKind", "example", "note", "scale", "precision", "stages",
        "categories", "negative", "deductionCap", "cohort", "grades",
    ]

    init(file: String, vocabulary: SchemeVocabulary) {
        self.reader = SchemeNodeReader(file: file)
        self.vocabulary = vocabulary
    }

    /// The scheme, or `nil` when any problem was found (see `reader.errors`).
    mutating func parse(_ root: Node) -> ScoringScheme? {
        guard let document = reader.mapping(root, "", allowed: SchemeParser.rootKeys) else { return nil }
        let id = reader.required(document, "id").flatMap { reader.id($0, "id") }
        let version = reader.required(document, "version").flatMap { parseVersion($0) }
        let nameZh = reader.required(document, "nameZh").flatMap { reader.nonEmptyText($0, "nameZh") }
        let nameEn = reader.required(document, "nameEn").flatMap { reader.nonEmptyText($0, "nameEn") }
        let subjectKind = reader.required(document, "subjectKind").flatMap { parseSubjectKind($0) }
        let isExample = document["example"].flatMap { reader.bool($0, "example") } ?? false
        let note = document["note"].flatMap { reader.text($0, "note") } ?? ""
        let scaleNode = reader.required(document, "scale")
        let scale = scaleNode.flatMap { parseScale($0) }
        let precision = document["precision"].flatMap { parsePrecision($0) } ?? 2
        let stages = document["stages"].map { parseStages($0) } ?? []
        let categories = reader.required(document, "categories").flatMap { parseCategories($0) }
        let negatives = document["negative"].map { parseNegatives($0) } ?? []
        let deductionCap = document["deductionCap"].flatMap {
            reader.nonNegative($0, "deductionCap", field: "deductionCap")
        }
        let cohort = document["cohort"].flatMap { parseCohort($0, hasStages: !stages.isEmpty) } ?? .everyone
        let grades = document["grades"].flatMap { parseGrades($0) } ?? SchemeGrades()
        if let categories, let scale, let scaleNode {
            checkSums(categories, scale: scale, scaleNode: scaleNode)
        }
        guard reader.errors.isEmpty, let id, let version, let nameZh, let nameEn, let subjectKind, let scale,
              let categories
        else { return nil }
        return ScoringScheme(
            id: id, version: version, nameZh: nameZh, nameEn: nameEn, subjectKind: subjectKind,
            isExample: isExample, note: note, scale: scale, precision: precision, stages: stages,
            categories: categories.compactMap(\.category), negatives: negatives, deductionCap: deductionCap,
            cohort: cohort, grades: grades, file: reader.file)
    }

    // MARK: Header

    private mutating func parseVersion(_ node: Node) -> Int? {
        guard let version = reader.integer(node, "version") else { return nil }
        guard version >= 1 else {
            reader.report(.outOfRange(field: "version", value: Decimal(version), allowed: "1 or more"), at: node, "version")
            return nil
        }
        return version
    }

    private mutating func parseSubjectKind(_ node: Node) -> String? {
        guard let text = reader.text(node, "subjectKind") else { return nil }
        guard vocabulary.subjectKind(text) != nil else {
            reader.report(
                .unknownSubjectKind(text, known: vocabulary.subjectKinds.map(\.id)), at: node, "subjectKind")
            return nil
        }
        kind = text
        return text
    }

    private mutating func parsePrecision(_ node: Node) -> Int? {
        guard let precision = reader.integer(node, "precision") else { return nil }
        guard (0...10).contains(precision) else {
            reader.report(
                .outOfRange(field: "precision", value: Decimal(precision), allowed: "0…10"), at: node, "precision")
            return nil
        }
        return precision
    }

    private mutating func parseScale(_ node: Node) -> SchemeScale? {
        if case .scalar(let scalar) = node {
            if scalar.string == "open" { return .open }
            guard let points = DecimalText.parse(scalar.string.replacingOccurrences(of: "_", with: "")) else {
                reader.report(.invalidScale(scalar.string), at: node, "scale")
                return nil
            }
            guard points > 0 else {
                reader.report(.outOfRange(field: "scale", value: points, allowed: "above 0"), at: node, "scale")
                return nil
            }
            return .closed(points)
        }
        guard let mapping = reader.mapping(node, "scale", allowed: ["base", "bonusCap", "max"]) else { return nil }
        var base: Decimal?
        var valid = true
        if let baseNode = mapping["base"] {
            if case .scalar(let scalar) = baseNode, scalar.string == "open" {
                base = nil
            } else if let value = reader.nonNegative(baseNode, "scale.base", field: "scale.base") {
                base = value
            } else {
                valid = false
            }
        }
        let bonusCap = mapping["bonusCap"].flatMap { reader.nonNegative($0, "scale.bonusCap", field: "scale.bonusCap") }
        let maxNode = mapping["max"]
        let max = maxNode.flatMap { reader.nonNegative($0, "scale.max", field: "scale.max") }
        if let max, let base, max < base {
            reader.report(.maxBelowBase(max: max, base: base), at: maxNode, "scale.max")
            valid = false
        }
        return valid ? SchemeScale(base: base, bonusCap: bonusCap, max: max) : nil
    }

    // MARK: Stages

    private mutating func parseStages(_ node: Node) -> [SchemeStage] {
        guard let items = reader.sequence(node, "stages") else {
            stagesValid = false
            return []
        }
        guard !items.isEmpty else {
            reader.report(.emptyList("stages"), at: node, "stages")
            stagesValid = false
            return []
        }
        var stages: [SchemeStage] = []
        var ids: [String] = []
        for (index, item) in items.enumerated() {
            guard let entry = reader.mapping(item, "stages[\(index)]", allowed: ["id", "nameZh", "nameEn", "when"]),
                  let id = identify(entry, list: "stages", index: index, seen: ids)
            else {
                stagesValid = false
                continue
            }
            ids.append(id)
            let location = "stages.\(id)"
            let mapping = entry.relocated(to: location)
            let nameZh = reader.required(mapping, "nameZh").flatMap { reader.nonEmptyText($0, "\(location).nameZh") }
            let nameEn = reader.required(mapping, "nameEn").flatMap { reader.nonEmptyText($0, "\(location).nameEn") }
            var conditions: [StageCondition] = []
            if let whenNode = mapping["when"],
               let when = reader.mapping(whenNode, "\(location).when", allowed: nil) {
                for entry in when.entries {
                    let place = "\(location).when.\(entry.key)"
                    checkInput(entry.key, at: entry.keyNode, place)
                    if let range = parseRange(entry.value, place) {
                        conditions.append(StageCondition(input: entry.key, range: range))
                    }
                }
            }
            if let nameZh, let nameEn {
                stages.append(SchemeStage(id: id, nameZh: nameZh, nameEn: nameEn, conditions: conditions))
            }
        }
        stageIDs = ids
        return stages
    }

    // MARK: Shared pieces

    /// Reads the required `id` of a list entry, reporting duplicates; `seen` are the ids before it in `list`;
    /// `listLocation` is where the entry's list is (by default `list`).
    mutating func identify(
        _ mapping: SchemeNodeReader.Mapping, list: String, in listLocation: String? = nil, index: Int, seen: [String]
    ) -> String? {
        let place = listLocation ?? list
        guard let node = reader.required(mapping, "id"), let id = reader.id(node, "\(place)[\(index)].id") else {
            return nil
        }
        guard !seen.contains(id) else {
            reader.report(.duplicateID(id, list: list), at: node, "\(place)[\(index)].id")
            return nil
        }
        return id
    }

    /// A `{min, below}` range; either end may be left out.
    mutating func parseRange(_ node: Node, _ location: String) -> ValueBand? {
        guard let mapping = reader.mapping(node, location, allowed: ["min", "below"]) else { return nil }
        return range(of: mapping)
    }

    /// The `min` / `below` fields of `mapping` as a range, or `nil` (reported) when unreadable or empty.
    mutating func range(of mapping: SchemeNodeReader.Mapping) -> ValueBand? {
        var valid = true
        var min: Decimal?
        var below: Decimal?
        if let node = mapping["min"] {
            min = reader.decimal(node, mapping.location(of: "min"))
            valid = valid && min != nil
        }
        if let node = mapping["below"] {
            below = reader.decimal(node, mapping.location(of: "below"))
            valid = valid && below != nil
        }
        if let min, let below, min >= below {
            reader.report(.emptyBand(min: min, below: below), at: mapping.node, mapping.location)
            return nil
        }
        return valid ? ValueBand(min: min, below: below) : nil
    }

    /// Reports `name` when the scheme's subject kind does not provide it.
    mutating func checkInput(_ name: String, at node: Node, _ location: String) {
        guard let kind, !vocabulary.knows(input: name, kind: kind) else { return }
        reader.report(.unknownInput(name, kind: kind), at: node, location)
    }

    /// A source written as `name`, `name * f`, `a / b` or `a / b * f`, whose inputs the subject kind provides.
    mutating func parseSource(_ node: Node, _ location: String) -> IndicatorSource? {
        guard let text = reader.text(node, location) else { return nil }
        guard let source = IndicatorSource(parsing: text) else {
            reader.report(.invalidSource(text), at: node, location)
            return nil
        }
        let errorsBefore = reader.errors.count
        for input in source.inputs {
            checkInput(input, at: node, location)
        }
        return reader.errors.count == errorsBefore ? source : nil
    }
}
