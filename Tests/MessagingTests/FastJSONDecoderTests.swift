import KechuangTestSupport
import Foundation
import Testing

@testable import Messaging

/// A body of only the values the fast decoder decodes itself (no `Decimal`, `Date`, `Data`, `URL`, `Float`).
struct PlainBody: Codable, Equatable {
    enum Kind: String, Codable { case reported, computed }
    enum Step: Codable, Equatable {
        case wait
        case hire(count: Int, team: String?)
        case split([Step])
    }
    struct Period: Codable, Equatable { var year: Int; var months: [Int]?; var label: String? }
    var text: String
    var flag: Bool
    var int8: Int8
    var uint64: UInt64
    var int64: Int64
    var double: Double
    var kind: Kind
    var optionalNil: String?
    var optionalSome: Int?
    var nested: Period
    var list: [Period]
    var map: [String: Int]
    var intMap: [Int: String]
    var nullInArray: [Int?]
    var steps: [Step]
}

@Suite struct FastJSONDecoderTests {
    static let words = ["科技贷", "a\"q", "back\\", "tab\t", "🚀", "", "plain", "\u{1}", "\u{2028}", "斜/杠"]

    static func plain(_ random: inout SeededRandom) -> PlainBody {
        func word() -> String { words.randomElement(using: &random) ?? "" }
        func step(_ depth: Int) -> PlainBody.Step {
            switch Int.random(in: 0..<(depth > 1 ? 2 : 3), using: &random) {
            case 0: return .wait
            case 1: return .hire(count: Int.random(in: -9...9, using: &random), team: Bool.random(using: &random) ? word() : nil)
            default: return .split((0..<Int.random(in: 0...3, using: &random)).map { _ in step(depth + 1) })
            }
        }
        return PlainBody(
            text: word() + word(), flag: Bool.random(using: &random), int8: Int8.random(in: .min ... .max, using: &random),
            uint64: UInt64.random(in: 0 ... .max, using: &random), int64: Int64.random(in: .min ... .max, using: &random),
            double: [0, -0.5, 1e-7, 123456.789, 1e300, 3, 0.1].randomElement(using: &random) ?? 0,
            kind: Bool.random(using: &random) ? .reported : .computed,
            optionalNil: nil, optionalSome: Bool.random(using: &random) ? 5 : nil,
            nested: PlainBody.Period(year: 2024, months: Bool.random(using: &random) ? [1, 11] : nil, label: word()),
            list: [PlainBody.Period(year: 2023, months: [], label: nil)],
            map: [word(): 1, "万元": -3], intMap: [3: "three", -1: word()], nullInArray: [1, nil, 3],
            steps: (0..<Int.random(in: 0...4, using: &random)).map { _ in step(0) })
    }

    /// The safety property: whatever the bytes, the fast decoder gives no value or JSONDecoder's value.
    static func agreesWithFoundation<T: Decodable & Equatable>(_ type: T.Type, _ bytes: [UInt8]) -> (fast: Bool, agrees: Bool) {
        let fast = bytes.withUnsafeBytes { FastJSONDecoder.decode(type, from: $0) }
        guard let fast else { return (false, true) }
        guard let reference = try? JSONDecoder().decode(type, from: Data(bytes)) else { return (true, false) }
        return (true, fast == reference)
    }

