import Contracts
import Domain
import Foundation
import Messaging
@testable import MetricsService

/// Builders for ingest events and envelopes used by the metrics tests.
enum MetricsFixtures {
    static let catalog: Catalog = {
        do { return try Catalog.bundled() } catch { fatalError("bundled catalog: \(error)") }
    }()

    /// A valid credit code numbered `n` (check character computed).
    static func code(_ n: Int) -> UnifiedSocialCreditCode {
        let digits = String(n)
        let padded = String(repeating: "0", count: max(0, 7 - digits.count)) + digits
        do { return try UnifiedSocialCreditCode.make(prefix17: "91320582MA" + padded) } catch {
            fatalError("credit code \(n): \(error)")
        }
    }

    static func subject(_ n: Int) -> EventSubject { EventSubject(creditCode: code(n), name: "企业\(n)") }

    static func date(_ text: String) -> LocalDate {
        guard let date = LocalDate(iso: text) else { fatalError("bad date \(text)") }
        return date
    }

    static func wan(_ amount: Decimal) -> Money { Money(amount, .wanYuan) }

    static func program(_ event: ProgramEvent, line: Int = 1) -> IngestEvent {
        .program(ProgramEventRecorded(documentID: "events-1", line: line, event: event))
    }

    static func observation(
        _ indicator: String?, _ value: Decimal, _ unit: MeasureUnit, qualifier: Qualifier = .exact,
        period: String? = "2024", document: String = "report-1"
    ) -> IngestEvent {
        .observation(ObservationExtracted(
            documentID: document,
            observation: ReportedObservation(
                value: value, unit: unit, qualifier: qualifier, period: period, subject: "subject",
                indicatorID: indicator, documentID: document, phrase: "phrase \(value)\(unit.rawValue)")))
    }

    static func filing(
        _ n: Int, year: Int = 2024, revenueWan: Decimal = 5000, rdWan: Decimal = 200, industrial: Bool? = true,
        aboveScale: Bool? = true, hasRD: Bool = false, patents: Int? = nil, rdStaff: Int? = nil
    ) -> IngestEvent {
        .filing(FilingRecorded(documentID: "filings-\(year)", row: n, filing: EnterpriseFiling(
            year: year, creditCode: code(n), enterpriseName: "企业\(n)", operatingRevenue: wan(revenueWan),
            rdExpense: wan(rdWan), totalStaff: 100, rdStaff: rdStaff, inventionPatents: patents,
            hasRDInstitution: hasRD, aboveScale: aboveScale, industrial: industrial)))
    }

    /// The ingest envelope carrying `event` at `sequence`.
    static func envelope(_ event: IngestEvent, sequence: UInt64) throws -> Envelope {
        let headers = HeaderFactory(source: "ingest")
        switch event {
        case let .observation(message):
            return try Envelope(message, header: headers.header(for: ObservationExtracted.self, sequence: sequence))
        case let .filing(message):
            return try Envelope(message, header: headers.header(for: FilingRecorded.self, sequence: sequence))
        case let .program(message):
            return try Envelope(message, header: headers.header(for: ProgramEventRecorded.self, sequence: sequence))
        case .ignored:
            let stored = DocumentStored(
                documentID: "d", kind: .report, name: nil, contentHash: "00", byteCount: 1, reportYear: nil)
            return try Envelope(stored, header: headers.header(for: DocumentStored.self, sequence: sequence))
        }
    }

    /// Applies `events` in order (sequences from 1) and returns every update.
    static func run(_ events: [IngestEvent], logic: inout MetricsLogic, firstSequence: UInt64 = 1) -> [MetricUpdate] {
        var updates: [MetricUpdate] = []
        for (offset, event) in events.enumerated() {
            updates += logic.apply(event, ingestSequence: firstSequence + UInt64(offset))
        }
        return updates
    }

    /// The current value of a key.
    static func value(
        _ logic: MetricsLogic, _ indicator: String, _ period: String, _ source: MetricSource = .computed
    ) -> Decimal? {
        logic.state.values[MetricKey(indicator: indicator, period: period, source: source)]?.value
    }

    /// Every current value, by key (for comparing two states).
    static func values(_ logic: MetricsLogic) -> [MetricKey: Decimal] {
        logic.state.values.mapValues(\.value)
    }

    /// A mixed, realistic event sequence touching every computed family.
    static func mixedEvents() -> [IngestEvent] {
        var events: [IngestEvent] = []
        for n in 1...6 { events.append(program(.techLoanPoolEntered(date: date("2024-01-0\(n)"), subject: subject(n)))) }
        events.append(program(.techLoanGranted(date: date("2023-05-01"), subject: subject(1), amount: wan(500), lender: "农商行")))
        events.append(program(.techLoanGranted(date: date("2024-03-01"), subject: subject(2), amount: wan(1500), lender: nil)))
        events.append(program(.techLoanGranted(date: date("2024-06-01"), subject: subject(1), amount: Money(1, .yiYuan), lender: nil)))
        events.append(program(.fundProjectPassed(date: date("2024-04-01"), subject: subject(3), plannedInvestment: wan(3000), leveragedFunds: wan(8000))))
        events.append(program(.consortiumRecognised(date: date("2024-07-01"), subject: subject(4), consortium: "联合体A", level: .suzhou)))
        events.append(program(.highTechCertificateGranted(date: date("2022-10-01"), subject: subject(5), certificateNumber: "GR1")))
        events.append(filing(1, hasRD: true))
        events.append(filing(2))
        events.append(observation("loan.pool_size", 273, .jia))
        events.append(observation("loan.granted_amount", 2.88, .yiYuan, qualifier: .cumulative, period: nil))
        events.append(program(.enterpriseVisited(date: date("2024-02-01"), subject: subject(6))))
        events.append(program(.demandPublished(date: date("2024-02-02"), subject: subject(6), demandID: "D1", title: nil, bounty: nil)))
        events.append(program(.demandMatched(date: date("2024-03-02"), subject: subject(6), demandID: "D1", partner: "苏州大学", amount: nil)))
        events.append(filing(1, rdWan: 300, hasRD: true))
        events.append(program(.highTechCertificateGranted(date: date("2024-11-01"), subject: subject(6), certificateNumber: "GR2")))
        return events
    }
}
