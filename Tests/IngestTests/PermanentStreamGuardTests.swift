import Contracts
import Domain
import Foundation
import Testing
@testable import IngestService

/// Issue #12, "data that must not enter the permanent stream": implausible years, figures a Decimal cannot hold
/// exactly, events without a subject.
@Suite struct PermanentStreamGuardTests {
    static let catalog: Catalog? = try? Catalog.bundled()

    /// The rejection of `request`, or nil if it was accepted.
    private func rejection(_ request: SubmitDocument) throws -> SubmitRejected? {
        let logic = IngestLogic(catalog: try #require(Self.catalog), maxDocumentBytes: 16 << 20)
        let content = try logic.decode(request).get()
        do {
            _ = try logic.prepare(request, content: content, currentYear: 2025)
            return nil
        } catch IngestFailure.rejected(let rejection) {
            return rejection
        }
    }

    @Test(arguments: [-5, 0, 100, 1948])
    func filingYearsOutsideThePlausibleWindowAreRejected(year: Int) throws {
        let filing = try IngestFixtures.filingJSON(serial: 1, year: year)
        let rejected = try #require(try rejection(SubmitDocument(kind: .filing, content: filing)))
        #expect(rejected.code == .invalidFiling)
        #expect(rejected.problems.contains { $0.field == "year" }, "\(rejected.problems)")
        let csv = "year,creditCode,enterpriseName,operatingRevenue,rdExpense,totalStaff\n"
            + "\(year),\(try IngestFixtures.creditCode(2)),测试公司,100,10,5\n"
        let rejectedCSV = try #require(try rejection(SubmitDocument(kind: .filing, content: csv)))
        #expect(rejectedCSV.problems.contains { $0.field == "year" }, "\(rejectedCSV.problems)")
    }

    @Test func plausibleYearsAreAccepted() throws {
        #expect(try rejection(SubmitDocument(kind: .filing, content: IngestFixtures.filingJSON(serial: 1, year: 1949))) == nil)
        #expect(try rejection(SubmitDocument(kind: .filing, content: IngestFixtures.filingJSON(serial: 1, year: 2025))) == nil)
    }

    @Test func eventAndReportYearsOutsideTheWindowAreRejected() throws {
        let event = try IngestFixtures.loanEventJSON(serial: 1, date: "0100-03-01")
        let rejected = try #require(try rejection(SubmitDocument(kind: .events, content: event)))
        #expect(rejected.code == .invalidEvent)
        #expect(rejected.problems.first?.field == "date")
        let report = try #require(try rejection(
            SubmitDocument(kind: .report, content: "2024年发放科技贷款12笔。", reportYear: 0)))
        #expect(report.code == .unreadableReport)
        #expect(report.problems.first?.field == "reportYear")
    }

    @Test(arguments: [String(repeating: "9", count: 200), String(repeating: "9", count: 39), "1" + String(repeating: "0", count: 200)])
    func figuresADecimalCannotHoldExactlyAreRejectedNamingTheField(amount: String) throws {
        let filing = try IngestFixtures.filingJSON(serial: 1, revenue: amount)
        let rejected = try #require(try rejection(SubmitDocument(kind: .filing, content: filing)))
        #expect(rejected.code == .invalidFiling)
        #expect(rejected.problems.contains { $0.field == "operatingRevenue" }, "\(rejected.problems)")
        let csv = "year,creditCode,enterpriseName,operatingRevenue,rdExpense,totalStaff\n"
            + "2024,\(try IngestFixtures.creditCode(2)),测试公司,\(amount),10,5\n"
        let rejectedCSV = try #require(try rejection(SubmitDocument(kind: .filing, content: csv)))
        #expect(rejectedCSV.problems.contains { $0.field == "operatingRevenue" }, "\(rejectedCSV.problems)")
        let event = try IngestFixtures.loanEventJSON(serial: 3, amount: amount)
        let rejectedEvent = try #require(try rejection(SubmitDocument(kind: .events, content: event)))
        #expect(rejectedEvent.code == .invalidEvent)
        #expect(rejectedEvent.problems.contains { $0.field?.hasPrefix("amount") == true }, "\(rejectedEvent.problems)")
    }

    @Test func decimalTextIsExactOrNothing() {
        #expect(DecimalText.parse(String(repeating: "9", count: 38)) != nil)
        #expect(DecimalText.parse("0000000000000000000000000000000000000000012.50") == Decimal(string: "12.5"))
        #expect(DecimalText.parse(String(repeating: "9", count: 39)) == nil)
        #expect(DecimalText.parse(String(repeating: "9", count: 200)) == nil)
        #expect(DecimalText.problem(String(repeating: "9", count: 200))?.contains("38 significant digits") == true)
    }

    @Test func anEventWithNeitherCreditCodeNorNameIsAnInvalidEvent() throws {
        let line = #"{"type":"tech_loan_granted","date":"2024-03-01","amount":{"amount":"5","unit":"万元"}}"#
        let rejected = try #require(try rejection(SubmitDocument(kind: .events, content: line)))
        #expect(rejected.code == .invalidEvent)
        #expect(rejected.problems.first?.message.contains("creditCode or subjectName") == true)
    }
}
