import Contracts
import Domain
import Testing
@testable import IngestService

@Suite struct EventsParserTests {
    private func parse(_ text: String) -> Result<[ParsedRecord<ProgramEvent>], SubmitRejected> {
        EventsParser.parse(text[...], currentYear: 2025)
    }

    private func rejection(_ text: String) -> SubmitRejected? {
        if case .failure(let rejection) = parse(text) { return rejection }
        return nil
    }

    @Test func jsonLinesOfEvents() throws {
        let text = try IngestFixtures.loanEventJSON(serial: 1) + "\n\n"
            + "{\"type\":\"fund_meeting_held\",\"date\":\"2024-06-01\",\"session\":3}\n"
        let events = try parse(text).get()
        #expect(events.map(\.line) == [1, 3])
        #expect(events[0].value.type == .techLoanGranted)
        #expect(events[1].value.type == .fundMeetingHeld)
    }

    @Test func unknownTypeAndMissingFieldsAreListedPerLine() throws {
        let text = [
            try IngestFixtures.loanEventJSON(serial: 1),
            "{\"type\":\"loan_forgiven\",\"date\":\"2024-01-01\"}",
            "{\"type\":\"tech_loan_granted\",\"date\":\"2024-01-01\",\"subjectName\":\"甲\"}",
            "{\"type\":\"enterprise_visited\",\"date\":\"2024-02-30\",\"subjectName\":\"乙\"}",
        ].joined(separator: "\n")
        let rejected = rejection(text)
        #expect(rejected?.code == .invalidEvent)
        #expect(rejected?.problems.map(\.line) == [2, 3, 4])
        #expect(rejected?.problems.map(\.field) == ["type", "amount", "date"])
    }

    @Test func futureDateAndNegativeAmountAreImpossible() throws {
        let rejected = rejection(
            try IngestFixtures.loanEventJSON(serial: 1, date: "2031-01-01") + "\n"
                + IngestFixtures.loanEventJSON(serial: 2, amount: "-3"))
        #expect(rejected?.code == .invalidEvent)
        #expect(rejected?.problems.map(\.field) == ["date", "amount"])
    }

    @Test func invalidCreditCodeHasItsOwnCode() {
        let rejected = rejection(
            "{\"type\":\"enterprise_visited\",\"date\":\"2024-01-02\",\"creditCode\":\"91320582MA1234567X\"}")
        #expect(rejected?.code == .invalidCreditCode)
        #expect(rejected?.problems.first?.field == "creditCode")
    }

    @Test func malformedLineNamesLineAndColumn() throws {
        let rejected = rejection(try IngestFixtures.loanEventJSON(serial: 1) + "\n{\"type\": }\n")
        #expect(rejected?.code == .malformedJSON)
        #expect(rejected?.problems.first?.line == 2)
        #expect(rejected?.problems.first?.column == 10)
    }
}
