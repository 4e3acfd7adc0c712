import Domain
import Foundation
import YAMLReading
import Yams

extension SchemeParser {
    // MARK: Cohort

    mutating func parseCohort(_ node: Node, hasStages: Bool) -> CohortDefinition? {
        guard let mapping = reader.mapping(node, "cohort", allowed: ["by", "revenueBands"]) else { return nil }
        let errorsBefore = reader.errors.count
        var revenueSource: String?
        var revenueBands: [SchemeBand] = []
        if let bandsNode = mapping["revenueBands"],
           let revenue = reader.mapping(bandsNode, "cohort.revenueBands", allowed: ["source", "bands"]) {
            if let sourceNode = reader.required(revenue, "source"),
               let source = reader.text(sourceNode, "cohort.revenueBands.source") {
                checkInput(source, at: sourceNode, "cohort.revenueBands.source")
                revenueSource = source
            }
            if let listNode = reader.required(revenue, "bands") {
                revenueBands = parseNamedBands(listNode, "cohort.revenueBands.bands", descending: false)
            }
        }
        var dimensions: [CohortDimension] = []
        if let byNode = mapping["by"], let items = reader.sequence(byNode, "cohort.by") {
            let known = ["stage", "revenueBand"] + vocabulary.attributes
            for item in items {
                guard let name = reader.text(item, "cohort.by") else { continue }
                let dimension: CohortDimension
                switch name {
                case "stage":
                    dimension = .stage
                    if !hasStages && stagesValid { reader.report(.cohortNeedsStages, at: item, "cohort.by") }
                case "revenueBand":
                    dimension = .revenueBand
                    if mapping["revenueBands"] == nil { reader.report(.cohortNeedsRevenueBands, at: item, "cohort.by") }
                default:
                    guard vocabulary.attributes.contains(name) else {
                        reader.report(.unknownCohortDimension(name, known: known), at: item, "cohort.by")
                        continue
                    }
                    dimension = .attribute(name)
                }
                guard !dimensions.contains(dimension) else {
                    reader.report(.duplicateCohortDimension(name), at: item, "cohort.by")
                    continue
                }
                dimensions.append(dimension)
            }
        }
        guard reader.errors.count == errorsBefore else { return nil }
        return CohortDefinition(dimensions: dimensions, revenueSource: revenueSource, revenueBands: revenueBands)
    }

    // MARK: Grades

    mutating func parseGrades(_ node: Node) -> SchemeGrades? {
        guard let mapping = reader.mapping(node, "grades", allowed: ["bands", "tiers"]) else { return nil }
        let errorsBefore = reader.errors.count
        let bands = mapping["bands"].map { parseNamedBands($0, "grades.bands", descending: true) } ?? []
        var tiers: [PercentileTier] = []
        if let tiersNode = mapping["tiers"], let items = reader.sequence(tiersNode, "grades.tiers") {
            for (index, item) in items.enumerated() {
                let allowed = ["id", "nameZh", "nameEn", "topPercent"]
                guard let entry = reader.mapping(item, "grades.tiers[\(index)]", allowed: allowed),
                      let id = identify(entry, list: "grades.tiers", index: index, seen: tiers.map(\.id))
                else { continue }
                let location = "grades.tiers.\(id)"
                let tierMapping = entry.relocated(to: location)
                let nameZh = reader.required(tierMapping, "nameZh").flatMap { reader.nonEmptyText($0, "\(location).nameZh") }
                let nameEn = reader.required(tierMapping, "nameEn").flatMap { reader.nonEmptyText($0, "\(location).nameEn") }
                guard let shareNode = reader.required(tierMapping, "topPercent"),
                      let share = reader.decimal(shareNode, "\(location).topPercent")
                else { continue }
                guard share > 0, share <= 100 else {
                    reader.report(
                        .outOfRange(field: "topPercent", value: share, allowed: "(0, 100]"), at: shareNode,
                        "\(location).topPercent")
                    continue
                }
                if let previous = tiers.last, share <= previous.topPercent {
                    reader.report(
                        .tiersOutOfOrder(
                            previous: "\(previous.id) top \(DecimalText.string(previous.topPercent)) %",
                            next: "\(id) top \(DecimalText.string(share)) %"),
                        at: shareNode, "\(location).topPercent")
                }
                if let nameZh, let nameEn {
                    tiers.append(PercentileTier(id: id, nameZh: nameZh, nameEn: nameEn, topPercent: share))
                }
            }
        }
        guard reader.errors.count == errorsBefore else { return nil }
        return SchemeGrades(bands: bands, tiers: tiers)
    }

