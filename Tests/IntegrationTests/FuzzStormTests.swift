import Contracts
import Foundation
import KechuangTestSupport
import Messaging
import Testing
import ZeroMQ

/// Issue #12's fuzz test: ≥ 10 000 generated bad requests against every request endpoint (ROUTER) of a real system
/// under `kechuang up`, with valid requests interleaved. Every request — bad or valid — gets exactly one reply
/// (docs/protocol.md §5: malformed envelopes get the generic `error` reply), every valid request its real answer,
/// no service dies, and resident memory stays bounded. Replies are counted per code.
@Suite("Fuzz storm against every endpoint", .serialized)
struct FuzzStormTests {
    /// One request endpoint and a valid request for it.
    struct Target: Sendable {
        var endpoint: String
        var validType: String
        var validBody: String
    }

    /// A header frame's JSON.
    static func header(type: String, id: String) -> String {
        #"{"version":"1.0","type":""# + type + #"","id":""# + id + #"","source":"fuzz","timestamp":1}"#
    }

    /// A generated bad request (its frames after the DEALER delimiter) for `target`.
    static func badRequest(_ target: Target, id: String, random: inout SeededRandom) -> [Frame] {
        let topic = Frame(string: "fuzz")
        switch Int.random(in: 0..<8, using: &random) {
        case 0:  // a header that is not JSON (some bytes not UTF-8)
            let bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            return [topic, Frame(Data(bytes)), Frame(string: "{}")]
        case 1:  // header fields wrong one at a time
            let headers = [
                #"{"version":"9.9","type":"x","id":""# + id + #"","source":"f","timestamp":1}"#,
                #"{"version":"1.0","type":"x","id":""# + id + #"","source":"f","timestamp":"soon"}"#,
                #"{"version":"1.0","type":"x","id":""# + id + #"","timestamp":1}"#,
                #"{"version":"1.0","type":""# + String(repeating: "t", count: 5000) + #"","id":""# + id + #"","source":"f","timestamp":1}"#,
                #"{"version":"1.0","type":"x","id":""# + id + #"","source":"f","timestamp":1,}"#,
                "\u{FEFF}" + header(type: target.validType, id: id),
                #"{"version":"1.0","type":"x","id":""# + id + #"","source":"f","timestamp":1,"sequence":-1}"#,
            ]
            return [topic, Frame(string: headers[Int.random(in: 0..<headers.count, using: &random)]), Frame(string: "{}")]
        case 2, 3:  // the valid body, mutated
            var body = Array(target.validBody.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &random) where !body.isEmpty {
                let at = Int.random(in: 0..<body.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: body.remove(at: at)
                case 1:
                    let noise = Array(#"{}[],:"\x-9e"#.utf8)
                    body.insert(noise[Int.random(in: 0..<noise.count, using: &random)], at: at)
                default: body[at] = UInt8.random(in: 0...255, using: &random)
                }
            }
            return [topic, Frame(string: header(type: target.validType, id: id)), Frame(Data(body))]
        case 4:  // out-of-range and wrong-shape values
            let bodies = [
                #"{"stream":"x","afterSequence":-1,"limit":10}"#, #"{"stream":"x","afterSequence":0,"limit":1.5}"#,
                #"{"stream":"x","afterSequence":0,"limit":9223372036854775808}"#, #"{"limit":1e400}"#, "[]", "5",
                "null", #""text""#, #"{"stream":5}"#, #"{"query":{"nested":[[[[[]]]]]}}"#,
            ]
            return [topic, Frame(string: header(type: target.validType, id: id)),
                    Frame(string: bodies[Int.random(in: 0..<bodies.count, using: &random)])]
        case 5:  // wrong frame counts
            switch Int.random(in: 0..<3, using: &random) {
            case 0: return [topic]
            case 1: return [topic, Frame(string: header(type: target.validType, id: id))]
            default: return [topic, Frame(string: header(type: target.validType, id: id)), Frame(string: "{}"), Frame(string: "{}")]
            }
        case 6:  // an unknown message type
            return [topic, Frame(string: header(type: "fuzz.unknown.\(Int.random(in: 0...999, using: &random))", id: id)),
                    Frame(string: "{}")]
        default:  // an oversized body on query endpoints (70 KiB > 64 KiB), a large but allowed one on ingest.req
            let padding = String(repeating: "填", count: 24_000)
            return [topic, Frame(string: header(type: target.validType, id: id)),
                    Frame(string: #"{"pad":""# + padding + #""}"#)]
        }
    }

    /// Resident memory of `pid` in MB (0 when unreadable).
    static func residentMB(_ pid: Int32) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0) / 1024
        }
        return 0
    }

