import Domain
import Foundation
import YAMLReading
import Yams

extension SchemeParser {
    /// A category with what the weight-sum checks need: its id, kind, declared points (and their node) and the
    /// weights of its indicators — read even when another field of an indicator is wrong.
    struct ParsedCategory {
        var category: SchemeCategory?
        var id: String
        var kind: CategoryKind
        var declaredPoints: StageWeights?
        var pointsNode: Node?
        var weights: [StageWeights]
        /// Whether every weight (and the declared points) of the category was read without problems.
        var weightsValid: Bool
    }

    // MARK: Categories and indicators

    mutating func parseCategories(_ node: Node) -> [ParsedCategory]? {
        guard let items = reader.sequence(node, "categories") else { return nil }
        guard !items.isEmpty else {
            reader.report(.emptyList("categories"), at: node, "categories")
            return nil
        }
        var parsed: [ParsedCategory] = []
        var categoryIDs: [String] = []
        var indicatorIDs: [String] = []
        let allowed = ["id", "nameZh", "nameEn", "kind", "points", "cap", "indicators"]
        for (index, item) in items.enumerated() {
            guard let entry = reader.mapping(item, "categories[\(index)]", allowed: allowed),
                  let id = identify(entry, list: "categories", index: index, seen: categoryIDs)
            else {
                // Its weights are unknown, so the sums cannot be checked.
                parsed.append(ParsedCategory(
                    category: nil, id: "", kind: .base, declaredPoints: nil, pointsNode: nil, weights: [],
                    weightsValid: false))
                continue
            }
            categoryIDs.append(id)
            let location = "categories.\(id)"
            let mapping = entry.relocated(to: location)
            let errorsBefore = reader.errors.count
            let nameZh = reader.required(mapping, "nameZh").flatMap { reader.nonEmptyText($0, "\(location).nameZh") }
            let nameEn = reader.required(mapping, "nameEn").flatMap { reader.nonEmptyText($0, "\(location).nameEn") }
            var kind = CategoryKind.base
            if let kindNode = mapping["kind"], let text = reader.text(kindNode, "\(location).kind") {
                if let value = CategoryKind(rawValue: text) {
                    kind = value
                } else {
                    reader.report(.wrongType(expected: "base or bonus"), at: kindNode, "\(location).kind")
                }
            }
            let pointsNode = mapping["points"]
            let points = pointsNode.flatMap { parseWeights($0, "\(location).points", field: "points") }
            let cap = mapping["cap"].flatMap { reader.nonNegative($0, "\(location).cap", field: "cap") }
            var indicators: [SchemeIndicator] = []
            var weights: [StageWeights] = []
            var weightsValid = pointsNode == nil || points != nil
            if let indicatorsNode = reader.required(mapping, "indicators"),
               let indicatorItems = reader.sequence(indicatorsNode, "\(location).indicators") {
                if indicatorItems.isEmpty {
                    reader.report(.emptyList("\(location).indicators"), at: indicatorsNode, "\(location).indicators")
                }
                for (position, indicatorNode) in indicatorItems.enumerated() {
                    let parsedIndicator = parseIndicator(
                        indicatorNode, "\(location).indicators", index: position, seen: &indicatorIDs)
                    if let indicatorWeights = parsedIndicator.weights {
                        weights.append(indicatorWeights)
                    } else {
                        weightsValid = false
                    }
                    if let indicator = parsedIndicator.indicator { indicators.append(indicator) }
                }
            } else {
                weightsValid = false
            }
            var category: SchemeCategory?
            if reader.errors.count == errorsBefore, let nameZh, let nameEn {
                category = SchemeCategory(
                    id: id, nameZh: nameZh, nameEn: nameEn, kind: kind, declaredPoints: points, cap: cap,
                    indicators: indicators)
            }
            parsed.append(ParsedCategory(
                category: category, id: id, kind: kind, declaredPoints: points, pointsNode: pointsNode,
                weights: weights, weightsValid: weightsValid))
        }
        return parsed
    }

