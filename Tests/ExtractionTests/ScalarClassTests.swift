import Testing
@testable import Extraction

@Suite struct ScalarClassTests {
    @Test func whiteSpaceIsTheUnicodeProperty() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(ScalarClass.isWhiteSpace(scalar) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }
}