    @Test(.timeLimit(.minutes(8)))
    func tenThousandBadRequestsLoseNoReplyAndKillNothing() async throws {
        let system = try await EndToEndSystem.start()
        defer { system.directory.remove() }
        let run = system.directory.runDirectory
        let targets = [
            Target(endpoint: "ingest.req", validType: IngestStatusRequest.messageType.rawValue, validBody: "{}"),
            Target(endpoint: "scoring.req", validType: ScoringStatusRequest.messageType.rawValue, validBody: "{}"),
            Target(endpoint: "metrics.req", validType: MetricsStatusRequest.messageType.rawValue, validBody: "{}"),
            Target(endpoint: "notify.req", validType: NotifyStatusRequest.messageType.rawValue, validBody: "{}"),
            Target(endpoint: "web.req", validType: WebStatusRequest.messageType.rawValue, validBody: "{}"),
        ] + [KechuangStream.ingest, KechuangStream.scoring, KechuangStream.metrics].map { stream in
            Target(endpoint: "\(stream).sync", validType: ReplayRequest.messageType.rawValue,
                   validBody: #"{"stream":""# + stream + #"","afterSequence":0,"limit":5}"#)
        }
        let perTarget = 1_300  // 8 endpoints: 10 400 requests, one in 20 of them valid
        let loop = try SocketLoop(name: "fuzz")
        let results = try await withThrowingTaskGroup(of: (String, [String: Int], Int, Int).self) { group in
            for (index, target) in targets.enumerated() {
                group.addTask {
                    var random = SeededRandom(seed: UInt64(1000 + index))
                    let socket = try await loop.open(.dealer) { try $0.connect("ipc://\(run)/\(target.endpoint)") }
                    var iterator = socket.incoming.makeAsyncIterator()
                    var codes: [String: Int] = [:]
                    var validSent: Set<String> = []
                    var validAnswered = 0
                    var sent = 0
                    var received = 0
                    while received < perTarget {
                        while sent < perTarget, sent - received < 16 {
                            let id = "\(target.endpoint)-\(sent)"
                            let frames: [Frame]
                            if sent % 20 == 0 {
                                frames = [Frame(string: "fuzz"), Frame(string: Self.header(type: target.validType, id: id)),
                                          Frame(string: target.validBody)]
                                validSent.insert(id)
                            } else {
                                frames = Self.badRequest(target, id: id, random: &random)
                            }
                            try await socket.send([Frame()] + frames)
                            sent += 1
                        }
                        // A lost reply leaves this waiting: the test's time limit reports it.
                        guard let frames = await iterator.next() else {
                            Issue.record("\(target.endpoint): no reply after \(received) of \(sent) requests")
                            break
                        }
                        received += 1
                        guard let reply = try? EnvelopeCodec.decode(frames.dropFirst()) else {
                            codes["unreadable reply", default: 0] += 1
                            continue
                        }
                        if reply.carries(ErrorReply.self), let error = try? reply.decode(ErrorReply.self) {
                            codes[error.code.rawValue, default: 0] += 1
                            if let correlation = reply.header.correlation, validSent.contains(correlation) {
                                Issue.record("\(target.endpoint): valid request \(correlation) answered \(error.code.rawValue)")
                            }
                        } else {
                            codes["answered", default: 0] += 1
                            if let correlation = reply.header.correlation, validSent.remove(correlation) != nil {
                                validAnswered += 1
                            }
                        }
                    }
                    await socket.close()
                    return (target.endpoint, codes, received, validAnswered)
                }
            }
            var all: [(String, [String: Int], Int, Int)] = []
            for try await result in group { all.append(result) }
            return all
        }
        await loop.shutdown()
        var total = 0
        for (endpoint, codes, received, validAnswered) in results.sorted(by: { $0.0 < $1.0 }) {
            total += received
            print("fuzz \(endpoint): replies=\(received) valid_answered=\(validAnswered) codes=\(codes.sorted { $0.key < $1.key })")
            #expect(received == perTarget, "\(endpoint): every request gets one reply")
            #expect(validAnswered == perTarget / 20, "\(endpoint): every valid request gets its real answer")
            #expect(codes["unreadable reply"] == nil, "\(endpoint): every reply is a readable envelope")
            // Bodies that are not the request ("[]", "5", null, a string) are refused on every endpoint.
            #expect((codes["invalid_request"] ?? 0) > 0, "\(endpoint): no body was refused as invalid_request")
        }
        #expect(total >= 10_000)
        // Nothing died, nothing is stuck, memory is bounded.
        let status = try await system.run(["status"])
        #expect(status.status == 0, "\(status.stdout.joined(separator: "\n"))")
        for service in ["ingest", "scoring", "metrics", "notify", "web"] {
            let pid = try #require(try system.pid(of: service))
            let resident = Self.residentMB(pid)
            print("fuzz \(service): rss_mb=\(resident)")
            #expect(resident < 400, "\(service) holds \(resident) MB after the storm")
        }
        #expect(try await system.stop() == 0)
    }
}