    private mutating func parseIndicator(
        _ node: Node, _ listLocation: String, index: Int, seen: inout [String]
    ) -> (indicator: SchemeIndicator?, weights: StageWeights?) {
        let allowed = ["id", "nameZh", "nameEn", "source", "normalisation", "weight"]
        guard let entry = reader.mapping(node, "\(listLocation)[\(index)]", allowed: allowed) else {
            return (nil, nil)
        }
        // Indicator ids are unique across the whole scheme: the breakdown is keyed by them.
        let id = identify(entry, list: "indicators", in: listLocation, index: index, seen: seen)
        if let id { seen.append(id) }
        let location = id.map { "\(listLocation).\($0)" } ?? "\(listLocation)[\(index)]"
        let mapping = entry.relocated(to: location)
        let nameZh = reader.required(mapping, "nameZh").flatMap { reader.nonEmptyText($0, "\(location).nameZh") }
        let nameEn = reader.required(mapping, "nameEn").flatMap { reader.nonEmptyText($0, "\(location).nameEn") }
        let source = reader.required(mapping, "source").flatMap { parseSource($0, "\(location).source") }
        let normalisation = reader.required(mapping, "normalisation").flatMap {
            parseNormalisation($0, "\(location).normalisation")
        }
        let weights = reader.required(mapping, "weight").flatMap { parseWeights($0, "\(location).weight", field: "weight") }
        guard let id, let nameZh, let nameEn, let source, let normalisation, let weights else { return (nil, weights) }
        let indicator = SchemeIndicator(
            id: id, nameZh: nameZh, nameEn: nameEn, source: source, normalisation: normalisation, weights: weights)
        return (indicator, weights)
    }

    /// A number for every stage, or a mapping of stage id to number naming every declared stage.
    mutating func parseWeights(_ node: Node, _ location: String, field: String) -> StageWeights? {
        switch node {
        case .scalar:
            return reader.nonNegative(node, location, field: field).map(StageWeights.init(uniform:))
        case .mapping:
            guard let mapping = reader.mapping(node, location, allowed: nil) else { return nil }
            guard !stageIDs.isEmpty || !stagesValid else {
                reader.report(.noStagesDeclared, at: node, location)
                return nil
            }
            var weights: [String: Decimal] = [:]
            var valid = stagesValid
            for entry in mapping.entries {
                let place = "\(location).\(entry.key)"
                guard stageIDs.contains(entry.key) else {
                    if stagesValid { reader.report(.unknownStage(entry.key, known: stageIDs), at: entry.keyNode, place) }
                    valid = false
                    continue
                }
                if let weight = reader.nonNegative(entry.value, place, field: field) {
                    weights[entry.key] = weight
                } else {
                    valid = false
                }
            }
            for stage in stageIDs where mapping[stage] == nil {
                reader.report(.stageWeightMissing(stage), at: node, location)
                valid = false
            }
            return valid ? StageWeights(perStage: weights) : nil
        default:
            reader.report(.wrongType(expected: "a number or a mapping of stage to number"), at: node, location)
            return nil
        }
    }

    // MARK: Normalisation

    private mutating func parseNormalisation(_ node: Node, _ location: String) -> Normalisation? {
        let typeNode: Node
        let mapping: SchemeNodeReader.Mapping?
        if case .scalar = node {
            typeNode = node
            mapping = nil
        } else {
            guard let read = reader.mapping(node, location, allowed: ["type", "reference", "floor", "steps"]),
                  let required = reader.required(read, "type")
            else { return nil }
            typeNode = required
            mapping = read
        }
        let typeLocation = mapping == nil ? location : "\(location).type"
        guard let type = reader.text(typeNode, typeLocation) else { return nil }
        let parameters: [String]
        switch type {
        case "linear": parameters = ["reference", "floor"]
        case "percentile": parameters = []
        case "bands": parameters = ["steps"]
        default:
            reader.report(.unknownNormalisation(type), at: typeNode, typeLocation)
            return nil
        }
        let errorsBefore = reader.errors.count
        for entry in mapping?.entries ?? [] where entry.key != "type" && !parameters.contains(entry.key) {
            reader.report(
                .unknownField(entry.key, allowed: ["type"] + parameters), at: entry.keyNode, "\(location).\(entry.key)")
        }
        let fields = mapping ?? SchemeNodeReader.Mapping(node: node, location: location, entries: [])
        switch type {
        case "linear":
            guard let referenceNode = reader.required(fields, "reference"),
                  let reference = reader.decimal(referenceNode, "\(location).reference")
            else { return nil }
            let floor = fields["floor"].flatMap { reader.decimal($0, "\(location).floor") } ?? 0
            guard reference > floor else {
                reader.report(.referenceNotAboveFloor(reference: reference, floor: floor), at: referenceNode,
                              "\(location).reference")
                return nil
            }
            return reader.errors.count == errorsBefore ? .linear(floor: floor, reference: reference) : nil
        case "bands":
            guard let stepsNode = reader.required(fields, "steps") else { return nil }
            let steps = parseSteps(stepsNode, "\(location).steps")
            return reader.errors.count == errorsBefore ? steps.map(Normalisation.bands) : nil
        default:
            return reader.errors.count == errorsBefore ? .percentile : nil
        }
    }

