import Contracts
import Domain
import Foundation
import Messaging
import Testing
@testable import MetricsService

/// ``MetricUpdateBody`` writes every update byte for byte as `EnvelopeCodec.encodeBody(_:)` does.
@Suite struct MetricUpdateBodyTests {
    /// A small deterministic generator (SplitMix64), so a failure can be reproduced.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let texts = [
        "", "loan.granted_amount", "2024", "total", "科技贷 入池企业", "引号\"与\\反斜杠", "tab\tnew\nline", "\u{1}\u{1F}",
        "line\u{2028}sep\u{2029}", "emoji 🚀", "/slash/", "town:周市镇", "scheme:hightech/grade:A",
    ]

    static func decimal(_ generator: inout Generator) -> Decimal {
        switch generator.next() % 6 {
        case 0: return Decimal(Int(generator.next() % 10_000))
        case 1: return Decimal(Int(generator.next() % 2_000_000)) / 100
        case 2: return -Decimal(Int(generator.next() % 1_000_000)) / 1000
        case 3: return Decimal(string: "12345678901234567890123456789.123")!
        case 4: return Decimal(UInt64.max) * Decimal(UInt64.max)
        default: return Decimal(sign: .plus, exponent: Int(generator.next() % 40) - 20, significand: Decimal(generator.next() % 1_000_000))
        }
    }

    static func text(_ generator: inout Generator) -> String {
        texts[Int(generator.next() % UInt64(texts.count))]
    }

    static func update(_ generator: inout Generator) -> MetricUpdate {
        var g = generator
        defer { generator = g }
        let sources = MetricSource.allCases
        let key = MetricKey(
            indicator: text(&g), period: text(&g), scope: MetricScope(rawValue: text(&g)),
            source: sources[Int(g.next() % UInt64(sources.count))])
        let units = MeasureUnit.allCases
        let qualifiers = Qualifier.allCases
        let kinds = DataQualityFlag.Kind.allCases
        var flags: [DataQualityFlag] = []
        for _ in 0..<Int(g.next() % 3) {
            flags.append(DataQualityFlag(
                kind: kinds[Int(g.next() % UInt64(kinds.count))],
                reported: g.next() % 3 == 0 ? nil : decimal(&g), computed: g.next() % 3 == 0 ? nil : decimal(&g),
                message: text(&g)))
        }
        return MetricUpdate(
            key: key, value: decimal(&g), unit: units[Int(g.next() % UInt64(units.count))],
            previousValue: g.next() % 2 == 0 ? nil : decimal(&g),
            qualifier: g.next() % 2 == 0 ? nil : qualifiers[Int(g.next() % UInt64(qualifiers.count))],
            documentID: g.next() % 2 == 0 ? nil : text(&g), phrase: g.next() % 2 == 0 ? nil : text(&g),
            targetProgressPercent: g.next() % 2 == 0 ? nil : decimal(&g), quality: flags,
            ingestSequence: [0, 1, 9, 10, 99, 12_345, UInt64.max][Int(g.next() % 7)] &+ (g.next() % 2))
    }

    @Test func randomUpdatesEncodeAsTheGenericEncoder() throws {
        var generator = Generator(state: 14)
        for index in 0..<5_000 {
            let update = Self.update(&generator)
            let fast = try MetricUpdateBody.encode(update)
            let generic = try EnvelopeCodec.encodeBody(update)
            #expect(fast == generic, "update \(index): \(String(decoding: generic, as: UTF8.self))")
            if fast != generic { return }
        }
    }

    @Test func aNaNDecimalFailsAsTheGenericEncoderDoes() {
        let update = MetricUpdate(
            key: MetricKey(indicator: "loan.pool_size", period: "2024", source: .computed), value: .nan, unit: .jia,
            ingestSequence: 1)
        #expect(throws: EnvelopeError.self) { try MetricUpdateBody.encode(update) }
        #expect(throws: EnvelopeError.self) { try EnvelopeCodec.encodeBody(update) }
    }
}
