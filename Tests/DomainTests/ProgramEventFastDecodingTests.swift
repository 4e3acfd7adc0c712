import Foundation
import Messaging
import Testing
@testable import Domain

/// Ingest's events parser and every follower of the ingest stream decode program events with `FastJSONDecoder`
/// first: every event type must come out exactly as `JSONDecoder` gives it, and events `JSONDecoder` refuses must
/// not be decoded by it.
@Suite struct ProgramEventFastDecodingTests {
    @Test func everyEventTypeDecodesAsWithJSONDecoder() throws {
        for event in try ProgramEventTests.allEvents() {
            let data = try JSONEncoder().encode(event)
            let fast = FastJSONDecoder.decode(ProgramEvent.self, from: data)
            #expect(fast == event, "\(event.type)")
            #expect(fast == (try JSONDecoder().decode(ProgramEvent.self, from: data)))
        }
    }

    @Test func refusedEventsAreNotDecoded() {
        for line in [
            #"{"type":"tech_loan_granted","date":"2024-03-01","subjectName":"某企业"}"#,
            #"{"type":"tech_loan_granted","date":"2024-13-01","subjectName":"某企业","amount":{"amount":"5","unit":"万元"}}"#,
            #"{"type":"no_such_type","date":"2024-03-01","subjectName":"某企业"}"#,
            #"{"type":"enterprise_visited","date":"2024-03-01"}"#,
            #"{"type":"enterprise_visited","date":"2024-03-01","creditCode":"91320582MA1ABCDE0X"}"#,
            #"{"type":"tech_loan_granted","date":"2024-03-01","subjectName":"某企业","amount":{"amount":"abc","unit":"万元"}}"#,
            #"{"type":"fund_meeting_held","date":"2024-03-01","session":1.5}"#,
        ] {
            #expect((try? JSONDecoder().decode(ProgramEvent.self, from: Data(line.utf8))) == nil, "\(line)")
            #expect(FastJSONDecoder.decode(ProgramEvent.self, from: Data(line.utf8)) == nil, "\(line)")
        }
    }
}
