import Foundation
import Messaging
import Testing

@Suite struct TopicTests {
    @Test func familiesChildrenAndPrefixes() throws {
        let metric = Topic("metric")
        let loan = metric.child("loan").child("granted_count")
        #expect(loan == "metric.loan.granted_count")
        #expect(Topic.family("metric") == "metric.")
        #expect(Topic.family("metric.") == "metric.")
        #expect(loan.hasPrefix(Topic.family("metric")))
        #expect(loan.hasPrefix(metric.child("loan").descendants))
        #expect(!Topic("metrics.heartbeat").hasPrefix(Topic.family("metric")))
        #expect(loan.hasPrefix(""))
        #expect(Topic.family("metric").child("x") == "metric.x")
        #expect(loan.components == ["metric", "loan", "granted_count"])
        #expect(try JSONDecoder().decode(Topic.self, from: JSONEncoder().encode(loan)) == loan)
        #expect(String(decoding: try JSONEncoder().encode(loan), as: UTF8.self) == "\"metric.loan.granted_count\"")
    }

    @Test func versionsParseStrictly() {
        #expect(ProtocolVersion(parsing: "1.0") == ProtocolVersion(major: 1, minor: 0))
        #expect(ProtocolVersion(parsing: "2.13") == ProtocolVersion(major: 2, minor: 13))
        for bad in ["1", "1.", ".1", "1.0.0", "a.b", "-1.0", " 1.0", ""] {
            #expect(ProtocolVersion(parsing: bad) == nil, "\(bad)")
        }
        #expect(ProtocolVersion.current.isSupported)
        #expect(!ProtocolVersion(major: 2, minor: 0).isSupported)
    }

    @Test func messageIDsAreUnique() {
        let generator = MessageIDGenerator()
        let ids = (0..<10_000).map { _ in generator.next(now: 1_732_870_000_123) }
        #expect(Set(ids).count == ids.count)
        #expect(ids[0].hasSuffix("-1937719cdfb-1"))
        #expect(MessageIDGenerator().next(now: 5) != MessageIDGenerator().next(now: 5))
    }
}
