import Contracts
import Domain
import Foundation
import KechuangTestSupport
import Messaging
import Testing
@testable import IngestService

/// JSON filing lines decode through `FastJSONDecoder` to exactly what Foundation's `JSONDecoder` gives, and every
/// line it does not take still gets Foundation's answer (``FilingParser/decodeValidated(_:currentYear:)``).
@Suite struct FilingJSONFastDecodingTests {
    /// Edits that make a line unusual, wrong or different in form.
    static let mutations: [(String, @Sendable (inout [String: Any]) -> Void)] = [
        ("none", { _ in }),
        ("amount as a number", { $0["operatingRevenue"] = ["amount": 1234.5, "unit": "万元"] }),
        ("lower-case credit code", { $0["creditCode"] = ($0["creditCode"] as? String)?.lowercased() }),
        ("unknown key", { $0["favouriteColour"] = "blue" }),
        ("null optional", { $0["stStaff"] = NSNull() }),
        ("null required", { $0["totalStaff"] = NSNull() }),
        ("missing required", { $0.removeValue(forKey: "rdExpense") }),
        ("integer as text", { $0["totalStaff"] = "12" }),
        ("integer with a fraction", { $0["totalStaff"] = 12.0 }),
        ("bad unit", { $0["rdExpense"] = ["amount": "5", "unit": "美元"] }),
        ("bad credit code", { $0["creditCode"] = "91320582000000000X" }),
        ("negative amount", { $0["rdExpense"] = ["amount": "-5", "unit": "元"] }),
        ("future year", { $0["year"] = 2999 }),
        ("flag as text", { $0["hasRDInstitution"] = "yes" }),
        ("awards", { $0["awards"] = [["name": "国家科学技术进步奖", "level": "national", "grade": "二等奖", "year": 2020]] }),
        ("bad award level", { $0["awards"] = [["name": "奖", "level": "galactic"]] }),
        ("credit flags", { $0["creditFlags"] = ["seriousDishonesty": true] }),
    ]

    @Test func fastAndFoundationDecodingGiveTheSameResult() async throws {
        var generator = SeededRandom(seed: 77)
        var fastTaken = 0
        for index in 0..<3_000 {
            if index % 100 == 0 { await Task.yield() }  // seconds of work: let other suites' awaits run meanwhile
            var filing = try FilingRecordedBodyTests.filing(&generator)
            filing.year = min(filing.year, 2025)
            let encoded = try JSONEncoder().encode(filing)
            var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
            let (name, mutate) = Self.mutations[index % Self.mutations.count]
            mutate(&object)
            let line = try JSONSerialization.data(withJSONObject: object)
            let reference = EnterpriseFiling.decodeValidated(from: line, currentYear: 2025)
            let ours = FilingParser.decodeValidated(line, currentYear: 2025)
            #expect(ours == reference, "line \(index) (\(name)): \(String(decoding: line, as: UTF8.self))")
            if ours != reference { return }
            if FastJSONDecoder.decode(EnterpriseFiling.self, from: line) != nil { fastTaken += 1 }
        }
        #expect(fastTaken > 1_000, "the fast decoder should take the clean lines (took \(fastTaken))")
    }
}
