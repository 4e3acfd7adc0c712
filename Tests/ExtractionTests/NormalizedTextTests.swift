import Testing
@testable import Extraction

@Suite struct NormalizedTextTests {
    /// The hand-written UTF-8 encoder gives the string the scalar view gives, for every scalar and for text.
    @Test func stringEncodesLikeTheScalarView() throws {
        var scalars: [Unicode.Scalar] = []
        for value in stride(from: UInt32(0), through: 0x10FFFF, by: 1) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            scalars.append(scalar)
        }
        for start in stride(from: 0, to: scalars.count, by: 4096) {
            let slice = scalars[start..<min(start + 4096, scalars.count)]
            #expect(NormalizedText.string(slice) == NormalizedText.referenceString(slice))
            #expect(Array(NormalizedText.string(slice).utf8) == Array(NormalizedText.referenceString(slice).utf8))
        }
        for text in LabelledSet.texts {
            let all = Array(try Fixtures.text(text.text).unicodeScalars)
            for length in [0, 1, 2, 7, 15, 16, 40] {
                for start in stride(from: 0, to: max(0, all.count - length), by: 97) {
                    let slice = all[start..<(start + length)]
                    #expect(Array(NormalizedText.string(slice).utf8) == Array(NormalizedText.referenceString(slice).utf8))
                }
            }
        }
    }
}
