import KechuangTestSupport
import Foundation
import JSONText
import Testing

@Suite struct JSONTextTests {
    @Test func plainTextIsOnlyQuoted() {
        #expect(JSONText.quote("") == #""""#)
        #expect(JSONText.quote("plain ascii / slash") == #""plain ascii / slash""#)
    }

    @Test func quotesAndBackslashesAreEscaped() {
        #expect(JSONText.quote(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(JSONText.quote(#"\""#) == #""\\\"""#)
    }

    @Test func controlCharactersAreEscaped() {
        #expect(JSONText.quote("\n\r\t") == #""\n\r\t""#)
        #expect(JSONText.quote("\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}") == #""\u0000\u0001\u0008\u000b\u000c\u001f""#)
        // DEL and C1 controls are not JSON control characters: kept as they are.
        #expect(JSONText.quote("\u{7F}\u{80}") == "\"\u{7F}\u{80}\"")
    }

    @Test func lineAndParagraphSeparatorsAreEscaped() {
        #expect(JSONText.quote("a\u{2028}b\u{2029}c") == #""a\u2028b\u2029c""#)
        #expect(JSONText.quote("\u{2028}") == #""\u2028""#)
        // Other characters with the same lead byte (U+2000–U+2FFF) are kept, also right before a separator.
        #expect(JSONText.quote("“科技贷”…\u{2027}\u{202A}\u{2029}") == "\"“科技贷”…\u{2027}\u{202A}\\u2029\"")
    }

    @Test func nonASCIIIsKeptAsUTF8() {
        let text = "张家港科技局 科技贷 83家 🚀 é"
        #expect(JSONText.quote(text) == "\"" + text + "\"")
        var bytes: [UInt8] = [0x41]
        JSONText.appendQuoted(text, to: &bytes)
        #expect(bytes == [0x41, 0x22] + Array(text.utf8) + [0x22])
    }

    @Test func mixedTextRoundTripsThroughFoundation() throws {
        let samples = [
            "", "科技贷", "a\"b\\c\nd\u{1}", "tab\there", "\u{2028}\u{2029}", "end\\", "\"", "𝄞 é\u{301}",
            "前\u{1F}后\u{2028}“引号”\u{0}",
        ]
        for sample in samples {
            var bytes: [UInt8] = []
            JSONText.appendQuoted(sample, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == JSONText.quote(sample))
            let decoded = try JSONDecoder().decode(String.self, from: Data(bytes))
            #expect(decoded == sample)
        }
    }

    @Test func bridgedAndSubstringBackedStringsAreHandled() {
        let long = String(repeating: "科技\"", count: 50)
        let derived = String(long.dropFirst(2))
        #expect(JSONText.quote(derived) == "\"" + derived.replacingOccurrences(of: "\"", with: "\\\"") + "\"")
        let bridged = NSString(string: "bridged \u{2028} “text”") as String
        #expect(JSONText.quote(bridged) == "\"bridged \\u2028 “text”\"")
    }

    /// A per-scalar reference of the rules, to check the word-at-a-time scan against.
    static func reference(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    @Test func specialCharactersAtEveryPositionMatchTheReference() {
        let specials: [Character] = ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\u{2028}", "\u{2029}", "“", "科", "é", "🚀"]
        for length in 0..<20 {
            for position in 0..<max(length, 1) {
                for special in specials {
                    var characters = Array(repeating: Character("a"), count: length)
                    if position < length { characters[position] = special }
                    let text = String(characters)
                    #expect(JSONText.quote(text) == Self.reference(text), "\(Array(text.utf8))")
                }
            }
        }
    }

    @Test func randomTextMatchesTheReference() {
        let alphabet: [Character] = Array("ab /\"\\\n\r\t\u{0}\u{8}\u{1B}\u{7F}\u{2028}\u{2029}\u{2027}\u{202F}“”…科技贷é🚀")
        var generator = SeededRandom(seed: 2028)
        for _ in 0..<2000 {
            let length = Int(generator.next() % 40)
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            #expect(JSONText.quote(text) == Self.reference(text), "\(Array(text.utf8))")
        }
    }
}

