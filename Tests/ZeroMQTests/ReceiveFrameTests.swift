import Foundation
import Testing
@testable import ZeroMQ

/// The single-frame fast path (`Socket.receiveFrame`, `Socket.send(_:more:dontWait:)`) and its message reuse.
@Suite("Single-frame receive")
struct ReceiveFrameTests {
    @Test("receiveFrame reuses free messages but never overwrites a frame the caller still holds")
    func keptFramesStayIntact() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let (_, push, pull) = try pushPull(in: directory, "single")
        var kept: [Frame] = []
        var all: [String] = []
        for index in 0..<40 {
            #expect(try push.send(Frame(string: "frame \(index)")))
            let (frame, more) = try #require(try pull.receiveFrame())
            #expect(!more)
            all.append(frame.string ?? "?")
            if index % 3 == 0 { kept.append(frame) }
        }
        #expect(all == (0..<40).map { "frame \($0)" })
        #expect(kept.map { $0.string ?? "?" } == stride(from: 0, to: 40, by: 3).map { "frame \($0)" })
        push.close()
        pull.close()
    }

    @Test("receiveFrame reads a multipart message part by part with correct more flags, then would block")
    func multipartPartByPart() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let (_, push, pull) = try pushPull(in: directory, "parts")
        let big = Frame([UInt8](repeating: 7, count: Frame.zeroCopyThreshold + 10))
        #expect(try push.send([Frame(string: "a"), Frame(), big, Frame(string: "z")]))
        var parts: [Frame] = []
        var flags: [Bool] = []
        repeat {
            let (frame, more) = try #require(try pull.receiveFrame())
            parts.append(frame)
            flags.append(more)
        } while flags.last == true
        #expect(parts == [Frame(string: "a"), Frame(), big, Frame(string: "z")])
        #expect(flags == [true, true, true, false])
        #expect(try pull.receiveFrame(dontWait: true) == nil)
        push.close()
        pull.close()
    }

    @Test("a received frame forwarded as is arrives unchanged")
    func forwardReceivedFrame() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let context = try Context()
        let middle = try context.socket(.pull)
        try middle.set(testReceiveTimeout)
        try middle.bind(directory.endpoint("in"))
        let end = try context.socket(.pull)
        try end.set(testReceiveTimeout)
        try end.bind(directory.endpoint("out"))
        let source = try context.socket(.push)
        try source.connect(directory.endpoint("in"))
        let relay = try context.socket(.push)
        try relay.connect(directory.endpoint("out"))
        for size in [1, 100, Frame.zeroCopyThreshold * 2] {
            let original = Frame([UInt8]((0..<size).map { UInt8(truncatingIfNeeded: $0) }))
            #expect(try source.send(original))
            let (received, _) = try #require(try middle.receiveFrame())
            #expect(try relay.send(received))
            let (forwarded, _) = try #require(try end.receiveFrame())
            #expect(forwarded == original)
            #expect(forwarded.data == original.data)
        }
        for socket in [source, relay, middle, end] { socket.close() }
    }
}
