import Foundation
@testable import Messaging
import Testing
import ZeroMQ

/// Issue #12, "every reply matchable, every code right": error replies carry the request id whenever it can be read,
/// out-of-range numbers are `invalid_request` naming the field, no Swift type names, §5 JSON strictness.
@Suite struct MatchableRepliesTests {
    static func headerText(_ fields: String) -> String {
        #"{"version":"1.0","type":"stream.replay","id":"req-7","source":"py","timestamp":5"# + fields + "}"
    }

    /// The error reply a request server would send for a replay body.
    static func replayReply(_ body: String) -> ErrorReply? {
        do {
            let envelope = try EnvelopeCodec.decode(parts: parts("x.replay", headerText(""), body))
            _ = try envelope.decode(ReplayRequest.self)
            return nil
        } catch {
            return ErrorReply(error)
        }
    }

    @Test(arguments: [
        (#"{"stream":"x","afterSequence":-1,"limit":10}"#, "afterSequence"),
        (#"{"stream":"x","afterSequence":1.5,"limit":10}"#, "afterSequence"),
        (#"{"stream":"x","afterSequence":18446744073709551616,"limit":10}"#, "afterSequence"),
        (#"{"stream":"x","afterSequence":0,"limit":9223372036854775808}"#, "limit"),
        (#"{"stream":"x","afterSequence":0,"limit":1.5}"#, "limit"),
        (#"{"stream":"x","afterSequence":0,"limit":0}"#, "limit"),
        (#"{"stream":"x","afterSequence":0,"limit":-5}"#, "limit"),
        (#"{"stream":"x","afterSequence":0,"limit":"10"}"#, "limit"),
    ])
    func outOfRangeNumbersAreInvalidRequestNamingTheField(body: String, field: String) throws {
        let reply = try #require(Self.replayReply(body))
        #expect(reply.code == .invalidRequest, "\(reply)")
        #expect(reply.field == field, "\(reply)")
        #expect(!reply.message.contains("not valid JSON"))
    }

    @Test func fullUnsignedRangeOfAfterSequenceIsAccepted() {
        #expect(Self.replayReply(#"{"stream":"x","afterSequence":18446744073709551615,"limit":1}"#) == nil)
    }

    @Test func snapshotLimitMustBePositive() throws {
        let header = #"{"version":"1.0","type":"stream.snapshot","id":"s1","source":"py","timestamp":5}"#
        for limit in ["0", "-1", "2.5", "9223372036854775808"] {
            let envelope = try EnvelopeCodec.decode(
                parts: parts("x.snapshot", header, #"{"stream":"x","prefix":"","limit":"# + limit + "}"))
            let error = decodeError { _ = try envelope.decode(SnapshotRequest.self) }
            let reply = ErrorReply(try #require(error))
            #expect(reply.code == .invalidRequest)
            #expect(reply.field == "limit")
        }
    }

    @Test func headerSequenceOutOfRangeNamesTheField() throws {
        let error = decodeError { _ = try EnvelopeCodec.decodeHeader(Data(Self.headerText(#","sequence":-1"#).utf8)) }
        let reply = ErrorReply(try #require(error))
        #expect(reply.code == .badEnvelope)
        #expect(reply.field == "sequence")
        #expect(!reply.message.contains("not valid JSON"))
    }

    @Test func noSwiftTypeNamesInMessages() throws {
        let bodies = [
            "[]", "null", "7", #""text""#,
            #"{"stream":5,"afterSequence":0,"limit":1}"#,
            #"{"stream":null,"afterSequence":0,"limit":1}"#,
            #"{"stream":"x","afterSequence":true,"limit":1}"#,
        ]
        for body in bodies {
            let reply = try #require(Self.replayReply(body))
            #expect(reply.code == .invalidRequest, "\(body): \(reply)")
            for swiftName in ["Dictionary", "String", "UInt64", "Int", "Any>", "Swift"] {
                #expect(!reply.message.contains(swiftName), "\(body): \(reply.message)")
            }
        }
    }

    @Test func byteOrderMarkAndTrailingCommasAreNotJSON() {
        let header = Self.headerText("")
        let headers = [
            "\u{FEFF}" + header,
            String(header.dropLast()) + ",}",
            #"{"version":"1.0","type":"t","id":"a","source":"s","timestamp":5,"extra":[1,2,],"x":1}"#,
        ]
        for text in headers {
            let error = decodeError { _ = try EnvelopeCodec.decodeHeader(Data(text.utf8)) }
            #expect(error.map { ErrorReply($0).code } == .badEnvelope, "\(text)")
            guard case .invalidJSON(.header, _) = error else {
                Issue.record("expected invalid JSON for \(text), got \(String(describing: error))")
                continue
            }
        }
        for body in ["\u{FEFF}" + #"{"stream":"x","afterSequence":0,"limit":1}"#,
                     #"{"stream":"x","afterSequence":0,"limit":1,}"#]
        {
            let reply = Self.replayReply(body)
            #expect(reply?.code == .badEnvelope, "\(body)")
        }
    }

    @Test func strictJSONAcceptsWhatJSONIs() {
        let valid = [
            #"{}"#, #"[]"#, #" {"a" : [1, -2.5e+3, true, false, null, "\u00e9\n"]} "#, "0", #""""#, "[[[]]]",
        ]
        for text in valid {
            #expect(Data(text.utf8).withUnsafeBytes { StrictJSON.check($0) } == nil, "\(text)")
        }
        let invalid = ["", "{", #"{"a":1,}"#, "[1,]", "01", "1.", "-", #"{"a" 1}"#, "[1 2]", #""\x""#, "{} {}", "nul"]
        for text in invalid {
            #expect(Data(text.utf8).withUnsafeBytes { StrictJSON.check($0) } != nil, "\(text)")
        }
    }

    @Test func readableIDOfRefusedHeaders() {
        let refused = [
            #"{"version":"9.0","type":"t","id":"id-9","source":"s","timestamp":5}"#,
            #"{"version":"1.0","type":"t","id":"id-9","source":"s","timestamp":"soon"}"#,
            #"{"version":"1.0","type":"t","id":"id-9","timestamp":5}"#,
            #"{"version":"1.0","type":"","id":"id-9","source":"s","timestamp":5}"#,
        ]
        for text in refused {
            #expect(EnvelopeCodec.readableID(inHeader: Data(text.utf8)) == "id-9", "\(text)")
        }
        #expect(EnvelopeCodec.readableID(inHeader: Data(#"{"id":""}"#.utf8)) == nil)
        #expect(EnvelopeCodec.readableID(inHeader: Data("not json".utf8)) == nil)
    }
}

/// The same over a real ROUTER: a DEALER with several requests in flight can match every error reply.
@Suite(.serialized) struct MatchableRepliesOverZeroMQTests {
    @Test func headerErrorsCarryTheRequestID() async throws {
        let directory = shortRunDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = "ipc://\(directory)/m.req"
        let loop = try SocketLoop(name: "msg-test")
        let server = try await ZMQRequestServer.bind(endpoint, on: loop, source: "ingest")
        let serving = Task { await server.serve(EchoHandler()) }
        let raw = try await loop.open(.dealer) { try $0.connect(endpoint) }
        let headers = [
            ("v9", #"{"version":"9.0","type":"test.sample","id":"v9","source":"py","timestamp":5}"#, "unsupported_version"),
            ("ts", #"{"version":"1.0","type":"test.sample","id":"ts","source":"py","timestamp":"now"}"#, "bad_envelope"),
            ("src", #"{"version":"1.0","type":"test.sample","id":"src","timestamp":5}"#, "bad_envelope"),
            ("seq", #"{"version":"1.0","type":"test.sample","id":"seq","source":"py","sequence":-1,"timestamp":5}"#,
             "bad_envelope"),
        ]
        for (_, text, _) in headers {
            try await raw.send([Frame(), Frame(string: "sample.x"), Frame(string: text), Frame(string: "{}")])
        }
        let replies = try await within {
            var iterator = raw.incoming.makeAsyncIterator()
            var collected: [String: String] = [:]
            while collected.count < headers.count, let frames = await iterator.next() {
                let reply = try EnvelopeCodec.decode(frames.dropFirst())
                collected[reply.header.correlation ?? "none"] = try reply.decode(ErrorReply.self).code.rawValue
            }
            return collected
        }
        for (id, _, code) in headers {
            #expect(replies[id] == code, "\(id): \(replies)")
        }
        await raw.close()
        await server.close()
        await serving.value
        await loop.shutdown()
    }
}
