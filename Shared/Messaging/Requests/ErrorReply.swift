/// The standard error reply to any request (type `error`, topic `error`). Its header's `correlation`
/// is the failed request's id.
///
/// `code` is a stable snake_case identifier clients can switch on (see ``Code``); `message` is for
/// people; the optional location fields name what was wrong.
public struct ErrorReply: WireMessage, Hashable, Error, CustomStringConvertible {
    /// `"error"`.
    public static let messageType: MessageType = "error"

    /// Stable, machine-readable error codes. Services may add their own (it is an open set).
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
        CustomStringConvertible
    {
        /// The code as sent on the wire.
        public let rawValue: String
        /// Creates a code from its wire text.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Creates a code from a string literal.
        public init(stringLiteral value: String) { self.rawValue = value }
        /// Decodes from a plain JSON string.
        public init(from decoder: any Decoder) throws {
            self.rawValue = try decoder.singleValueContainer().decode(String.self)
        }
        /// Encodes as a plain JSON string.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
        /// The wire text.
        public var description: String { rawValue }

        /// The request envelope was malformed (frame count, UTF-8, JSON, header).
        public static let badEnvelope: Code = "bad_envelope"
        /// The request's protocol major version is not supported.
        public static let unsupportedVersion: Code = "unsupported_version"
        /// The request's message type is not served by this endpoint.
        public static let unknownType: Code = "unknown_type"
        /// The request body did not match its type's schema.
        public static let invalidRequest: Code = "invalid_request"
        /// A size or count limit was exceeded (`limit` says which value).
        public static let limitExceeded: Code = "limit_exceeded"
        /// The requested item does not exist.
        public static let notFound: Code = "not_found"
        /// The service cannot serve the request now (starting, shutting down, overloaded).
        public static let unavailable: Code = "unavailable"
        /// The request is larger than the endpoint accepts (`limit` gives the endpoint's limit in bytes).
        public static let tooLarge: Code = "too_large"
        /// The client already has as many requests in flight as the endpoint serves at once; retry after a reply.
        public static let busy: Code = "busy"
        /// An unexpected failure inside the service.
        public static let `internal`: Code = "internal"
    }

    /// What went wrong, machine-readable.
    public var code: Code
    /// What went wrong, for people.
    public var message: String
    /// The offending field, if any (dotted path, e.g. `rows[3].credit_code`).
    public var field: String?
    /// 1-based line in the submitted content, if any.
    public var line: Int?
    /// 1-based column in the submitted content, if any.
    public var column: Int?
    /// The limit that was exceeded, as text (e.g. `"16777216"`), if any.
    public var limit: String?

    /// Creates an error reply. `message` and `field` may echo client input, so they are shortened
    /// (``EchoedText``): an error reply is never much larger than its request's interesting part.
    public init(
        code: Code, message: String, field: String? = nil, line: Int? = nil, column: Int? = nil,
        limit: String? = nil
    ) {
        self.code = code
        self.message = EchoedText.truncate(message)
        self.field = field.map { EchoedText.truncate($0, limit: EchoedText.fieldLimit) }
        self.line = line
        self.column = column
        self.limit = limit
    }

    /// The error reply describing an envelope that could not be decoded.
    public init(_ error: EnvelopeError) {
        switch error {
        case .unsupportedVersion:
            self.init(code: .unsupportedVersion, message: error.description)
        case .unknownType, .unexpectedType:
            self.init(code: .unknownType, message: error.description)
        case let .invalidBody(_, field, _):
            self.init(code: .invalidRequest, message: error.description, field: field)
        case let .invalidHeader(field, _):
            self.init(code: .badEnvelope, message: error.description, field: field)
        default:
            self.init(code: .badEnvelope, message: error.description)
        }
    }

    /// `"error"`.
    public var topic: Topic { .error }

    /// `code: message (field …, line …, column …, limit …)`.
    public var description: String {
        var parts: [String] = []
        if let field { parts.append("field \(field)") }
        if let line { parts.append("line \(line)") }
        if let column { parts.append("column \(column)") }
        if let limit { parts.append("limit \(limit)") }
        return "\(code): \(message)" + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
    }
}