    /// A list of `{id, nameZh, nameEn, min, below}` bands that must be contiguous: lowest first (revenue bands,
    /// each `min` equal to the previous `below`) or highest first (grade bands, where `below` may be left out and
    /// then is the previous band's `min`).
    private mutating func parseNamedBands(_ node: Node, _ location: String, descending: Bool) -> [SchemeBand] {
        guard let items = reader.sequence(node, location) else { return [] }
        guard !items.isEmpty else {
            reader.report(.emptyList(location), at: node, location)
            return []
        }
        var bands: [SchemeBand] = []
        let allowed = ["id", "nameZh", "nameEn", "min", "below"]
        for (index, item) in items.enumerated() {
            guard let entry = reader.mapping(item, "\(location)[\(index)]", allowed: allowed),
                  let id = identify(entry, list: location, index: index, seen: bands.map(\.id))
            else { continue }
            let place = "\(location).\(id)"
            let mapping = entry.relocated(to: place)
            let nameZh = reader.required(mapping, "nameZh").flatMap { reader.nonEmptyText($0, "\(place).nameZh") }
            let nameEn = reader.required(mapping, "nameEn").flatMap { reader.nonEmptyText($0, "\(place).nameEn") }
            guard var range = range(of: mapping), let nameZh, let nameEn else { continue }
            if let previous = bands.last {
                if descending, range.below == nil, mapping["below"] == nil { range.below = previous.range.min }
                checkOrder(previous: previous, next: SchemeBand(id: id, nameZh: nameZh, nameEn: nameEn, range: range),
                           descending: descending, at: item, place)
            }
            bands.append(SchemeBand(id: id, nameZh: nameZh, nameEn: nameEn, range: range))
        }
        return bands
    }

    private mutating func checkOrder(
        previous: SchemeBand, next: SchemeBand, descending: Bool, at node: Node, _ location: String
    ) {
        let before = "\(previous.id) \(previous.range)"
        let after = "\(next.id) \(next.range)"
        // Lowest first: next.min must equal previous.below. Highest first: next.below must equal previous.min.
        let (lower, upper) = descending ? (next.range, previous.range) : (previous.range, next.range)
        let order = descending ? "highest first" : "lowest first"
        let inOrder: Bool
        if let boundary = upper.min, let end = lower.below {
            inOrder = lower.min.map { $0 < boundary } ?? true
            if inOrder, end > boundary {
                reader.report(.bandsOverlap(previous: before, next: after), at: node, location)
                return
            }
            if inOrder, end < boundary {
                reader.report(.bandsGap(previous: before, next: after), at: node, location)
                return
            }
        } else {
            inOrder = false
        }
        if !inOrder {
            reader.report(.bandsOutOfOrder(previous: before, next: after, order: order), at: node, location)
        }
    }

    // MARK: Weight sums

    /// Per stage: each category's indicator weights sum to its declared points, and the base indicators' weights
    /// sum to the scale's base (unless open). A category with an unreadable weight skips its own check, and the
    /// base check is skipped then.
    mutating func checkSums(_ categories: [ParsedCategory], scale: SchemeScale, scaleNode: Node) {
        guard stagesValid else { return }
        let stages: [String?] = stageIDs.isEmpty ? [nil] : stageIDs.map { $0 }
        for parsed in categories where parsed.weightsValid {
            guard let declared = parsed.declaredPoints else { continue }
            for stage in stages {
                let sum = parsed.weights.reduce(Decimal(0)) { $0 + $1.weight(in: stage) }
                let expected = declared.weight(in: stage)
                if sum != expected {
                    reader.report(
                        .weightsDoNotSum(
                            what: "indicator weights", stage: stage, sum: sum, declared: expected, declaredBy: "points"),
                        at: parsed.pointsNode, "categories.\(parsed.id).points")
                }
            }
        }
        guard let base = scale.base, categories.allSatisfy(\.weightsValid) else { return }
        for stage in stages {
            let sum = categories.filter { $0.kind == .base }
                .flatMap(\.weights)
                .reduce(Decimal(0)) { $0 + $1.weight(in: stage) }
            if sum != base {
                reader.report(
                    .weightsDoNotSum(
                        what: "base indicator weights", stage: stage, sum: sum, declared: base, declaredBy: "scale"),
                    at: scaleNode, "scale")
            }
        }
    }
}
