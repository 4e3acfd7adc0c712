import Domain
import Foundation
import Yams

/// Reads values out of a composed YAML document, recording a ``SchemeError`` (file, line, location, reason)
/// for every problem instead of stopping at the first.
struct SchemeNodeReader {
    /// The file name used in errors.
    let file: String
    /// Every problem found so far.
    private(set) var errors: [SchemeError] = []

    init(file: String) {
        self.file = file
    }

    /// A mapping with its location, its entries and the line to blame for a missing field.
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

        /// The same mapping named by `location` (once a list entry's id is known).
        func relocated(to location: String) -> Mapping {
            Mapping(node: node, location: location, entries: entries)
        }
    }

    // MARK: Errors

    mutating func report(_ problem: SchemeProblem, at node: Node?, _ location: String) {
        let mark = node.flatMap(SchemeNodeReader.mark)
        errors.append(SchemeError(
            file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, location: location, problem: problem))
    }

    mutating func report(_ error: SchemeError) {
        errors.append(error)
    }

    static func mark(of node: Node) -> Mark? {
        switch node {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let sequence): sequence.mark
        case .alias(let alias): alias.mark
        }
    }

    // MARK: Shapes

    /// The node as a mapping whose keys are all in `allowed` (any key when `nil`); unknown keys are reported at
    /// their own line.
    mutating func mapping(_ node: Node, _ location: String, allowed: [String]?) -> Mapping? {
        guard case .mapping(let mapping) = node else {
            reportWrongType(node, location, expected: "a mapping")
            return nil
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                report(.wrongType(expected: "a text key"), at: keyNode, location)
                continue
            }
            if let allowed, !allowed.contains(key.string) {
                let place = location.isEmpty ? key.string : "\(location).\(key.string)"
                report(.unknownField(key.string, allowed: allowed), at: keyNode, place)
                continue
            }
            entries.append((key.string, keyNode, value))
        }
        return Mapping(node: node, location: location, entries: entries)
    }

    /// The node's items, or `nil` (reported) when it is not a list.
    mutating func sequence(_ node: Node, _ location: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            reportWrongType(node, location, expected: "a list")
            return nil
        }
        return Array(sequence)
    }

    /// The required field `key` of `mapping`, or `nil` (reported at the mapping's line).
    mutating func required(_ mapping: Mapping, _ key: String) -> Node? {
        if let node = mapping[key] { return node }
        report(.missingField(key), at: mapping.node, mapping.location)
        return nil
    }

    // MARK: Scalars

    /// The scalar's text, or `nil` (reported) for a mapping or list.
    mutating func text(_ node: Node, _ location: String) -> String? {
        guard case .scalar(let scalar) = node else {
            reportWrongType(node, location, expected: "a text")
            return nil
        }
        return scalar.string
    }

    /// The scalar's text when it is not empty, or `nil` (reported).
    mutating func nonEmptyText(_ node: Node, _ location: String) -> String? {
        guard let value = text(node, location) else { return nil }
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            report(.wrongType(expected: "a non-empty text"), at: node, location)
            return nil
        }
        return value
    }

    /// A plain decimal number (`12`, `0.05`, `-3`, `100_000_000`), exactly.
    mutating func decimal(_ node: Node, _ location: String) -> Decimal? {
        guard case .scalar(let scalar) = node else {
            reportWrongType(node, location, expected: "a number")
            return nil
        }
        guard let value = DecimalText.parse(scalar.string.replacingOccurrences(of: "_", with: "")) else {
            report(.notANumber(scalar.string), at: node, location)
            return nil
        }
        return value
    }

    /// A decimal number that must not be negative.
    mutating func nonNegative(_ node: Node, _ location: String, field: String) -> Decimal? {
        guard let value = decimal(node, location) else { return nil }
        guard value >= 0 else {
            report(.negative(field: field, value: value), at: node, location)
            return nil
        }
        return value
    }

    /// A whole number.
    mutating func integer(_ node: Node, _ location: String) -> Int? {
        guard case .scalar(let scalar) = node else {
            reportWrongType(node, location, expected: "a whole number")
            return nil
        }
        guard let value = Int(scalar.string.replacingOccurrences(of: "_", with: "")) else {
            report(.notAnInteger(scalar.string), at: node, location)
            return nil
        }
        return value
    }

    /// `true` or `false`.
    mutating func bool(_ node: Node, _ location: String) -> Bool? {
        guard case .scalar(let scalar) = node, let value = Bool(scalar.string.lowercased()) else {
            reportWrongType(node, location, expected: "true or false")
            return nil
        }
        return value
    }

    /// An id: ASCII letters, digits, `_`, `-`, `.`, starting with a letter or digit.
    mutating func id(_ node: Node, _ location: String) -> String? {
        guard let text = text(node, location) else { return nil }
        guard SchemeNodeReader.isValidID(text) else {
            report(.invalidID(text), at: node, location)
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

    private mutating func reportWrongType(_ node: Node, _ location: String, expected: String) {
        report(.wrongType(expected: expected), at: node, location)
    }
}
