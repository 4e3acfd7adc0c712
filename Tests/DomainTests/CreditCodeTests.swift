import KechuangTestSupport
import Testing
@testable import Domain

@Suite("统一社会信用代码 (GB 32100-2015)")
struct CreditCodeTests {
    @Test("published valid codes parse", arguments: ["914403001922038216", "91350100M000100Y43", "91512081MA62K0260E"])
    func validCodes(text: String) throws {
        let code = try UnifiedSocialCreditCode(parsing: text)
        #expect(code.rawValue == text)
        #expect(code.description == text)
    }

    @Test("parsing is lenient about whitespace and case")
    func lenient() throws {
        let code = try UnifiedSocialCreditCode(parsing: "  91512081ma62k0260e\n")
        #expect(code.rawValue == "91512081MA62K0260E")
    }

    @Test("a wrong check character is rejected with the expected one")
    func wrongCheckCharacter() {
        #expect(throws: CreditCodeError.checkCharacterMismatch(expected: "3", actual: "Z")) {
            try UnifiedSocialCreditCode(parsing: "91350100M000100Y4Z")
        }
        #expect(throws: CreditCodeError.checkCharacterMismatch(expected: "7", actual: "K")) {
            try UnifiedSocialCreditCode(parsing: "91310115MA1G4L1WXK")
        }
        #expect(UnifiedSocialCreditCode("91310115MA1G4L1WXK") == nil)
    }

    @Test("a wrong length is rejected with the length")
    func wrongLength() {
        #expect(throws: CreditCodeError.wrongLength(actual: 17)) {
            try UnifiedSocialCreditCode(parsing: "91440300192203821")
        }
        #expect(throws: CreditCodeError.wrongLength(actual: 0)) { try UnifiedSocialCreditCode(parsing: "   ") }
    }

    @Test("a character outside the alphabet is rejected with its position")
    func badCharacter() {
        // I, O, S, V, Z are not in the alphabet.
        #expect(throws: CreditCodeError.invalidCharacter("I", position: 9)) {
            try UnifiedSocialCreditCode(parsing: "91350100I000100Y43")
        }
        #expect(throws: CreditCodeError.invalidCharacter("-", position: 3)) {
            try UnifiedSocialCreditCode(parsing: "91-50100M000100Y43")
        }
        let message = CreditCodeError.invalidCharacter("O", position: 12).description
        #expect(message.contains("position 12"))
    }

    @Test("weights are 3^(i-1) mod 31")
    func weights() {
        #expect(UnifiedSocialCreditCode.weights == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])
    }

    @Test("make(prefix17:) builds codes that parse, and agrees with the published codes")
    func make() throws {
        #expect(try UnifiedSocialCreditCode.make(prefix17: "91440300192203821").rawValue == "914403001922038216")
        #expect(try UnifiedSocialCreditCode.checkCharacter(prefix17: "91512081MA62K0260") == "E")
        for serial in 0..<200 {
            let digits = String(serial)
            let prefix = "91320582MA1" + String(repeating: "0", count: 6 - digits.count) + digits
            let code = try UnifiedSocialCreditCode.make(prefix17: prefix)
            #expect(try UnifiedSocialCreditCode(parsing: code.rawValue) == code)
            #expect(code.divisionCode == "320582")
        }
        #expect(throws: CreditCodeError.wrongLength(actual: 18)) {
            try UnifiedSocialCreditCode.make(prefix17: "914403001922038216")
        }
    }

    @Test("every single-character change of a valid code is detected")
    func detectsSubstitutions() {
        let valid = Array("91350100M000100Y43")
        for position in 0..<17 {
            for replacement in UnifiedSocialCreditCode.alphabet where replacement != valid[position] {
                var changed = valid
                changed[position] = replacement
                #expect(UnifiedSocialCreditCode(String(changed)) == nil, "\(String(changed))")
            }
        }
    }

    @Test("the Foundation-free fast path agrees with the lenient parse on every kind of text")
    func fastPathAgreesWithTheLenientParse() throws {
        var random = SeededRandom(seed: 32100)
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXYabcdefghjkmnpqrtuwxyIOSVZioszv -\u{3000}号")
        var fastHits = 0
        for round in 0..<20_000 {
            var text: String
            if round % 2 == 0 {
                // A valid code, sometimes lower-cased or with one character changed.
                let prefix = String((0..<17).map { _ in UnifiedSocialCreditCode.alphabet.randomElement(using: &random) ?? "0" })
                text = try UnifiedSocialCreditCode.make(prefix17: prefix).rawValue
                if Bool.random(using: &random) { text = text.lowercased() }
                if Int.random(in: 0..<3, using: &random) == 0 {
                    var characters = Array(text)
                    characters[Int.random(in: 0..<18, using: &random)] = alphabet.randomElement(using: &random) ?? "0"
                    text = String(characters)
                }
            } else {
                text = String((0..<Int.random(in: 16...19, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "0" })
            }
            let fast = UnifiedSocialCreditCode.parsedCanonical(text)
            let lenient = try? UnifiedSocialCreditCode.leniently(text)
            if fast != nil { fastHits += 1 }
            // The fast path answers only valid codes, and then exactly as the lenient parse does.
            #expect(fast == nil || fast == lenient, "\(text)")
            // Every plain valid code takes it.
            if let lenient, lenient == text.uppercased(), text.utf8.count == 18 { #expect(fast == lenient, "\(text)") }
        }
        #expect(fastHits > 5_000)
    }
}
