import Contracts
import Domain
import Foundation

/// Filing and event documents for the metrics integration tests, encoded with the Domain types' own JSON forms.
enum MetricsDocuments {
    static func code(_ n: Int) throws -> UnifiedSocialCreditCode {
        let digits = String(n)
        return try UnifiedSocialCreditCode.make(
            prefix17: "91320582MA" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits)
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) throws -> LocalDate {
        guard let date = LocalDate(year: year, month: month, day: day) else {
            throw CocoaError(.formatting)
        }
        return date
    }

    /// A JSON array of filings.
    static func filings(_ filings: [EnterpriseFiling]) throws -> SubmitDocument {
        let data = try JSONEncoder().encode(filings)
        return SubmitDocument(kind: .filing, content: String(decoding: data, as: UTF8.self), name: "filings.json")
    }

    /// A JSON-lines events document.
    static func events(_ events: [ProgramEvent], name: String = "events.jsonl") throws -> SubmitDocument {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = try events.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        return SubmitDocument(kind: .events, content: lines.joined(separator: "\n") + "\n", name: name)
    }

    /// `count` loans (enterprises `first…`), one pool entry each, spread over 2024.
    static func loanBatch(first: Int, count: Int) throws -> [ProgramEvent] {
        var events: [ProgramEvent] = []
        for n in first..<(first + count) {
            let subject = EventSubject(creditCode: try code(n), name: "企业\(n)")
            let day = try date(2024, 1 + n % 12, 1 + n % 28)
            events.append(.techLoanPoolEntered(date: day, subject: subject))
            events.append(.techLoanGranted(date: day, subject: subject, amount: Money(Decimal(100 + n % 7 * 50), .wanYuan), lender: "银行\(n % 3)"))
            events.append(.enterpriseVisited(date: day, subject: subject))
        }
        return events
    }
}
