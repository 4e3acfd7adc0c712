import Domain
import Foundation
import Yams

/// Reads values out of a composed YAML document, recording a ``RuleError`` (file, line, field path, reason) for
/// every problem instead of stopping at the first.
struct RuleNodeReader {
    let file: String
    private(set) var errors: [RuleError] = []

    init(file: String) {
        self.file = file
    }

    /// A mapping's entries with its location.
    struct Mapping {
        let node: Node
        let location: String
        let entries: [(key: String, keyNode: Node, value: Node)]

        subscript(key: String) -> Node? {
            entries.first { $0.key == key }?.value
        }

        func location(of key: String) -> String {
            location.isEmpty ? key : "\(location).\(key)"
        }
    }

    mutating func report(_ reason: String, at node: Node?, _ location: String) {
        let mark = node.flatMap(Self.mark)
        errors.append(RuleError(
            file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, location: location, reason: reason))
    }

    static func mark(of node: Node) -> Mark? {
        switch node {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let sequence): sequence.mark
        case .alias(let alias): alias.mark
        }
    }

    mutating func mapping(_ node: Node, _ location: String, allowed: [String]?) -> Mapping? {
        guard case .mapping(let mapping) = node else {
            report("expected a mapping (key: value lines)", at: node, location)
            return nil
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                report("expected a text key", at: keyNode, location)
                continue
            }
            if let allowed, !allowed.contains(key.string) {
                let place = location.isEmpty ? key.string : "\(location).\(key.string)"
                report("unknown field \"\(key.string)\" (allowed: \(allowed.joined(separator: ", ")))", at: keyNode, place)
                continue
            }
            entries.append((key.string, keyNode, value))
        }
        return Mapping(node: node, location: location, entries: entries)
    }

    mutating func sequence(_ node: Node, _ location: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report("expected a list", at: node, location)
            return nil
        }
        return Array(sequence)
    }

    mutating func required(_ mapping: Mapping, _ key: String) -> Node? {
        if let node = mapping[key] { return node }
        report("missing field \"\(key)\"", at: mapping.node, mapping.location)
        return nil
    }

    mutating func text(_ node: Node, _ location: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report("expected a text", at: node, location)
            return nil
        }
        return scalar.string
    }

    mutating func nonEmptyText(_ node: Node, _ location: String) -> String? {
        guard let value = text(node, location) else { return nil }
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            report("expected a non-empty text", at: node, location)
            return nil
        }
        return value
    }

    mutating func texts(_ node: Node, _ location: String) -> [String]? {
        guard let items = sequence(node, location) else { return nil }
        var values: [String] = []
        for (index, item) in items.enumerated() {
            if let value = nonEmptyText(item, "\(location)[\(index)]") { values.append(value) }
        }
        return values
    }

    mutating func decimal(_ node: Node, _ location: String) -> Decimal? {
        guard case .scalar(let scalar) = node,
              let value = DecimalText.parse(scalar.string.replacingOccurrences(of: "_", with: ""))
        else {
            report("expected a number, e.g. 80 or 1.5", at: node, location)
            return nil
        }
        return value
    }

    mutating func nonNegative(_ node: Node, _ location: String) -> Decimal? {
        guard let value = decimal(node, location) else { return nil }
        guard value >= 0 else {
            report("must not be negative (got \(value))", at: node, location)
            return nil
        }
        return value
    }

    mutating func integer(_ node: Node, _ location: String, minimum: Int) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string), value >= minimum else {
            report("expected a whole number ≥ \(minimum)", at: node, location)
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, _ location: String) -> Bool? {
        guard case .scalar(let scalar) = node, let value = Bool(scalar.string.lowercased()) else {
            report("expected true or false", at: node, location)
            return nil
        }
        return value
    }

    mutating func duration(_ node: Node, _ location: String) -> Duration? {
        guard case .scalar(let scalar) = node, let value = DurationText.parse(scalar.string) else {
            report("expected a duration such as 0s, 30s, 5m, 4h or 1d", at: node, location)
            return nil
        }
        return value
    }

    mutating func id(_ node: Node, _ location: String) -> String? {
        guard let text = text(node, location) else { return nil }
        guard Self.isValidID(text) else {
            report("\"\(text)\" is not an id (ASCII letters, digits, _ - ., starting with a letter or digit)", at: node, location)
            return nil
        }
        return text
    }

    static func isValidID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII,
              first.properties.isAlphabetic || ("0"..."9").contains(first)
        else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0))
        }
    }
}
