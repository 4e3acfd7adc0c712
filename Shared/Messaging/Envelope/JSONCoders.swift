import Foundation

/// The shared, configured Foundation coders for bodies (and the header fallback path).
/// Reused rather than created per message: creating coders is a measurable share of a small message's cost.
enum JSONCoders {
    /// Encoder for bodies the streaming encoder cannot write (e.g. enums with associated values): compact output,
    /// keys sorted. Sorted because Foundation's keyed containers do not keep declaration order on Linux: without it
    /// the same message encoded in two processes gave different bytes, so a replayed or restarted owner's stream
    /// differed from an undisturbed one (caught by `ScoringServiceTests.aCrashMidFeedConvergesToTheUndisturbedScores`).
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()

    /// Decoder for bodies and unusual headers.
    static let decoder = JSONDecoder()
}
