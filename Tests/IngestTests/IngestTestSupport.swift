import Contracts
import Domain
import Foundation

/// Shared fixtures for the ingest unit tests.
enum IngestFixtures {
    /// The repository root (this file is `Tests/IngestTests/IngestTestSupport.swift`).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The seed report text (`../shared/fixtures/reports/zhangjiagang-2024.txt`).
    static func seedReport() throws -> String {
        let url = repositoryRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/fixtures/reports/zhangjiagang-2024.txt")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// A valid credit code whose 17-character prefix ends with `serial` (7 digits).
    static func creditCode(_ serial: Int) throws -> String {
        let digits = String(serial)
        let padded = String(repeating: "0", count: max(0, 7 - digits.count)) + digits
        return try UnifiedSocialCreditCode.make(prefix17: "9132058256" + padded).rawValue
    }

    /// One filing as a JSON object line.
    static func filingJSON(
        serial: Int, year: Int = 2024, revenue: String = "12000", rdExpense: String = "600", totalStaff: Int = 120,
        rdStaff: Int = 30, code: String? = nil
    ) throws -> String {
        let creditCode = try code ?? creditCode(serial)
        return """
            {"year":\(year),"creditCode":"\(creditCode)","enterpriseName":"张家港测试科技有限公司\(serial)",\
            "operatingRevenue":{"amount":"\(revenue)","unit":"万元"},"rdExpense":{"amount":"\(rdExpense)","unit":"万元"},\
            "totalStaff":\(totalStaff),"rdStaff":\(rdStaff)}
            """
    }

    /// One program event line.
    static func loanEventJSON(serial: Int, date: String = "2024-03-01", amount: String = "500") throws -> String {
        """
        {"type":"tech_loan_granted","date":"\(date)","creditCode":"\(try creditCode(serial))",\
        "subjectName":"测试企业\(serial)","amount":{"amount":"\(amount)","unit":"万元"},"lender":"张家港农商行"}
        """
    }

    /// Runs `body` with a fresh temporary directory, removed afterwards.
    static func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
        let path = NSTemporaryDirectory() + "kechuang-ingest-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(path)
    }
}
