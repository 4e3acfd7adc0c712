import KechuangTestSupport
import Foundation
import Testing

@testable import Messaging

/// A body using every kind of value the streaming encoder handles.
struct RichBody: WireMessage, Equatable {
    static let messageType: MessageType = "test.rich"
    enum Kind: String, Codable { case reported, computed }
    struct Period: Codable, Equatable { var year: Int; var months: [Int]?; var label: String? }
    var text: String
    var flag: Bool
    var int8: Int8
    var uint64: UInt64
    var int64: Int64
    var double: Double
    var float: Float
    var decimal: Decimal
    var kind: Kind
    var optionalNil: String?
    var optionalSome: Int?
    var nested: Period
    var list: [Period]
    var strings: [String]
    var map: [String: Decimal]
    var intMap: [Int: String]
    var data: Data
    var url: URL
    var date: Date
    var empty: [String: Int]
    var nullInArray: [Int?]
    var topic: Topic { "rich" }
}

/// A body whose custom encoding uses a nested container (streamed in place).
struct NestedBody: WireMessage, Equatable {
    static let messageType: MessageType = "test.nested"
    var inner: Int
    var topic: Topic { "nested" }
    enum Keys: String, CodingKey { case wrapper, inner }
    init(inner: Int) { self.inner = inner }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        inner = try container.nestedContainer(keyedBy: Keys.self, forKey: .wrapper).decode(Int.self, forKey: .inner)
    }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .wrapper)
        try nested.encode(inner, forKey: .inner)
    }
}

/// A body writing to a nested container after its parent moved on (not streamable: must fall back).
struct LateNestedBody: WireMessage, Equatable {
    static let messageType: MessageType = "test.late"
    var first: Int
    var second: Int
    var topic: Topic { "late" }
    enum Keys: String, CodingKey { case wrapper, after, first, second }
    init(first: Int, second: Int) { self.first = first; self.second = second }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let nested = try container.nestedContainer(keyedBy: Keys.self, forKey: .wrapper)
        first = try nested.decode(Int.self, forKey: .first)
        second = try nested.decode(Int.self, forKey: .second)
    }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .wrapper)
        try nested.encode(first, forKey: .first)
        try container.encode(0, forKey: .after)
        try nested.encode(second, forKey: .second)
    }
}

/// Synthesized `Codable` of enums with associated values (nested keyed containers, one per case), in arrays,
/// optionals and nested unkeyed containers.
struct EnumBody: WireMessage, Equatable {
    static let messageType: MessageType = "test.enum"
    indirect enum Remedy: Codable, Equatable {
        case wait
        case addExpense(Decimal)
        case hire(count: Int, reassigned: Int)
        case nested(Remedy?, [String])
    }
    var remedies: [Remedy]
    var main: Remedy?
    var grid: [[Remedy]]
    var topic: Topic { "enum" }
}

@Suite struct FastJSONEncoderTests {
    static func rich(_ random: inout SeededRandom) -> RichBody {
        let words = ["科技贷", "a\"q", "back\\", "tab\t", "🚀", "", "plain", "\u{1}"]
        func word() -> String { words.randomElement(using: &random) ?? "" }
        return RichBody(
            text: word() + word(), flag: Bool.random(using: &random), int8: Int8.random(in: .min ... .max, using: &random),
            uint64: UInt64.random(in: 0 ... .max, using: &random), int64: Int64.random(in: .min ... .max, using: &random),
            double: [0, -0.5, 1e-7, 123456.789, 1e300, 3].randomElement(using: &random) ?? 0,
            float: [0, 1.5, -2.25].randomElement(using: &random) ?? 0,
            decimal: Decimal(string: ["1234.50", "-0.001", "0", "99999999999999999999.25"].randomElement(using: &random) ?? "0") ?? 0,
            kind: Bool.random(using: &random) ? .reported : .computed,
            optionalNil: nil, optionalSome: Bool.random(using: &random) ? 5 : nil,
            nested: RichBody.Period(year: 2024, months: Bool.random(using: &random) ? [1, 11] : nil, label: word()),
            list: [RichBody.Period(year: 2023, months: [], label: nil)], strings: [word(), word()],
            map: ["万元": Decimal(string: "12.5") ?? 0, word(): 1], intMap: [3: "three", -1: word()],
            data: Data([0, 255, 7]), url: URL(string: "https://example.org/a?b=c/d") ?? URL(fileURLWithPath: "/"),
            date: Date(timeIntervalSinceReferenceDate: 12345.5), empty: [:], nullInArray: [1, nil, 3])
    }

