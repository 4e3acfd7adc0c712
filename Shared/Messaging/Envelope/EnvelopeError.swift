/// Why an envelope could not be encoded or decoded. Every malformed input maps to one of these
/// cases; decoding never traps.
public enum EnvelopeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The multipart message did not have exactly `expected` frames.
    case wrongFrameCount(expected: Int, actual: Int)
    /// A frame that must be UTF-8 text was not.
    case invalidUTF8(EnvelopeFrame)
    /// A frame that must be a JSON document was not valid JSON (or not an object where one is required).
    case invalidJSON(EnvelopeFrame, detail: String)
    /// The header was valid JSON but a field was missing, of the wrong type, or out of range.
    case invalidHeader(field: String, reason: String)
    /// The header's major version is not one this library reads.
    case unsupportedVersion(ProtocolVersion)
    /// The header's type is not among the types the receiver knows (see ``MessageRegistry``).
    case unknownType(MessageType)
    /// The body was asked for as one type but the header names another.
    case unexpectedType(expected: MessageType, actual: MessageType)
    /// The body was valid JSON but did not match the message type's schema.
    case invalidBody(type: MessageType, field: String?, reason: String)
    /// Encoding a body failed (e.g. a non-finite floating-point value).
    case encodingFailed(type: MessageType, reason: String)

    /// A short machine-readable code (`"wrong_frame_count"`, `"invalid_utf8"` …), used in ``ErrorReply``.
    public var code: String {
        switch self {
        case .wrongFrameCount: "wrong_frame_count"
        case .invalidUTF8: "invalid_utf8"
        case .invalidJSON: "invalid_json"
        case .invalidHeader: "invalid_header"
        case .unsupportedVersion: "unsupported_version"
        case .unknownType: "unknown_type"
        case .unexpectedType: "unexpected_type"
        case .invalidBody: "invalid_body"
        case .encodingFailed: "encoding_failed"
        }
    }

    /// A human-readable explanation naming the frame or field.
    public var description: String {
        switch self {
        case let .wrongFrameCount(expected, actual):
            "envelope must have \(expected) frames [topic, header, body], got \(actual)"
        case let .invalidUTF8(frame):
            "\(frame) frame is not valid UTF-8"
        case let .invalidJSON(frame, detail):
            "\(frame) frame is not valid JSON: \(detail)"
        case let .invalidHeader(field, reason):
            "header field \"\(field)\": \(reason)"
        case let .unsupportedVersion(version):
            "unsupported protocol version \(version) (supported majors: "
                + ProtocolVersion.supportedMajors.sorted().map(String.init).joined(separator: ", ") + ")"
        case let .unknownType(type):
            "unknown message type \"\(type)\""
        case let .unexpectedType(expected, actual):
            "expected message type \"\(expected)\", got \"\(actual)\""
        case let .invalidBody(type, field, reason):
            if let field {
                "body of \"\(type)\": field \"\(field)\": \(reason)"
            } else {
                "body of \"\(type)\": \(reason)"
            }
        case let .encodingFailed(type, reason):
            "cannot encode body of \"\(type)\": \(reason)"
        }
    }
}
