/// The envelope protocol version, written `"major.minor"` in the header (`"1.0"`).
///
/// A receiver accepts any minor version of a major it knows (minor versions only add optional
/// fields) and rejects an unknown major with ``EnvelopeError/unsupportedVersion(_:)``.
public struct ProtocolVersion: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Incompatible revisions.
    public let major: Int
    /// Backward-compatible revisions.
    public let minor: Int

    /// Creates a version from its parts.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `"major.minor"` (both non-negative decimal integers); `nil` for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2,
              parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              let major = Int(parts[0]), let minor = Int(parts[1])
        else { return nil }
        self.init(major: major, minor: minor)
    }

    /// The version this library writes.
    public static let current = ProtocolVersion(major: 1, minor: 0)

    /// Major versions this library can read.
    public static let supportedMajors: Set<Int> = [1]

    /// Whether this library can read envelopes of this version.
    public var isSupported: Bool { Self.supportedMajors.contains(major) }

    /// `"major.minor"`.
    public var description: String { "\(major).\(minor)" }

    /// Decodes from the `"major.minor"` string form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let version = ProtocolVersion(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "version must be \"major.minor\", got \"\(text)\"")
        }
        self = version
    }

    /// Encodes as the `"major.minor"` string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
