import Foundation
import Messaging
import Testing

@Suite struct EnvelopeCodecTests {
    let validHeader = #"{"version":"1.0","type":"test.sample","id":"a1","source":"tests","timestamp":5}"#

    @Test func roundTripThroughParts() throws {
        let message = Sample(name: "loan", value: 42, tags: ["科技贷", "a\"b"])
        let envelope = try Envelope(message, header: header(sequence: 7, correlation: "c9"))
        let wire = EnvelopeCodec.encodeParts(envelope)
        #expect(wire.count == 3)
        #expect(String(decoding: wire[0], as: UTF8.self) == "sample.loan")
        let decoded = try EnvelopeCodec.decode(parts: wire)
        #expect(decoded.topic == "sample.loan")
        #expect(decoded.header == envelope.header)
        #expect(decoded.sequence == 7)
        #expect(try decoded.decode(Sample.self) == message)
    }

    @Test func wrongFrameCountIsRejected() {
        for count in [0, 1, 2, 4, 5] {
            let frames = Array(repeating: Data("x".utf8), count: count)
            let error = decodeError { _ = try EnvelopeCodec.decode(parts: frames) }
            #expect(error == .wrongFrameCount(expected: 3, actual: count))
        }
    }

    @Test func unknownMajorVersionIsRejectedAndNewerMinorAccepted() throws {
        let v2 = #"{"version":"2.0","type":"test.sample","id":"a1","source":"tests","timestamp":5}"#
        let error = decodeError { _ = try EnvelopeCodec.decode(parts: parts("t", v2, "{}")) }
        #expect(error == .unsupportedVersion(ProtocolVersion(major: 2, minor: 0)))
        let v17 = #"{"version":"1.7","type":"test.sample","id":"a1","source":"tests","timestamp":5}"#
        #expect(try EnvelopeCodec.decode(parts: parts("t", v17, "{}")).header.version.minor == 7)
    }

    @Test func malformedVersionIsAHeaderError() {
        let bad = #"{"version":"one","type":"test.sample","id":"a1","source":"tests","timestamp":5}"#
        let error = decodeError { _ = try EnvelopeCodec.decode(parts: parts("t", bad, "{}")) }
        guard case .invalidHeader(field: "version", _) = error else {
            Issue.record("expected invalidHeader(version), got \(String(describing: error))")
            return
        }
    }

    @Test func unknownTypeIsRejectedByRegistry() throws {
        let registry = MessageRegistry([Other.self])
        let error = decodeError { _ = try EnvelopeCodec.decode(parts: parts("t", validHeader, "{}"), registry: registry) }
        #expect(error == .unknownType("test.sample"))
        let known = MessageRegistry([Sample.self, Other.self])
        #expect(try EnvelopeCodec.decode(parts: parts("t", validHeader, "{}"), registry: known).type == "test.sample")
    }

    @Test func decodingAsAnotherTypeIsRejected() throws {
        let envelope = try Envelope(Sample(name: "x", value: 1), header: header())
        let error = decodeError { _ = try envelope.decode(Other.self) }
        #expect(error == .unexpectedType(expected: "test.other", actual: "test.sample"))
        let mismatch = decodeError { _ = try Envelope(Other(flag: true), header: header()) }
        #expect(mismatch == .unexpectedType(expected: "test.other", actual: "test.sample"))
    }

    @Test(arguments: ["{not json", "", "[1,2]", "\"text\"", "{\"version\":\"1.0\",", "null"])
    func invalidHeaderJSONIsRejected(text: String) {
        let error = decodeError { _ = try EnvelopeCodec.decode(parts: parts("t", text, "{}")) }
        guard case .invalidJSON(.header, _) = error else {
            Issue.record("expected invalidJSON(header) for \(text), got \(String(describing: error))")
            return
        }
    }