    @Test func streamingOutputDecodesToTheSameValueAsFoundation() throws {
        var random = SeededRandom(seed: 99)
        let decoder = JSONDecoder()
        for _ in 0..<500 {
            let value = Self.rich(&random)
            let fast = try FastJSONEncoder.encode(value)
            let reference = try JSONEncoder().encode(value)
            #expect(try decoder.decode(RichBody.self, from: Data(fast)) == value)
            #expect(try decoder.decode(RichBody.self, from: reference) == value)
            // Same JSON object model (key order and number spelling may differ).
            let fastObject = try JSONSerialization.jsonObject(with: Data(fast)) as? NSDictionary
            let referenceObject = try JSONSerialization.jsonObject(with: reference) as? NSDictionary
            #expect(fastObject == referenceObject)
        }
    }

    @Test func nestedContainersAreStreamedInPlace() throws {
        #expect(String(decoding: try FastJSONEncoder.encode(NestedBody(inner: 4)), as: UTF8.self) == #"{"wrapper":{"inner":4}}"#)
        let body = try EnvelopeCodec.encodeBody(NestedBody(inner: 4))
        #expect(try JSONDecoder().decode(NestedBody.self, from: body) == NestedBody(inner: 4))
    }

    @Test func enumsWithAssociatedValuesDecodeToTheSameValueAsFoundation() throws {
        var random = SeededRandom(seed: 7)
        func remedy(_ depth: Int) -> EnumBody.Remedy {
            switch Int.random(in: 0..<(depth > 1 ? 3 : 4), using: &random) {
            case 0: return .wait
            case 1: return .addExpense(Decimal(Int.random(in: -500...500, using: &random)) / 4)
            case 2: return .hire(count: Int.random(in: 0...9, using: &random), reassigned: 1)
            default: return .nested(Bool.random(using: &random) ? remedy(depth + 1) : nil, ["科技贷", "x"])
            }
        }
        for _ in 0..<300 {
            let value = EnumBody(
                remedies: (0..<Int.random(in: 0...4, using: &random)).map { _ in remedy(0) },
                main: Bool.random(using: &random) ? remedy(0) : nil,
                grid: [[remedy(0), remedy(0)], []])
            let fast = try FastJSONEncoder.encode(value)
            let reference = try JSONEncoder().encode(value)
            #expect(try JSONDecoder().decode(EnumBody.self, from: Data(fast)) == value)
            let fastObject = try JSONSerialization.jsonObject(with: Data(fast)) as? NSDictionary
            let referenceObject = try JSONSerialization.jsonObject(with: reference) as? NSDictionary
            #expect(fastObject == referenceObject)
        }
    }

    @Test func unstreamablePatternsFallBackToFoundation() throws {
        let value = LateNestedBody(first: 1, second: 2)
        #expect(throws: FastJSONEncoder.Unsupported.self) { try FastJSONEncoder.encode(value) }
        let body = try EnvelopeCodec.encodeBody(value)
        #expect(try JSONDecoder().decode(LateNestedBody.self, from: body) == value)
    }

    @Test func nonFiniteNumbersAreEncodingErrors() {
        var random = SeededRandom(seed: 1)
        var value = Self.rich(&random)
        value.double = .infinity
        let error = decodeError { _ = try EnvelopeCodec.encodeBody(value) }
        guard case .encodingFailed(type: "test.rich", _) = error else {
            Issue.record("expected encodingFailed, got \(String(describing: error))")
            return
        }
    }

    @Test func encodingErrorsNameThePathOfTheBadValue() {
        var random = SeededRandom(seed: 3)
        func path(_ value: RichBody) -> [String]? {
            do {
                _ = try FastJSONEncoder.encode(value)
                return nil
            } catch let EncodingError.invalidValue(_, context) {
                return context.codingPath.map(\.stringValue)
            } catch {
                return nil
            }
        }
        var value = Self.rich(&random)
        value.double = .nan
        #expect(path(value) == ["double"])
        value = Self.rich(&random)
        value.map = ["万元": .nan]
        #expect(path(value) == ["map", "万元"])
    }
}
