import Foundation
import Testing
@testable import ZeroMQ

/// Every socket pattern round-trips through the synchronous `Socket` API over ipc.
@Suite("Socket patterns")
struct SocketPatternTests {
    @Test("PUSH/PULL carries a multipart message intact, including empty frames")
    func pushPullMultipart() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let (_, push, pull) = try pushPull(in: directory, "pp")
        let sent = [Frame(string: "topic"), Frame(), Frame([0, 1, 2, 255])]
        #expect(try push.send(sent))
        let received = try pull.receiveMultipart()
        #expect(received == sent)
        push.close()
        pull.close()
    }

    @Test("frames kept by the caller stay intact across later receives (message objects are only reused when free)")
    func keptFramesStayIntact() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let (_, push, pull) = try pushPull(in: directory, "keep")
        var kept: [[Frame]] = []
        for index in 0..<20 {
            try push.send([Frame(string: "message \(index)")])
            let message = try #require(try pull.receiveMultipart())
            if index % 2 == 0 { kept.append(message) }
        }
        #expect(kept.map { texts($0) } == stride(from: 0, to: 20, by: 2).map { ["message \($0)"] })
    }

    @Test("an 8 MiB message arrives whole and unchanged")
    func largeMessage() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let (context, push, pull) = try pushPull(in: directory, "big")
        let size = 8 * 1024 * 1024
        var bytes = [UInt8](repeating: 0, count: size)
        for index in stride(from: 0, to: size, by: 4093) { bytes[index] = UInt8(truncatingIfNeeded: index / 4093) }
        let payload = Data(bytes)
        let frame = Frame(payload)
        #expect(try push.send([Frame(string: "head"), frame]))
        let received = try #require(try pull.receiveMultipart())
        #expect(received.count == 2)
        #expect(received.last?.count == size)
        #expect(received.last?.data == payload)
        // Forwarding a received frame shares its bytes and still arrives intact.
        let relay = try context.socket(.pull)
        try relay.set(testReceiveTimeout)
        try relay.bind(directory.endpoint("relay"))
        let forward = try context.socket(.push)
        try forward.connect(directory.endpoint("relay"))
        #expect(try forward.send(received))
        #expect(try relay.receiveMultipart() == received)
    }

    @Test("PUB/SUB delivers only subscribed prefixes (slow joiner handled by retrying until first receipt)")
    func pubSubPrefix() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let context = try Context()
        let pub = try context.socket(.pub)
        try pub.bind(directory.endpoint("pub"))
        let sub = try context.socket(.sub)
        try sub.set(.receiveTimeout(.milliseconds(20)))
        try sub.subscribe("metrics.")
        try sub.connect(directory.endpoint("pub"))
        var first: [Frame]?
        for _ in 0..<500 where first == nil {
            try pub.send([Frame(string: "ingest.doc"), Frame(string: "x")])
            try pub.send([Frame(string: "metrics.ready"), Frame(string: "y")])
            first = try sub.receiveMultipart()
        }
        #expect(texts(first) == ["metrics.ready", "y"])
        // Now joined: a filtered message sent before a matching one is never seen.
        try sub.set(testReceiveTimeout)
        try sub.unsubscribe("metrics.")
        try sub.subscribe("metrics.final")
        var last: [String] = []
        for _ in 0..<500 {
            try pub.send([Frame(string: "metrics.ready"), Frame(string: "z")])
            try pub.send([Frame(string: "metrics.final"), Frame(string: "end")])
            last = texts(try sub.receiveMultipart())
            if last.first == "metrics.final" { break }
            #expect(last.first == "metrics.ready") // in flight before the subscription change
        }
        #expect(last == ["metrics.final", "end"])
    }

    @Test("XPUB announces subscriptions, so publishing starts exactly when the subscriber is ready")
    func xpubNotification() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let context = try Context()
        let xpub = try context.socket(.xpub)
        try xpub.set([testReceiveTimeout, .xpubVerbose(true)])
        try xpub.bind(directory.endpoint("xpub"))
        let sub = try context.socket(.sub)
        try sub.set(testReceiveTimeout)
        try sub.connect(directory.endpoint("xpub"))
        try sub.subscribe([0x4d])
        let notice = try #require(try xpub.receiveMultipart())
        #expect(notice.first?.bytes == [0x01, 0x4d])
        for name in ["A1", "M1", "B2", "M2"] { try xpub.send([Frame(string: name)]) }
        #expect(texts(try sub.receiveMultipart()) == ["M1"])
        #expect(texts(try sub.receiveMultipart()) == ["M2"])
    }

    @Test("REQ/REP round-trip")
    func requestReply() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let context = try Context()
        let rep = try context.socket(.rep)
        try rep.set(testReceiveTimeout)
        try rep.bind(directory.endpoint("rep"))
        let req = try context.socket(.req)
        try req.set(testReceiveTimeout)
        try req.connect(directory.endpoint("rep"))
        try req.send([Frame(string: "status")])
        #expect(texts(try rep.receiveMultipart()) == ["status"])
        try rep.send([Frame(string: "ready"), Frame(string: "就绪")])
        #expect(texts(try req.receiveMultipart()) == ["ready", "就绪"])
    }

    @Test("DEALER/ROUTER routes by routing id; router-mandatory reports unroutable peers")
    func dealerRouter() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let context = try Context()
        let router = try context.socket(.router)
        try router.set([testReceiveTimeout, .routerMandatory(true)])
        try router.bind(directory.endpoint("router"))
        let dealer = try context.socket(.dealer)
        try dealer.set([testReceiveTimeout, .routingID(Array("client-1".utf8))])
        try dealer.connect(directory.endpoint("router"))
        try dealer.send([Frame(string: "hello")])
        let request = try #require(try router.receiveMultipart())
        #expect(texts(request) == ["client-1", "hello"])
        try router.send([Frame(string: "client-1"), Frame(string: "welcome")])
        #expect(texts(try dealer.receiveMultipart()) == ["welcome"])
        #expect {
            try router.send([Frame(string: "nobody"), Frame(string: "lost")])
        } throws: { error in
            (error as? ZMQError)?.isHostUnreachable == true
        }
    }

    @Test("MAXMSGSIZE: an oversized message is dropped (its peer disconnected) while a small one arrives")
    func maxMessageSize() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let context = try Context()
        let pull = try context.socket(.pull)
        try pull.set([.maxMessageSize(1024), testReceiveTimeout])
        try pull.bind(directory.endpoint("max"))
        let big = try context.socket(.push)
        try big.connect(directory.endpoint("max"))
        try big.send([Frame([UInt8](repeating: 7, count: 4096))])
        let small = try context.socket(.push)
        try small.connect(directory.endpoint("max"))
        try small.send([Frame(string: "small")])
        let received = try #require(try pull.receiveMultipart())
        #expect(texts(received) == ["small"])
        try pull.set(.receiveTimeout(.milliseconds(200)))
        #expect(try pull.receiveMultipart() == nil)
    }

    @Test("non-blocking receive reports would-block as nil; errors carry call, endpoint and strerror text")
    func wouldBlockAndErrors() throws {
        let context = try Context()
        let pull = try context.socket(.pull)
        #expect(try pull.receiveMultipart(dontWait: true) == nil)
        let push = try context.socket(.push)
        #expect(try push.send([Frame(string: "nobody listens")], dontWait: true) == false)
        do {
            try pull.connect("bogus://nowhere")
            Issue.record("connect to an unknown transport succeeded")
        } catch {
            #expect(error.operation == "zmq_connect")
            #expect(error.endpoint == "bogus://nowhere")
            #expect(error.description.contains("bogus://nowhere"))
            #expect(error.description.contains(error.message) && !error.message.isEmpty)
        }
    }

    @Test("tcp endpoints work the same way (ephemeral port via lastEndpoint)")
    func tcp() throws {
        let context = try Context()
        let pull = try context.socket(.pull)
        try pull.set(testReceiveTimeout)
        try pull.bind("tcp://127.0.0.1:*")
        let endpoint = try pull.lastEndpoint()
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        let push = try context.socket(.push)
        try push.connect(endpoint)
        try push.send([Frame(string: "over tcp")])
        #expect(texts(try pull.receiveMultipart()) == ["over tcp"])
    }

    @Test("the poller reports which socket is readable")
    func poller() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let context = try Context()
        let quiet = try context.socket(.pull)
        try quiet.bind(directory.endpoint("quiet"))
        let busy = try context.socket(.pull)
        try busy.bind(directory.endpoint("busy"))
        let push = try context.socket(.push)
        try push.connect(directory.endpoint("busy"))
        try push.send([Frame(string: "ping")])
        var poller = Poller()
        let quietIndex = poller.register(quiet, for: .readable)
        let busyIndex = poller.register(busy, for: .readable)
        #expect(try poller.poll(timeout: .seconds(5)) == 1)
        #expect(poller.events(at: busyIndex).contains(.readable))
        #expect(poller.events(at: quietIndex).isEmpty)
        #expect(texts(try busy.receiveMultipart(dontWait: true)) == ["ping"])
    }
}
