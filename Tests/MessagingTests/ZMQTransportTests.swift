import Foundation
@testable import Messaging
import Testing
import ZeroMQ

/// A fresh short runtime directory for ipc endpoints (well under the 107-byte socket path limit).
func shortRunDirectory() -> String {
    "/tmp/kcm-\(UInt32.random(in: 0...UInt32.max))"
}

@Suite(.serialized) struct ZMQTransportTests {
    @Test func publishSubscribeRoundTripOverIPC() async throws {
        let directory = shortRunDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = "ipc://\(directory)/m.pub"
        let loop = try SocketLoop(name: "msg-test")
        let publisher = try await ZMQPublisher.bind(endpoint, on: loop)
        let subscriber = try await ZMQSubscriber.connect([endpoint], prefixes: [Topic.family("sample")], on: loop)
        let headers = HeaderFactory(source: "tests")

        // Slow joiner: keep publishing probes until one arrives, then the subscription is live.
        let probing = Task {
            while !Task.isCancelled {
                try await publisher.publish(Sample(name: "probe", value: 0), header: headers.header(for: Sample.self))
            }
        }
        let received = try await within {
            var iterator = subscriber.envelopes.makeAsyncIterator()
            while let envelope = await iterator.next() {
                if envelope.topic == "sample.probe" { break }
            }
            probing.cancel()
            _ = try? await probing.value
            for value in 1...100 {
                try await publisher.publish(
                    Sample(name: value % 2 == 0 ? "even" : "odd", value: value),
                    header: headers.header(for: Sample.self, sequence: UInt64(value)))
            }
            try await publisher.publish(Other(flag: true), header: headers.header(for: Other.self))
            var values: [Int] = []
            while values.count < 100, let envelope = await iterator.next() {
                if envelope.topic == "sample.probe" { continue }
                let sample = try envelope.decode(Sample.self)
                #expect(envelope.sequence == UInt64(sample.value))
                values.append(sample.value)
            }
            return values
        }
        #expect(received == Array(1...100))
        #expect(subscriber.droppedCount == 0)
        await subscriber.close()
        await publisher.close()
        await loop.shutdown()
    }

    @Test func requestReplyOverRouterAndDealer() async throws {
        let directory = shortRunDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = "ipc://\(directory)/m.req"
        let loop = try SocketLoop(name: "msg-test")
        let server = try await ZMQRequestServer.bind(endpoint, on: loop, source: "ingest")
        let serving = Task { await server.serve(EchoHandler()) }
        let clients = try await (0..<3).asyncMap { index in
            try await ZMQRequestClient.connect(endpoint, on: loop, source: "cli\(index)")
        }
        let results = try await within {
            try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for index in 0..<30 {
                    let client = clients[index % clients.count]
                    group.addTask {
                        let reply = try await client.request(Sample(name: "n", value: index), expecting: Sample.self)
                        return (index, reply.value)
                    }
                }
                var collected: [Int: Int] = [:]
                for try await (index, value) in group { collected[index] = value }
                return collected
            }
        }
        #expect(results.count == 30)
        #expect(results.allSatisfy { $0.value == $0.key * 2 })

        let reply = try await within { try await clients[0].request(Other(flag: true)) }
        #expect(reply.carries(ErrorReply.self))
        #expect(try reply.decode(ErrorReply.self).code == .unknownType)

        for client in clients { await client.close() }
        await server.close()
        await serving.value
        await loop.shutdown()
    }

    @Test func malformedRequestGetsErrorReply() async throws {
        let directory = shortRunDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = "ipc://\(directory)/m.req"
        let loop = try SocketLoop(name: "msg-test")
        let server = try await ZMQRequestServer.bind(endpoint, on: loop, source: "ingest")
        let serving = Task { await server.serve(EchoHandler()) }
        let raw = try await loop.open(.dealer) { try $0.connect(endpoint) }
        try await raw.send([Frame(), Frame(string: "sample.x"), Frame(string: "{not json")])
        let frames = try await within {
            var iterator = raw.incoming.makeAsyncIterator()
            return await iterator.next() ?? []
        }
        #expect(frames.count == 4)
        #expect(frames.first?.isEmpty == true)
        let reply = try EnvelopeCodec.decode(frames.dropFirst())
        let error = try reply.decode(ErrorReply.self)
        #expect(error.code == .badEnvelope)
        #expect(error.message.contains("3 frames"))
        await raw.close()
        await server.close()
        await serving.value
        await loop.shutdown()
    }

    @Test func requestToAbsentServerTimesOut() async throws {
        let directory = shortRunDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let loop = try SocketLoop(name: "msg-test")
        let client = try await ZMQRequestClient.connect("ipc://\(directory)/nobody", on: loop, source: "cli")
        await #expect(throws: RequestError.timeout(type: Sample.messageType, after: .milliseconds(100))) {
            _ = try await client.request(Sample(name: "x", value: 1), timeout: .milliseconds(100))
        }
        await client.close()
        await loop.shutdown()
    }
}

extension ZMQTransportTests {
    @Test func droppingAnUnclosedClientClosesItsSocketAndEndsReplyMatching() async throws {
        let directory = shortRunDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let loop = try SocketLoop(name: "msg-test")
        var client: ZMQRequestClient? = try await ZMQRequestClient.connect(
            "ipc://\(directory)/nobody", on: loop, source: "cli")
        guard let socket = client?.socket else { return }
        weak let waiting = client?.waiting
        #expect(waiting != nil)
        client = nil  // never closed
        // The socket's close was queued by the client's deinit, ahead of this send: the send fails.
        await #expect(throws: SocketLoopError.socketClosed(id: socket.id)) {
            try await socket.send([Frame(), Frame(string: "late")])
        }
        // Nothing is left matching replies for the dropped client.
        #expect(waiting == nil)
        await loop.shutdown()
    }

    @Test func requestsBeyondTheSendQueueBoundFailAtOnce() async throws {
        let directory = shortRunDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let loop = try SocketLoop(name: "msg-test")
        // `immediate`: libzmq queues nothing without a connected server, so requests wait in the loop's queue.
        let client = try await ZMQRequestClient.connect(
            "ipc://\(directory)/nobody", on: loop, source: "cli", options: [.linger(.zero), .immediate(true)],
            sendQueueLimit: 3)
        // Each timed-out request leaves its message queued for a server that may still come.
        for value in 0..<3 {
            await #expect(throws: RequestError.timeout(type: Sample.messageType, after: .milliseconds(50))) {
                _ = try await client.request(Sample(name: "x", value: value), timeout: .milliseconds(50))
            }
        }
        #expect(client.socket.unsentCount == 3)
        let started = ContinuousClock.now
        await #expect(throws: SocketLoopError.sendQueueFull(id: client.socket.id, limit: 3)) {
            _ = try await client.request(Sample(name: "x", value: 3), timeout: .seconds(5))
        }
        #expect(ContinuousClock.now - started < .seconds(4))
        await client.close()
        #expect(client.socket.unsentCount == 0)
        await loop.shutdown()
    }
}

extension Sequence where Element: Sendable {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
