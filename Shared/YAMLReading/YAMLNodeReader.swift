import Domain
import Foundation
import Yams

/// Reads values out of a composed YAML document, recording a located problem (file, line, column, field path,
/// what is wrong) for every mistake instead of stopping at the first, so a person fixing a file sees them all.
/// Scoring schemes and notification rules read their files with it; `Problem` says how each names a mistake.
public struct YAMLNodeReader<Problem: YAMLProblem> {
    /// The file name used in errors.
    public let file: String
    /// Every problem found so far.
    public private(set) var errors: [Problem.Located] = []

    /// A reader for `file` with no problems yet.
    public init(file: String) {
        self.file = file
    }

    /// A mapping with its location, its entries and the line to blame for a missing field.
    public struct Mapping {
        /// The mapping's node (its line is blamed for a missing field).
        public let node: Node
        /// The field path of the mapping (empty at the top).
        public let location: String
        /// The entries whose keys were accepted, in file order.
        public let entries: [(key: String, keyNode: Node, value: Node)]

        /// A mapping from its parts.
        public init(node: Node, location: String, entries: [(key: String, keyNode: Node, value: Node)]) {
            self.node = node
            self.location = location
            self.entries = entries
        }

        /// The value of `key`, if present.
        public subscript(key: String) -> Node? {
            entries.first { $0.key == key }?.value
        }

        /// The field path of `key` within this mapping.
        public func location(of key: String) -> String {
            location.isEmpty ? key : "\(location).\(key)"
        }

        /// The same mapping named by `location` (once a list entry's id is known).
        public func relocated(to location: String) -> Mapping {
            Mapping(node: node, location: location, entries: entries)
        }
    }

    // MARK: Problems

    /// Records `problem` at `node`'s line and column (line 1 without a node), field path `location`.
    public mutating func report(_ problem: Problem, at node: Node?, _ location: String) {
        let mark = node.flatMap(Self.mark)
        errors.append(Problem.located(
            file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, location: location, problem: problem))
    }

    /// Records an already located problem.
    public mutating func report(_ error: Problem.Located) {
        errors.append(error)
    }

    /// Where `node` starts in the file.
    public static func mark(of node: Node) -> Mark? {
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
    public mutating func mapping(_ node: Node, _ location: String, allowed: [String]?) -> Mapping? {
        guard case .mapping(let mapping) = node else {
            report(.wrongType(expected: "a mapping"), at: node, location)
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
    public mutating func sequence(_ node: Node, _ location: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(.wrongType(expected: "a list"), at: node, location)
            return nil
        }
        return Array(sequence)
    }

    /// The required field `key` of `mapping`, or `nil` (reported at the mapping's line).
    public mutating func required(_ mapping: Mapping, _ key: String) -> Node? {
        if let node = mapping[key] { return node }
        report(.missingField(key), at: mapping.node, mapping.location)
        return nil
    }

    // MARK: Scalars

    /// The scalar's text, or `nil` (reported) for a mapping or list.
    public mutating func text(_ node: Node, _ location: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(.wrongType(expected: "a text"), at: node, location)
            return nil
        }
        return scalar.string
    }

    /// The scalar's text when it is not empty, or `nil` (reported).
    public mutating func nonEmptyText(_ node: Node, _ location: String) -> String? {
        guard let value = text(node, location) else { return nil }
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            report(.wrongType(expected: "a non-empty text"), at: node, location)
            return nil
        }
        return value
    }

    /// A list of non-empty texts (each bad item reported at its own index).
    public mutating func texts(_ node: Node, _ location: String) -> [String]? {
        guard let items = sequence(node, location) else { return nil }
        var values: [String] = []
        for (index, item) in items.enumerated() {
            if let value = nonEmptyText(item, "\(location)[\(index)]") { values.append(value) }
        }
        return values
    }

    /// A plain decimal number (`12`, `0.05`, `-3`, `100_000_000`), exactly.
    public mutating func decimal(_ node: Node, _ location: String) -> Decimal? {
        guard case .scalar(let scalar) = node else {
            report(.wrongType(expected: "a number"), at: node, location)
            return nil
        }
        guard let value = DecimalText.parse(scalar.string.replacingOccurrences(of: "_", with: "")) else {
            report(.notANumber(scalar.string), at: node, location)
            return nil
        }
        return value
    }

    /// A decimal number that must not be negative (`field` names it in the problem).
    public mutating func nonNegative(_ node: Node, _ location: String, field: String) -> Decimal? {
        guard let value = decimal(node, location) else { return nil }
        guard value >= 0 else {
            report(.negative(field: field, value: value), at: node, location)
            return nil
        }
        return value
    }

    /// A whole number (`_` separators allowed).
    public mutating func integer(_ node: Node, _ location: String) -> Int? {
        guard case .scalar(let scalar) = node else {
            report(.wrongType(expected: "a whole number"), at: node, location)
            return nil
        }
        guard let value = Int(scalar.string.replacingOccurrences(of: "_", with: "")) else {
            report(.notAnInteger(scalar.string), at: node, location)
            return nil
        }
        return value
    }

    /// `true` or `false`.
    public mutating func bool(_ node: Node, _ location: String) -> Bool? {
        guard case .scalar(let scalar) = node, let value = Bool(scalar.string.lowercased()) else {
            report(.wrongType(expected: "true or false"), at: node, location)
            return nil
        }
        return value
    }

    /// An id: ASCII letters, digits, `_`, `-`, `.`, starting with a letter or digit.
    public mutating func id(_ node: Node, _ location: String) -> String? {
        guard let text = text(node, location) else { return nil }
        guard Self.isValidID(text) else {
            report(.invalidID(text), at: node, location)
            return nil
        }
        return text
    }

    /// Whether `text` is an id (see ``id(_:_:)``).
    public static func isValidID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII,
              first.properties.isAlphabetic || ("0"..."9").contains(first)
        else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0))
        }
    }
}
