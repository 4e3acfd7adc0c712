import Contracts
import Foundation
import JSONText
import Messaging

/// The JSON body of a `metric.update`, written straight into a byte buffer: byte for byte what
/// `EnvelopeCodec.encodeBody(_:)` (the streaming `Codable` encoder) gives, without its per-field dynamic dispatch
/// through `Encoder` existentials — that encoding was ≈ 10 % of the catch-up CPU (`perf record`,
/// docs/performance.md "## Metrics"). Keys in declaration order, `nil` optionals omitted, strings quoted by
/// `JSONText`, decimals by `JSONDecimal`, exactly as the generic path does. A NaN decimal (which the generic path
/// refuses) takes the generic path, so its error is the same too. `MetricUpdateBodyTests` compares both on random
/// updates; `MetricsStreamGoldenTests` pins the stream.
enum MetricUpdateBody {
    /// The body frame of `update`.
    /// - Throws: what `EnvelopeCodec.encodeBody(_:)` throws (only for a NaN decimal).
    static func encode(_ update: MetricUpdate) throws(EnvelopeError) -> Data {
        guard isFinite(update) else { return try EnvelopeCodec.encodeBody(update) }
        var out: [UInt8] = []
        out.reserveCapacity(320)
        write(update, to: &out)
        return Data(out)
    }

    private static func isFinite(_ update: MetricUpdate) -> Bool {
        if update.value.isNaN || update.previousValue?.isNaN == true || update.targetProgressPercent?.isNaN == true {
            return false
        }
        return !update.quality.contains { $0.reported?.isNaN == true || $0.computed?.isNaN == true }
    }

    private static func write(_ update: MetricUpdate, to out: inout [UInt8]) {
        append(#"{"key":{"indicator":"#, to: &out)
        JSONText.appendQuoted(update.key.indicator, to: &out)
        append(#","period":"#, to: &out)
        JSONText.appendQuoted(update.key.period, to: &out)
        append(#","scope":"#, to: &out)
        JSONText.appendQuoted(update.key.scope.rawValue, to: &out)
        append(#","source":"#, to: &out)
        JSONText.appendQuoted(update.key.source.rawValue, to: &out)
        append(#"},"value":"#, to: &out)
        JSONDecimal.append(update.value, to: &out)
        append(#","unit":"#, to: &out)
        JSONText.appendQuoted(update.unit.rawValue, to: &out)
        if let previous = update.previousValue {
            append(#","previousValue":"#, to: &out)
            JSONDecimal.append(previous, to: &out)
        }
        if let qualifier = update.qualifier {
            append(#","qualifier":"#, to: &out)
            JSONText.appendQuoted(qualifier.rawValue, to: &out)
        }
        if let documentID = update.documentID {
            append(#","documentID":"#, to: &out)
            JSONText.appendQuoted(documentID, to: &out)
        }
        if let phrase = update.phrase {
            append(#","phrase":"#, to: &out)
            JSONText.appendQuoted(phrase, to: &out)
        }
        if let progress = update.targetProgressPercent {
            append(#","targetProgressPercent":"#, to: &out)
            JSONDecimal.append(progress, to: &out)
        }
        append(#","quality":["#, to: &out)
        for (index, flag) in update.quality.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append(#"{"kind":"#, to: &out)
            JSONText.appendQuoted(flag.kind.rawValue, to: &out)
            if let reported = flag.reported {
                append(#","reported":"#, to: &out)
                JSONDecimal.append(reported, to: &out)
            }
            if let computed = flag.computed {
                append(#","computed":"#, to: &out)
                JSONDecimal.append(computed, to: &out)
            }
            append(#","message":"#, to: &out)
            JSONText.appendQuoted(flag.message, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        append(#"],"ingestSequence":"#, to: &out)
        JSONBodyWriter.unsigned(update.ingestSequence, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        JSONBodyWriter.literal(text, to: &out)
    }
}