    @Test func missingAndMistypedHeaderFieldsAreNamed() {
        let missing = #"{"version":"1.0","type":"test.sample","source":"tests","timestamp":5}"#
        #expect(decodeError { _ = try EnvelopeCodec.decode(parts: parts("t", missing, "{}")) }
            == .invalidHeader(field: "id", reason: "missing"))
        let mistyped = #"{"version":"1.0","type":"test.sample","id":"a","source":"tests","timestamp":"now"}"#
        let error = decodeError { _ = try EnvelopeCodec.decode(parts: parts("t", mistyped, "{}")) }
        guard case .invalidHeader(field: "timestamp", _) = error else {
            Issue.record("expected invalidHeader(timestamp), got \(String(describing: error))")
            return
        }
        let negativeSequence = #"{"version":"1.0","type":"t","id":"a","source":"s","sequence":-1,"timestamp":1}"#
        let sequenceError = decodeError { _ = try EnvelopeCodec.decode(parts: parts("t", negativeSequence, "{}")) }
        switch sequenceError {
        case .invalidHeader(field: "sequence", _), .invalidJSON(.header, _): break
        default: Issue.record("expected a header rejection, got \(String(describing: sequenceError))")
        }
        let emptyID = #"{"version":"1.0","type":"t","id":"","source":"s","timestamp":1}"#
        #expect(decodeError { _ = try EnvelopeCodec.decode(parts: parts("t", emptyID, "{}")) }
            == .invalidHeader(field: "id", reason: "must not be empty"))
    }

    @Test func invalidBodyJSONIsRejectedWhenDecoded() throws {
        let envelope = try EnvelopeCodec.decode(parts: parts("t", validHeader, "{\"name\": oops}"))
        let error = decodeError { _ = try envelope.decode(Sample.self) }
        guard case .invalidJSON(.body, _) = error else {
            Issue.record("expected invalidJSON(body), got \(String(describing: error))")
            return
        }
    }

    @Test func bodySchemaMismatchNamesTheField() throws {
        let envelope = try EnvelopeCodec.decode(parts: parts("t", validHeader, #"{"name":"x","value":"many"}"#))
        let error = decodeError { _ = try envelope.decode(Sample.self) }
        guard case .invalidBody(type: "test.sample", field: "value", _) = error else {
            Issue.record("expected invalidBody(value), got \(String(describing: error))")
            return
        }
        let missing = try EnvelopeCodec.decode(parts: parts("t", validHeader, #"{"name":"x"}"#))
        guard case .invalidBody(type: "test.sample", field: "value", reason: "missing") =
            decodeError({ _ = try missing.decode(Sample.self) })
        else {
            Issue.record("expected invalidBody(value, missing)")
            return
        }
    }

    @Test func invalidUTF8IsRejectedInEveryFrame() throws {
        let bad: [UInt8] = [0xFF, 0xFE, 0x41]
        let topicError = decodeError {
            _ = try EnvelopeCodec.decode(parts: [Data(bad), Data(validHeader.utf8), Data("{}".utf8)])
        }
        #expect(topicError == .invalidUTF8(.topic))

        // Inside a known string field (fast path) …
        var header = Array(#"{"version":"1.0","type":"test.sample","id":""#.utf8)
        header += bad + Array(#"","source":"tests","timestamp":5}"#.utf8)
        #expect(decodeError { _ = try EnvelopeCodec.decode(parts: [Data("t".utf8), Data(header), Data("{}".utf8)]) }
            == .invalidUTF8(.header))
        // … and inside an unknown field (Foundation fallback).
        var unknown = Array(#"{"version":"1.0","type":"test.sample","id":"a","source":"tests","timestamp":5,"x":""#.utf8)
        unknown += bad + Array(#""}"#.utf8)
        #expect(decodeError { _ = try EnvelopeCodec.decode(parts: [Data("t".utf8), Data(unknown), Data("{}".utf8)]) }
            == .invalidUTF8(.header))

        var body = Array(#"{"name":""#.utf8)
        body += bad + Array(#"","value":1}"#.utf8)
        let envelope = try EnvelopeCodec.decode(parts: [Data("t".utf8), Data(validHeader.utf8), Data(body)])
        #expect(decodeError { _ = try envelope.decode(Sample.self) } == .invalidUTF8(.body))
    }

    @Test func unknownExtraFieldsAreTolerated() throws {
        let header = #"""
            {"version":"1.3","type":"test.sample","id":"a1","source":"tests","timestamp":5,
             "priority":{"level":[1,2,{"x":null}]},"trace":"abc","sequence":9}
            """#
        let body = #"{"name":"n","value":3,"tags":[],"added_in_1_3":{"deep":[true,false]}}"#
        let envelope = try EnvelopeCodec.decode(parts: parts("sample.n", header, body))
        #expect(envelope.header.sequence == 9)
        #expect(envelope.header.version == ProtocolVersion(major: 1, minor: 3))
        #expect(try envelope.decode(Sample.self) == Sample(name: "n", value: 3))
    }

    @Test func errorDescriptionsNameTheProblem() {
        #expect(EnvelopeError.wrongFrameCount(expected: 3, actual: 2).description.contains("got 2"))
        #expect(EnvelopeError.invalidHeader(field: "id", reason: "missing").description.contains("\"id\""))
        #expect(EnvelopeError.unsupportedVersion(ProtocolVersion(major: 9, minor: 0)).description.contains("9.0"))
        #expect(ErrorReply(EnvelopeError.unknownType("x")).code == .unknownType)
    }
}
