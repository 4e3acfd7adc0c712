/// A message template: text with `{{field}}` placeholders replaced by the event's fields (see ``EventKind/fields``)
/// and `{{labels.name}}` by the firing's labels. Parsed and checked once when the rules load, so an unknown field is
/// an error at validation, never at send time. A field without a value renders as `—`.
public struct MessageTemplate: Sendable, Hashable, CustomStringConvertible {
    /// One piece of a template.
    public enum Part: Sendable, Hashable {
        /// Text copied as is.
        case text(String)
        /// An event field.
        case field(String)
        /// A label of the firing rule.
        case label(String)
    }

    /// Why a template does not parse.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// `{{` without a matching `}}`.
        case unclosed
        /// `{{}}`.
        case emptyPlaceholder
        /// A field the message kind does not have.
        case unknownField(String, allowed: [String])

        /// The reason in words.
        public var description: String {
            switch self {
            case .unclosed: "\"{{\" without a closing \"}}\""
            case .emptyPlaceholder: "empty placeholder \"{{}}\""
            case .unknownField(let name, let allowed):
                "unknown field \"\(name)\" (fields: \(allowed.joined(separator: ", ")), or labels.<name>)"
            }
        }
    }

    /// The parsed pieces.
    public let parts: [Part]
    /// The source text.
    public let source: String

    /// Parses `source`, accepting only `fields` (and `labels.*`).
    /// - Throws: ``Problem``.
    public init(_ source: String, fields: Set<String>) throws(Problem) {
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else { throw .unclosed }
            let name = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw .emptyPlaceholder }
            if name.hasPrefix("labels."), name.count > "labels.".count {
                parts.append(.label(String(name.dropFirst("labels.".count))))
            } else if fields.contains(name) {
                parts.append(.field(name))
            } else {
                throw .unknownField(name, allowed: fields.sorted())
            }
            rest = afterOpen[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
        self.source = source
    }

    /// Whether the template uses labels (label values themselves may not).
    public var usesLabels: Bool {
        parts.contains { if case .label = $0 { true } else { false } }
    }

    /// The text for `event` (fields) and `labels`; `extra` supplies the rule's own fields (`rule`, `rule_name`).
    public func render(_ event: NotifyEvent, labels: [String: String] = [:], extra: [String: String] = [:]) -> String {
        if parts.count == 1, case .text(let text) = parts[0] { return text }
        var output = ""
        for part in parts {
            switch part {
            case .text(let text): output += text
            case .field(let name): output += extra[name] ?? event.field(name) ?? "—"
            case .label(let name): output += labels[name] ?? "—"
            }
        }
        return output
    }

    /// The source text.
    public var description: String { source }
}
