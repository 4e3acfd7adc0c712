import Foundation

/// The catalog's indicator phrases, normalised once, for fast repeated subject matching.
///
/// ``Catalog/matchIndicator(subject:unit:)`` used to normalise every phrase of every indicator on each call; a
/// matcher does that once. Build one with ``init(indicators:)`` (or take ``Catalog/indicatorMatcher``, built
/// lazily and cached per catalog value) and call ``match(subject:unit:)`` as often as needed. Results are those of
/// the original rule exactly: the indicator owning the longest phrase contained in the subject wins, ties go to the
/// indicator matching more phrase text, then to catalog order; lengths are counted in `Character`s.
///
/// Containment is tested on UTF-8 bytes when both the subject and the phrase consist only of scalars that are
/// each a whole `Character` and have no canonical decomposition (printable ASCII, Latin-1 signs, CJK ideographs,
/// CJK, general and full-width punctuation); there byte containment equals the canonical-equivalence search of
/// Foundation's `String.contains`, which the original rule used and which any other text still falls back to.
public struct IndicatorMatcher: Sendable {
    /// One normalised phrase.
    struct Phrase: Sendable {
        let text: String
        let utf8: [UInt8]
        /// Length in `Character`s (the unit of the matching rule).
        let length: Int
        let isSimple: Bool
    }

    /// One indicator with its normalised, non-empty phrases.
    struct Entry: Sendable {
        let indicator: Indicator
        let dimension: MeasureDimension
        let phrases: [Phrase]
    }

    let entries: [Entry]

    /// Normalises the phrases of `indicators` (catalog order is kept: it breaks ties).
    public init(indicators: [Indicator]) {
        entries = indicators.map { indicator in
            let phrases = indicator.phrases.compactMap { phrase -> Phrase? in
                let text = PhraseText.normalize(phrase)
                guard !text.isEmpty else { return nil }
                return Phrase(text: text, utf8: Array(text.utf8), length: text.count,
                              isSimple: Self.isSimple(text))
            }
            return Entry(indicator: indicator, dimension: indicator.unit.dimension, phrases: phrases)
        }
    }

    /// The indicator whose phrases best recognise `subject`; see ``Catalog/matchIndicator(subject:unit:)``.
    public func match(subject: String, unit: MeasureUnit?) -> Indicator? {
        let text = PhraseText.normalize(subject)
        guard !text.isEmpty else { return nil }
        let textIsSimple = Self.isSimple(text)
        var contiguous = text
        return contiguous.withUTF8 { bytes in
            var best: (index: Int, longest: Int, total: Int)?
            // By index, not `for entry in entries`: that copied each entry (its `Indicator`, a dozen strings, retained
            // and released) — 30 % of a call (perf, 2026-12-01).
            for index in entries.indices {
                if let unit, entries[index].dimension != unit.dimension { continue }
                var longest = 0
                var total = 0
                for phrase in entries[index].phrases {
                    let found: Bool
                    if textIsSimple && phrase.isSimple {
                        found = Self.contains(bytes, phrase.utf8)
                    } else {
                        found = text.contains(phrase.text)
                    }
                    guard found else { continue }
                    longest = max(longest, phrase.length)
                    total += phrase.length
                }
                guard longest > 0 else { continue }
                if let current = best, (current.longest, current.total) >= (longest, total) { continue }
                best = (index, longest, total)
            }
            return best.map { entries[$0.index].indicator }
        }
    }

    /// Whether `needle` occurs in `haystack` (non-empty needle).
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { pattern in
            guard let first = pattern.first, pattern.count <= haystack.count else { return false }
            let last = haystack.count - pattern.count
            var start = 0
            while start <= last {
                if haystack[start] == first {
                    var offset = 1
                    while offset < pattern.count && haystack[start + offset] == pattern[offset] { offset += 1 }
                    if offset == pattern.count { return true }
                }
                start += 1
            }
            return false
        }
    }

    /// Whether every scalar of `text` is a whole `Character` on its own with a unique canonical spelling, so that
    /// UTF-8 byte containment equals `String.contains`. Conservative: unknown ranges answer `false`.
    static func isSimple(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x20...0x7E: return true  // printable ASCII
            case 0xA1...0xBF, 0xD7, 0xF7: return true  // Latin-1 signs (no decompositions; not the accented letters)
            case 0x2010...0x2027, 0x2030...0x205E: return true  // general punctuation without format characters
            case 0x3000...0x3029, 0x3030...0x303F: return true  // CJK punctuation without combining tone marks
            case 0x3400...0x4DBF, 0x4E00...0x9FFF: return true  // CJK unified ideographs (no decompositions)
            case 0xFF01...0xFF65: return true  // full-width and half-width punctuation forms
            default: return false
            }
        }
    }
}
