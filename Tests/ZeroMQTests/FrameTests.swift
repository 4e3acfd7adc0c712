import Foundation
import Testing
@testable import ZeroMQ

@Suite("Frame")
struct FrameTests {
    @Test("initialisers agree on bytes, count and text")
    func initialisers() {
        let fromString = Frame(string: "科创")
        let fromBytes = Frame(Array("科创".utf8))
        let fromData = Frame(Data("科创".utf8))
        #expect(fromString == fromBytes)
        #expect(fromBytes == fromData)
        #expect(fromString.count == 6)
        #expect(fromData.string == "科创")
        #expect(fromData.bytes == Array("科创".utf8))
        #expect(fromData.data == Data("科创".utf8))
        #expect(Frame().isEmpty && Frame(string: "").count == 0 && Frame() == Frame([]))
    }

    @Test("invalid UTF-8 gives a nil string")
    func invalidUTF8() {
        #expect(Frame([0xff, 0xfe, 0x41]).string == nil)
        #expect(Frame([0x41]).string == "A")
    }

    @Test("large frames expose their bytes as Data without loss")
    func largeData() {
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let frame = Frame(bytes)
        #expect(frame.data == Data(bytes))
        #expect(frame.withUnsafeBytes { $0.count } == 100_000)
        #expect(frame.hasPrefix(Array(bytes.prefix(10))))
        #expect(!frame.hasPrefix([1, 2, 3]))
    }
}
