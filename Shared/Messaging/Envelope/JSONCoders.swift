import Foundation

/// The shared, configured Foundation coders for bodies (and the header fallback path).
/// Reused rather than created per message: creating coders is a measurable share of a small message's cost.
enum JSONCoders {
    /// Encoder for bodies: compact output, keys in declaration order.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    /// Decoder for bodies and unusual headers.
    static let decoder = JSONDecoder()
}
