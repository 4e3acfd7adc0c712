import KechuangTestSupport
import Contracts
import Foundation
import Messaging
import Testing
import ZeroMQ

/// Issue #12 against the real `kechuang-ingest`: a client written from docs/protocol.md alone, sending what a hostile
/// or careless client sends.
@Suite(.serialized) struct HostileClientTests {
    static func header(type: String, id: String, version: String = "1.0") -> Frame {
        Frame(string: #"{"version":""# + version + #"","type":""# + type + #"","id":""# + id
            + #"","source":"py","timestamp":1}"#)
    }

    /// The decoded reply to raw `frames` (DEALER with delimiter).
    static func exchange(_ service: IngestTestService, _ endpoint: String, _ frames: [Frame]) async throws -> Envelope {
        let reply = try #require(try await service.client.rawExchange(endpoint: endpoint, frames: frames, timeout: .seconds(60)))
        return try EnvelopeCodec.decode(reply.dropFirst())
    }

    @Test func everyReplyIsMatchableAndTyped() async throws {
        let service = try await IngestTestService.start(extra: ["--max-document-bytes", "1000000"])
        do {
            let request = try service.process.readiness.endpoint("ingest.req")
            let sync = try service.process.readiness.endpoint("ingest.sync")

            // A status body that is not an object.
            let status = try await Self.exchange(service, request, [
                Frame(), Frame(string: "ingest.status"), Self.header(type: "ingest.status", id: "st-1"), Frame(string: "[]"),
            ])
            #expect(status.header.correlation == "st-1")
            let statusError = try status.decode(ErrorReply.self)
            #expect(statusError.code == .invalidRequest)
            #expect(!statusError.message.contains("Dictionary"))

            // An unsupported version still carries the request id.
            let version = try await Self.exchange(service, request, [
                Frame(), Frame(string: "ingest.status"), Self.header(type: "ingest.status", id: "v-9", version: "9.0"),
                Frame(string: "{}"),
            ])
            #expect(version.header.correlation == "v-9")
            #expect(try version.decode(ErrorReply.self).code == .unsupportedVersion)

            // Out-of-range replay numbers name the field.
            let replay = try await Self.exchange(service, sync, [
                Frame(), Frame(string: "ingest.replay"), Self.header(type: "stream.replay", id: "r-1"),
                Frame(string: #"{"stream":"ingest","afterSequence":-1,"limit":10}"#),
            ])
            let replayError = try replay.decode(ErrorReply.self)
            #expect(replay.header.correlation == "r-1")
            #expect(replayError.code == .invalidRequest)
            #expect(replayError.field == "afterSequence")

            // The sync endpoint has a size limit too (it accepted 50 MB frames before).
            let padding = String(repeating: "x", count: 200_000)
            let oversized = try await Self.exchange(service, sync, [
                Frame(), Frame(string: "ingest.replay"), Self.header(type: "stream.replay", id: "r-big"),
                Frame(string: #"{"stream":"ingest","afterSequence":0,"limit":10,"pad":""# + padding + #""}"#),
            ])
            #expect(oversized.header.correlation == "r-big")
            let tooLarge = try oversized.decode(ErrorReply.self)
            #expect(tooLarge.code == .tooLarge)
            #expect(tooLarge.limit == "\(RequestLimits.queryRequestBytes)")

            // A document of almost the maximum size, Chinese escaped as \uXXXX (Python's json.dumps default): 2× the
            // document bytes on the wire. It fits the documented limit and is accepted.
            let text = String(repeating: "科技创新", count: 83_333)  // 999 996 bytes of UTF-8
            let escaped = text.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined()
            let body = #"{"kind":"report","reportYear":2024,"name":"escaped.txt","content":""# + escaped + #""}"#
            #expect(body.utf8.count > 2_000_000)
            let accepted = try await Self.exchange(service, request, [
                Frame(), Frame(string: "ingest.submit"), Self.header(type: "ingest.submit", id: "doc-esc"),
                Frame(string: body),
            ])
            #expect(accepted.header.correlation == "doc-esc")
            #expect(accepted.carries(SubmitAccepted.self), "\(accepted.type): \(String(decoding: accepted.body.prefix(300), as: UTF8.self))")

            // Above the message limit: a typed reply, not a dropped connection.
            let huge = #"{"kind":"report","content":""# + String(repeating: "a", count: 2_200_000) + #""}"#
            let refused = try await Self.exchange(service, request, [
                Frame(), Frame(string: "ingest.submit"), Self.header(type: "ingest.submit", id: "doc-huge"),
                Frame(string: huge),
            ])
            #expect(refused.header.correlation == "doc-huge")
            let refusal = try refused.decode(ErrorReply.self)
            #expect(refusal.code == .tooLarge)
            #expect(refusal.limit == "\(2 * 1_000_000 + 64 * 1024)")

            #expect(try await service.stop() == 0)
        } catch {
            await service.finish()
            throw error
        }
        service.directory.remove()
    }
}