    @Test func valuesDecodeToWhatFoundationDecodes() throws {
        var random = SeededRandom(seed: 2026)
        for _ in 0..<500 {
            let value = Self.plain(&random)
            for bytes in [Array(try JSONEncoder().encode(value)), try FastJSONEncoder.encode(value)] {
                let fast = bytes.withUnsafeBytes { FastJSONDecoder.decode(PlainBody.self, from: $0) }
                #expect(fast == value, "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }

    @Test func typesJSONDecoderTreatsSpeciallyAreLeftToIt() throws {
        var random = SeededRandom(seed: 5)
        for _ in 0..<100 {
            let value = FastJSONEncoderTests.rich(&random)
            let bytes = Array(try JSONEncoder().encode(value))
            #expect(bytes.withUnsafeBytes { FastJSONDecoder.decode(RichBody.self, from: $0) } == nil)
            // Through the codec the value is still decoded (by the fallback).
            #expect(try EnvelopeCodec.decodeBody(RichBody.self, from: Data(bytes), type: RichBody.messageType) == value)
        }
    }

    /// `bytes` with one to three random edits: a byte replaced, a byte deleted, one of `pieces` inserted, or a short
    /// run replaced by one of them (never left empty).
    static func mutated(_ bytes: [UInt8], with pieces: [[UInt8]], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes.remove(at: at)
            case 2: bytes.insert(contentsOf: pieces.randomElement(using: &random) ?? [], at: at)
            default:
                let end = min(bytes.count, at + Int.random(in: 1...6, using: &random))
                bytes.replaceSubrange(at..<end, with: pieces.randomElement(using: &random) ?? [])
            }
            if bytes.isEmpty { bytes = [UInt8(ascii: "{")] }
        }
        return bytes
    }

    /// Mutated documents (bytes replaced, inserted, deleted; numbers and strings swapped): never a value
    /// JSONDecoder would not give.
    @Test func mutatedDocumentsNeverDecodeDifferently() throws {
        var random = SeededRandom(seed: 77)
        let replacements: [[UInt8]] = [
            Array("1.0".utf8), Array("-0".utf8), Array("1e400".utf8), Array("\"\\ud800\"".utf8), Array("null".utf8),
            Array("\"x\"".utf8), Array("true".utf8), Array("[]".utf8), Array("{}".utf8), Array("\"a\":1,\"a\":2".utf8),
            Array("99999999999999999999".utf8), Array("\u{FEFF}".utf8), [0xFF], [0x00], Array(",".utf8),
            Array("e-999999".utf8), Array("e400".utf8), Array("0000000".utf8), Array("e-310".utf8),
        ]
        var fastCount = 0
        for round in 0..<6000 {
            let bytes = Self.mutated(Array(try JSONEncoder().encode(Self.plain(&random))), with: replacements, &random)
            let (fast, agrees) = Self.agreesWithFoundation(PlainBody.self, bytes)
            if fast { fastCount += 1 }
            #expect(agrees, "round \(round): \(String(decoding: bytes, as: UTF8.self))")
        }
        // Some mutants stay valid (a changed letter inside a string): the comparison above was exercised.
        #expect(fastCount > 100)
    }

    /// `EnvelopeCodec.decodeBody` skips the strict syntax check when the fast decoder gives a value: whatever the fast
    /// parser takes must pass that check. Mutants of valid documents and of hand-picked edge texts.
    @Test func whatTheFastParserTakesPassesTheStrictCheck() async throws {
        var random = SeededRandom(seed: 91)
        let pieces: [[UInt8]] = [
            Array("\u{FEFF}".utf8), Array(",".utf8), Array(",}".utf8), Array(",]".utf8), Array("01".utf8), Array("-".utf8),
            Array("1.".utf8), Array("1e".utf8), Array("\"\\x\"".utf8), Array("\"\\u12G4\"".utf8), [0x01], [0x1F], [0x7F],
            [0xFF], [0xC3], Array("tru".utf8), Array("nul".utf8), Array(" \t\r\n".utf8), [0x0B], [0x0C], Array("[[[".utf8),
            Array("\"\\ud800\"".utf8), Array("1E+2".utf8), Array("-0.0e-0".utf8),
        ]
        var taken = 0
        for round in 0..<20_000 {
            if round % 1_000 == 0 { await Task.yield() }  // seconds of work: let other suites' awaits run meanwhile
            let bytes = Self.mutated(Array(try JSONEncoder().encode(Self.plain(&random))), with: pieces, &random)
            guard bytes.withUnsafeBytes({ FastJSONValue.parse($0) }) != nil else { continue }
            taken += 1
            #expect(bytes.withUnsafeBytes { StrictJSON.check($0) } == nil, "round \(round): \(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(taken > 1_000)
        // Nesting at the limit and one past it.
        let deep = Array(repeating: UInt8(ascii: "["), count: 512) + Array(repeating: UInt8(ascii: "]"), count: 512)
        #expect(deep.withUnsafeBytes { FastJSONValue.parse($0) } != nil && deep.withUnsafeBytes { StrictJSON.check($0) } == nil)
        let deeper = [UInt8(ascii: "[")] + deep + [UInt8(ascii: "]")]
        #expect(deeper.withUnsafeBytes { FastJSONValue.parse($0) } == nil)
    }

    @Test func edgeCasesAreLeftToJSONDecoder() {
        struct Numbers: Codable, Equatable { var int: Int?; var unsigned: UInt?; var double: Double?; var text: String? }
        for text in [
            #"{"int":1.0}"#, #"{"int":1e2}"#, #"{"unsigned":-0}"#, #"{"double":1e400}"#, #"{"int":1,"int":2}"#,
            #"{"text":"\ud800"}"#, #"{"text":"\udc00x"}"#, #"{"int":99999999999999999999}"#, #"{"text":1}"#,
            "{\"text\":\"a\u{1}\"}", #"{"int":1,}"#, "\u{FEFF}{}", #"{"int":01}"#,
            #"{"double":1e-9999999999999999999907}"#, #"{"double":1e-320}"#, #"{"double":0.1e-400}"#,
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ] {
            let fast = Array(text.utf8).withUnsafeBytes { FastJSONDecoder.decode(Numbers.self, from: $0) }
            #expect(fast == nil, "\(text)")
        }
    }

    @Test func escapesAndUnicodeDecodeExactly() {
        struct Text: Codable, Equatable { var text: String }
        let cases: [(String, String)] = [
            (#"{"text":"\"\\\/\b\f\n\r\t"}"#, "\"\\/\u{8}\u{C}\n\r\t"),
            (#"{"text":"\u79d1\u6280\ud83d\ude80"}"#, "科技🚀"),
            (#"{"text":"张家港 \u2028 x"}"#, "张家港 \u{2028} x"),
            ("  {\"text\" : \"\"}\n", ""),
        ]
        for (json, expected) in cases {
            let fast = Array(json.utf8).withUnsafeBytes { FastJSONDecoder.decode(Text.self, from: $0) }
            #expect(fast == Text(text: expected), "\(json)")
            #expect((try? JSONDecoder().decode(Text.self, from: Data(json.utf8))) == Text(text: expected))
        }
    }

    /// A `Decimal` from a plain JSON number is decoded here, to exactly the bytes `JSONDecoder` gives; exponents,
    /// zero and more than 19 digits are left to it.
    @Test func decimalsFromPlainNumbersAreJSONDecodersBytes() throws {
        struct Amounts: Codable { var values: [String: Decimal] }
        var random = SeededRandom(seed: 4242)
        var fastCount = 0
        for _ in 0..<5_000 {
            var text = Bool.random(using: &random) ? "-" : ""
            text += String((0..<Int.random(in: 1...21, using: &random)).map { _ in "0123456789".randomElement(using: &random) ?? "1" })
            if text.dropFirst(text.hasPrefix("-") ? 1 : 0).hasPrefix("0") && text.count > (text.hasPrefix("-") ? 2 : 1) {
                text = text.hasPrefix("-") ? "-1" + text.dropFirst(2) : "1" + text.dropFirst()
            }
            if Bool.random(using: &random) {
                text += "." + String((0..<Int.random(in: 1...20, using: &random)).map { _ in "0123456789".randomElement(using: &random) ?? "0" })
            }
            if Int.random(in: 0..<10, using: &random) == 0 { text += "e\(Int.random(in: -5...5, using: &random))" }
            let json = Data((#"{"values":{"a":"# + text + "}}").utf8)
            let reference = try JSONDecoder().decode(Amounts.self, from: json).values["a"]
            guard let fast = FastJSONDecoder.decode(Amounts.self, from: json)?.values["a"] else { continue }
            fastCount += 1
            let bytes = { (value: Decimal?) in value.map { value in withUnsafeBytes(of: value) { Array($0) } } }
            #expect(bytes(fast) == bytes(reference), "\(text)")
        }
        #expect(fastCount > 2_000)
    }
}
