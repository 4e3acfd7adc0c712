import Contracts
import Foundation

/// Reads one subject-record JSON object — `{"kind","id","name","town"?,"period","values":{…},"attributes":{…}?}` —
/// into ``SubjectRecordFields`` without ever failing: a member of the wrong type or an unknown member becomes a
/// problem naming the field (`values.tenants`, `attributes.industry` for nested ones). `period` may be a string or
/// an integer year; values are JSON numbers (exact) or strings holding a plain decimal; `null` means "not reported".
enum SubjectRecordJSON {
    /// The top-level members of a record.
    static let members = ["kind", "id", "name", "town", "period", "values", "attributes"]

    /// The fields of the object `data` (syntax already checked), found at `position`, record number `index`.
    static func fields(_ data: Data, index: Int, position: TextPosition) -> SubjectRecordFields {
        var fields = SubjectRecordFields(line: position.line, index: index, column: position.column)
        let reader: Reader
        do {
            reader = try JSONDecoder().decode(Reader.self, from: data)
        } catch {
            fields.problems.append(RejectionProblem(
                message: "cannot read the object: \(error)", line: position.line, column: position.column))
            return fields
        }
        func text(_ value: String?) -> SubjectRecordFields.Text? {
            value.map { SubjectRecordFields.Text(text: $0, column: position.column) }
        }
        fields.kind = text(reader.kind)
        fields.id = text(reader.id)
        fields.name = text(reader.name)
        fields.town = text(reader.town)
        fields.period = text(reader.period)
        fields.values = reader.values.map { name, content in
            SubjectRecordFields.Value(name: name, field: "values.\(name)", content: content, column: position.column)
        }
        fields.attributes = reader.attributes.map { name, value in
            SubjectRecordFields.Attribute(
                name: name, field: "attributes.\(name)", text: SubjectRecordFields.Text(text: value, column: position.column))
        }
        fields.problems = reader.problems.map { field, message in
            RejectionProblem(message: message, line: position.line, column: position.column, field: field)
        }
        return fields
    }

    /// Any member name.
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The lenient decoding: collects what it can and every problem (field, message).
    private struct Reader: Decodable {
        var kind: String?
        var id: String?
        var name: String?
        var town: String?
        var period: String?
        var values: [(String, SubjectRecordFields.Value.Content)] = []
        var attributes: [(String, String)] = []
        var problems: [(String, String)] = []

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            // Sorted: the order of `allKeys` is not the document's; sorting keeps problems deterministic.
            for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                let member = key.stringValue
                switch member {
                case "kind": kind = text(container, key)
                case "id": id = text(container, key)
                case "name": name = text(container, key)
                case "town": town = text(container, key)
                case "period":
                    if let year = try? container.decode(Int.self, forKey: key) {
                        period = String(year)
                    } else {
                        period = text(container, key, expected: "a string such as \"2024\" or an integer year")
                    }
                case "values":
                    guard let nested = object(container, key, expected: "an object of indicator values") else { continue }
                    for valueKey in nested.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                        values.append((valueKey.stringValue, Self.content(nested, valueKey)))
                    }
                case "attributes":
                    guard let nested = object(container, key, expected: "an object of text attributes") else { continue }
                    for attributeKey in nested.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                        let field = "attributes.\(attributeKey.stringValue)"
                        if (try? nested.decodeNil(forKey: attributeKey)) == true { continue }
                        if let value = try? nested.decode(String.self, forKey: attributeKey) {
                            attributes.append((attributeKey.stringValue, value))
                        } else {
                            problems.append((field, "\(field): expected a string"))
                        }
                    }
                default:
                    problems.append((member, "unknown field \"\(member)\" (a subject record has "
                        + SubjectRecordJSON.members.joined(separator: ", ") + ")"))
                }
            }
        }

        /// A string member (`null` is absent); anything else is recorded as a problem.
        private mutating func text(
            _ container: KeyedDecodingContainer<Key>, _ key: Key, expected: String = "a string"
        ) -> String? {
            if (try? container.decodeNil(forKey: key)) == true { return nil }
            if let value = try? container.decode(String.self, forKey: key) { return value }
            // Present but unreadable: the rules do not also report it as missing.
            problems.append((key.stringValue, "\(key.stringValue): expected \(expected)"))
            return nil
        }

        /// A nested object member, or `nil` (recording a problem unless it is `null`).
        private mutating func object(
            _ container: KeyedDecodingContainer<Key>, _ key: Key, expected: String
        ) -> KeyedDecodingContainer<Key>? {
            if (try? container.decodeNil(forKey: key)) == true { return nil }
            guard let nested = try? container.nestedContainer(keyedBy: Key.self, forKey: key) else {
                problems.append((key.stringValue, "\(key.stringValue): expected \(expected)"))
                return nil
            }
            return nested
        }

        /// One indicator value as written.
        private static func content(
            _ container: KeyedDecodingContainer<Key>, _ key: Key
        ) -> SubjectRecordFields.Value.Content {
            if (try? container.decodeNil(forKey: key)) == true { return .text("") }
            if let text = try? container.decode(String.self, forKey: key) { return .text(text) }
            if let flag = try? container.decode(Bool.self, forKey: key) { return .other(flag ? "true" : "false") }
            if let number = try? container.decode(Decimal.self, forKey: key) { return .number(number) }
            return .other("an object or array")
        }
    }
}
