import Foundation
import Testing
@testable import ServiceKit

@Suite struct ReadinessTests {
    @Test func renderHasDocumentedShapeAndRoundTrips() throws {
        let line = ReadinessLine(service: "ingest", pid: 4242, endpoints: [
            "ingest.req": "ipc:///tmp/k/run/ingest.req", "ingest.pub": "ipc:///tmp/k/run/ingest.pub",
        ])
        let text = line.render()
        #expect(text == "{\"event\":\"ready\",\"service\":\"ingest\",\"pid\":4242,\"endpoints\":"
            + "{\"ingest.pub\":\"ipc:///tmp/k/run/ingest.pub\",\"ingest.req\":\"ipc:///tmp/k/run/ingest.req\"}}")
        #expect(ReadinessLine.parse(text) == line)
        #expect(ReadinessLine.parse("  " + text + "\n") == line)
    }

    @Test func parseRejectsLogLinesAndOtherEvents() {
        #expect(ReadinessLine.parse("ts=2024-11-29T11:41:54.123Z level=info service=ingest msg=ready") == nil)
        #expect(ReadinessLine.parse("{\"event\":\"stopping\",\"service\":\"ingest\",\"pid\":1,\"endpoints\":{}}") == nil)
        #expect(ReadinessLine.parse("{\"event\":\"ready\",\"service\":\"ingest\"}") == nil)
        #expect(ReadinessLine.parse("{not json") == nil)
        #expect(ReadinessLine.parse("") == nil)
    }

    @Test func parseToleratesExtraFields() {
        let text = "{\"event\":\"ready\",\"service\":\"metrics\",\"pid\":7,\"endpoints\":{},\"sequence\":12}"
        #expect(ReadinessLine.parse(text) == ReadinessLine(service: "metrics", pid: 7, endpoints: [:]))
    }

    @Test func announcerWritesExactlyOnce() {
        let sink = CollectingSink()
        let announcer = ReadinessAnnouncer(sink: sink)
        let line = ReadinessLine(service: "ingest", endpoints: ["ingest.req": "tcp://127.0.0.1:5555"])
        #expect(!announcer.hasAnnounced)
        #expect(announcer.announce(line))
        #expect(!announcer.announce(line))
        #expect(sink.lines == [line.render()])
        #expect(ReadinessLine.parse(sink.lines[0])?.pid == getpid())
    }
}
