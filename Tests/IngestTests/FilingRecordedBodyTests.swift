import Contracts
import Domain
import Foundation
import KechuangTestSupport
import Messaging
import Testing
@testable import IngestService

/// ``FilingRecordedBody`` writes every filing event byte for byte as `EnvelopeCodec.encodeBody(_:)` does.
@Suite struct FilingRecordedBodyTests {
    static let texts = [
        "", "甲公司", "张家港市某某科技有限公司", "引号\"与\\反斜杠", "tab\tnew\nline", "\u{1}\u{1F}", "line\u{2028}sep",
        "emoji 🚀", "/slash/", "杨舍镇", " 前后空白 ",
    ]

    static func amount(_ g: inout SeededRandom) -> Decimal {
        switch g.next() % 5 {
        case 0: return Decimal(Int(g.next() % 10_000))
        case 1: return Decimal(Int(g.next() % 2_000_000)) / 100
        case 2: return -Decimal(Int(g.next() % 1_000_000)) / 1000
        case 3: return Decimal(string: "12345678901234567890123456789.123") ?? 0
        default:
            return Decimal(sign: .plus, exponent: Int(g.next() % 30) - 15, significand: Decimal(g.next() % 1_000_000))
        }
    }

    static func money(_ g: inout SeededRandom) -> Money { Money(amount(&g), g.pick(MoneyUnit.allCases)) }

    static func count(_ g: inout SeededRandom) -> Int? {
        g.maybe() ? nil : g.pick([0, 1, 9, 10, 12_345, -3, Int.max, Int.min])
    }

    static func filing(_ g: inout SeededRandom) throws -> EnterpriseFiling {
        let code = try UnifiedSocialCreditCode.make(prefix17: String(format: "91320582%09d", Int(g.next() % 1_000_000_000)))
        var awards: [FilingAward] = []
        for _ in 0..<Int(g.next() % 3) {
            awards.append(FilingAward(
                name: g.pick(texts), level: g.pick(RecognitionLevel.allCases), grade: g.maybe() ? nil : g.pick(texts),
                year: g.maybe() ? nil : 2000 + Int(g.next() % 30)))
        }
        return EnterpriseFiling(
            year: 2000 + Int(g.next() % 30), creditCode: code, enterpriseName: g.pick(texts),
            operatingRevenue: money(&g), rdExpense: money(&g), rdExpenseDomestic: g.maybe() ? nil : money(&g),
            totalStaff: Int(g.next() % 5000), stStaff: count(&g), rdStaff: count(&g),
            highTechRevenue: g.maybe() ? nil : money(&g), netAssets: g.maybe() ? nil : money(&g),
            inventionPatents: count(&g), ipClassI: count(&g), ipClassII: count(&g),
            techContractTurnover: g.maybe() ? nil : money(&g), scienceProjects: count(&g), hasRDInstitution: g.maybe(),
            rdInstitutionLevel: g.maybe() ? nil : g.pick(RecognitionLevel.allCases), awards: awards,
            creditFlags: CreditFlags(
                seriousDishonesty: g.maybe(), majorSafetyIncident: g.maybe(), majorQualityIncident: g.maybe(),
                environmentalViolation: g.maybe()),
            aboveScale: g.maybe() ? nil : g.maybe(), industrial: g.maybe() ? nil : g.maybe(),
            town: g.maybe() ? nil : g.pick(texts))
    }

    @Test func randomFilingsEncodeAsTheGenericEncoder() async throws {
        var generator = SeededRandom(seed: 10)
        for index in 0..<5_000 {
            if index % 500 == 0 { await Task.yield() }  // a second of work: let other suites' awaits run meanwhile
            let event = FilingRecorded(
                documentID: Self.texts[index % Self.texts.count] + "doc-\(index)",
                row: [0, 1, 999, 1_000_000, Int.max][index % 5], filing: try Self.filing(&generator))
            let fast = FilingRecordedBody.encode(event)
            let generic = try EnvelopeCodec.encodeBody(event)
            #expect(fast == generic, "filing \(index): \(String(decoding: generic, as: UTF8.self))")
            if fast != generic { return }
            let prepared = PreparedEvent(event)
            #expect(prepared.topic == event.topic && prepared.type == FilingRecorded.messageType)
        }
    }
}