    private mutating func parseSteps(_ node: Node, _ location: String) -> [NormalisationStep]? {
        guard let items = reader.sequence(node, location) else { return nil }
        guard !items.isEmpty else {
            reader.report(.emptyList(location), at: node, location)
            return nil
        }
        var steps: [NormalisationStep] = []
        var valid = true
        for (index, item) in items.enumerated() {
            let place = "\(location)[\(index)]"
            guard let mapping = reader.mapping(item, place, allowed: ["min", "value"]),
                  let minNode = reader.required(mapping, "min"), let valueNode = reader.required(mapping, "value"),
                  let min = reader.decimal(minNode, "\(place).min"), let value = reader.decimal(valueNode, "\(place).value")
            else {
                valid = false
                continue
            }
            if value < 0 || value > 1 {
                reader.report(.outOfRange(field: "value", value: value, allowed: "0…1"), at: valueNode, "\(place).value")
                valid = false
            }
            if let previous = steps.last, min <= previous.min {
                reader.report(
                    .bandsOutOfOrder(
                        previous: "min \(DecimalText.string(previous.min))", next: "min \(DecimalText.string(min))",
                        order: "lowest min first"),
                    at: minNode, "\(place).min")
                valid = false
            }
            steps.append(NormalisationStep(min: min, value: value))
        }
        return valid ? steps : nil
    }

    // MARK: Negative items

    mutating func parseNegatives(_ node: Node) -> [NegativeItem] {
        guard let items = reader.sequence(node, "negative") else { return [] }
        var negatives: [NegativeItem] = []
        var seen: [String] = []
        let allowed = ["id", "nameZh", "nameEn", "source", "when", "veto", "deduct", "deductPerUnit", "cap"]
        for (index, item) in items.enumerated() {
            guard let entry = reader.mapping(item, "negative[\(index)]", allowed: allowed),
                  let id = identify(entry, list: "negative", index: index, seen: seen)
            else { continue }
            seen.append(id)
            let location = "negative.\(id)"
            let mapping = entry.relocated(to: location)
            let nameZh = reader.required(mapping, "nameZh").flatMap { reader.nonEmptyText($0, "\(location).nameZh") }
            let nameEn = reader.required(mapping, "nameEn").flatMap { reader.nonEmptyText($0, "\(location).nameEn") }
            let source = reader.required(mapping, "source").flatMap { parseSource($0, "\(location).source") }
            let trigger = mapping["when"].flatMap { parseRange($0, "\(location).when") }
            let cap = mapping["cap"].flatMap { reader.nonNegative($0, "\(location).cap", field: "cap") }
            var effects: [NegativeEffect] = []
            var found: [String] = []
            if let vetoNode = mapping["veto"], let veto = reader.bool(vetoNode, "\(location).veto"), veto {
                effects.append(.veto)
                found.append("veto")
            }
            if let deductNode = mapping["deduct"] {
                found.append("deduct")
                if let points = reader.nonNegative(deductNode, "\(location).deduct", field: "deduct") {
                    effects.append(.deduct(points))
                }
            }
            if let perUnitNode = mapping["deductPerUnit"] {
                found.append("deductPerUnit")
                if let points = reader.nonNegative(perUnitNode, "\(location).deductPerUnit", field: "deductPerUnit") {
                    effects.append(.deductPerUnit(points))
                }
            }
            guard found.count == 1 else {
                reader.report(.negativeEffect(found: found), at: item, location)
                continue
            }
            guard let nameZh, let nameEn, let source, let effect = effects.first else { continue }
            negatives.append(NegativeItem(
                id: id, nameZh: nameZh, nameEn: nameEn, source: source, trigger: trigger, effect: effect, cap: cap))
        }
        return negatives
    }
}
