import Contracts
import Domain
import Foundation
import KechuangTestSupport
import Messaging
import Scoring
@testable import ScoringService
import Testing

/// The scoring logic's outputs pinned byte for byte: a varied sample (units, optional fields, awards, credit
/// flags, re-filings, filings that fail the assessment's checks, enterprise and incubator records, settles and a
/// full re-score) fed to the pure ``ScoringLogic``, every published message encoded as the store encodes it, and
/// the queries' replies — all folded into one fingerprint recorded from the logic before its memory structures were
/// made compact (2026-12-01). A change of any published byte, rank, percentile or query answer changes it.
@Suite struct ScoringLogicGoldenTests {
    /// What the sample gives: the number of messages and the FNV-1a hash of everything.
    static let expectedMessages = 7_330
    static let expectedFingerprint: UInt64 = 0xB517_4523_BB37_E04F

    /// FNV-1a, 64 bits: stable across runs (unlike `Hasher`).
    struct Fingerprint {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325

        mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
            for byte in bytes {
                value ^= UInt64(byte)
                value = value &* 0x0000_0100_0000_01B3
            }
            value ^= 0xFF
            value = value &* 0x0000_0100_0000_01B3
        }

        mutating func add(_ text: String) { add(text.utf8) }
    }

    static let towns: [String?] = ["杨舍镇", "塘桥镇", "金港街道", "锦丰镇", "乐余镇", "凤凰镇", nil]
    static let units: [MoneyUnit] = [.yuan, .wanYuan, .yiYuan]

    /// A money amount of a few shapes: whole yuan, fen, 万元 with decimals, a 亿元 figure, a long exact decimal.
    static func money(_ random: inout SeededRandom, scale: Int) -> Money {
        let shape = Int.random(in: 0..<10, using: &random)
        let whole = Decimal(Int.random(in: 0...scale, using: &random))
        switch shape {
        case 0..<4: return Money(whole, .yuan)
        case 4..<6: return Money(whole + Decimal(Int.random(in: 0...99, using: &random)) / 100, .yuan)
        case 6..<8: return Money(whole / 10_000 + Decimal(Int.random(in: 0...9, using: &random)) / 10, .wanYuan)
        case 8: return Money(whole / 100_000_000, .yiYuan)
        default:
            // 30 significant digits: longer than any compact form.
            let digits = (0..<30).map { _ in String(Int.random(in: 1...9, using: &random)) }.joined()
            return Money(Decimal(string: "\(digits.prefix(12)).\(digits.dropFirst(12))") ?? whole, .yuan)
        }
    }

    static func optional<T>(_ random: inout SeededRandom, _ share: Int = 80, _ make: (inout SeededRandom) -> T) -> T? {
        Int.random(in: 0..<100, using: &random) < share ? make(&random) : nil
    }

    static func filing(_ n: Int, year: Int, _ random: inout SeededRandom) throws -> EnterpriseFiling {
        let revenue = money(&random, scale: 400_000_000)
        let rdShare = Decimal(Int.random(in: 0...12, using: &random)) / 100
        let rdExpense = Int.random(in: 0..<5, using: &random) == 0
            ? money(&random, scale: 20_000_000) : Money(revenue.amount * rdShare, revenue.unit)
        let totalStaff = Int.random(in: 0...600, using: &random)
        let hasInstitution = Bool.random(using: &random)
        let levels = RecognitionLevel.allCases
        let awards = (0..<Int.random(in: 0...3, using: &random)).map { index in
            FilingAward(
                name: index == 2 && n % 17 == 0 ? " " : "奖项\(index)", level: levels.randomElement(using: &random) ?? .town,
                grade: Bool.random(using: &random) ? "二等奖" : nil,
                year: optional(&random, 60) { Int.random(in: (year - 2)...(year + 2), using: &$0) })
        }
        // Now and then more staff than employees: a filing the high-tech assessment refuses.
        let excess = Int.random(in: 0..<23, using: &random) == 0 ? 5 : 0
        let stStaff = optional(&random) { Int.random(in: 0...(totalStaff + excess), using: &$0) }
        return EnterpriseFiling(
            year: year, creditCode: try ScoringLogicTests.code(n), enterpriseName: n % 29 == 0 ? "企业\(n)（\(year)年更名）" : "企业\(n)",
            operatingRevenue: revenue, rdExpense: rdExpense,
            rdExpenseDomestic: optional(&random) { _ in Money(rdExpense.amount * Decimal(9) / 10, rdExpense.unit) },
            totalStaff: totalStaff, stStaff: stStaff,
            rdStaff: optional(&random) { Int.random(in: 0...max(0, totalStaff / 2), using: &$0) },
            highTechRevenue: optional(&random) { Money(revenue.amount * Decimal(Int.random(in: 0...100, using: &$0)) / 100, revenue.unit) },
            netAssets: optional(&random) { money(&$0, scale: 200_000_000) },
            inventionPatents: optional(&random) { Int.random(in: 0...12, using: &$0) },
            ipClassI: optional(&random) { Int.random(in: 0...5, using: &$0) },
            ipClassII: optional(&random) { Int.random(in: 0...20, using: &$0) },
            techContractTurnover: optional(&random, 50) { money(&$0, scale: 5_000_000) },
            scienceProjects: optional(&random, 60) { Int.random(in: 0...4, using: &$0) },
            hasRDInstitution: hasInstitution,
            rdInstitutionLevel: hasInstitution ? optional(&random) { levels.randomElement(using: &$0) ?? .town } : nil,
            awards: awards,
            creditFlags: CreditFlags(
                seriousDishonesty: Int.random(in: 0..<40, using: &random) == 0,
                majorSafetyIncident: Int.random(in: 0..<30, using: &random) == 0,
                majorQualityIncident: Int.random(in: 0..<30, using: &random) == 0,
                environmentalViolation: Int.random(in: 0..<30, using: &random) == 0),
            aboveScale: optional(&random, 70) { Bool.random(using: &$0) },
            industrial: optional(&random, 70) { Bool.random(using: &$0) },
            town: towns.randomElement(using: &random) ?? nil)
    }

    /// Every message's encoded body, in order, and what the queries answer afterwards. Yields between enterprises:
    /// seconds of CPU on a thread of the shared pool would starve other suites' awaits.
    static func run(_ fingerprint: inout Fingerprint) async throws -> Int {
        var random = SeededRandom(seed: 20_261_201)
        var logic = ScoringLogic(schemes: ScoringLogicTests.schemes)
        var messages = 0
        var sequence: UInt64 = 0
        var published: [String: ScoreUpdate] = [:]
        func take(_ outputs: [ScoringOutput]) throws {
            for output in outputs {
                messages += 1
                switch output {
                case let .score(update):
                    fingerprint.add(try EnvelopeCodec.encodeBody(update))
                    published[update.schemeID + " " + update.subjectID] = update
                case let .gradeChanged(event): fingerprint.add(try EnvelopeCodec.encodeBody(event))
                case let .highTech(update, _): fingerprint.add(try EnvelopeCodec.encodeBody(update))
                case let .highTechChanged(event): fingerprint.add(try EnvelopeCodec.encodeBody(event))
                }
            }
        }
        let enterprises = 240
        for year in [2022, 2023, 2024] {
            for n in 1...enterprises where (n + year) % 11 != 0 {
                sequence += 1
                let fact = FilingRecorded(documentID: "d\(year)", row: n, filing: try filing(n, year: year, &random))
                try take(logic.apply(fact, ingestSequence: sequence))
                await Task.yield()
            }
            // Re-filings: a later document replaces the year.
            for _ in 0..<30 {
                let n = Int.random(in: 1...enterprises, using: &random)
                sequence += 1
                let fact = FilingRecorded(documentID: "r\(year)", row: n, filing: try filing(n, year: year, &random))
                try take(logic.apply(fact, ingestSequence: sequence))
            }
            // Register figures for some enterprises, and incubators.
            for _ in 0..<20 {
                let n = Int.random(in: 1...enterprises, using: &random)
                sequence += 1
                let record = SubjectRecord(
                    kind: "enterprise", id: try ScoringLogicTests.code(n).rawValue.lowercased(), name: "企业\(n)",
                    period: String(year), values: ["ageYears": Decimal(Int.random(in: 1...30, using: &random))])
                try take(logic.apply(SubjectRecorded(documentID: "e\(year)", row: n, record: record), ingestSequence: sequence))
            }
            for id in 1...12 {
                sequence += 1
                let record = SubjectRecord(
                    kind: "incubator", id: "FH-\(id)", name: "孵化器\(id)", town: towns[id % towns.count], period: String(year),
                    values: ["level": Decimal(Int.random(in: 1...5, using: &random)),
                             "area": Decimal(Int.random(in: 1_000...20_000, using: &random)),
                             "tenants": Decimal(Int.random(in: 0...80, using: &random)),
                             "graduates": Decimal(Int.random(in: 0...20, using: &random)),
                             "hightechTenants": Decimal(Int.random(in: 0...10, using: &random)),
                             "financedTenants": Decimal(Int.random(in: 0...10, using: &random)),
                             "incubationFund": Decimal(Int.random(in: 0...50_000_000, using: &random))])
                try take(logic.apply(SubjectRecorded(documentID: "i\(year)", row: id, record: record), ingestSequence: sequence))
            }
            try take(logic.settle())
        }
        try take(logic.rescoreAll())
        // Queries.
        for scheme in ScoringLogicTests.schemes {
            guard let reply = logic.ranking(schemeID: scheme.id, kind: scheme.subjectKind, cohort: nil, top: 10_000)
            else { continue }
            fingerprint.add(try EnvelopeCodec.encodeBody(reply))
        }
        for key in published.keys.sorted() {
            guard let update = published[key] else { continue }
            fingerprint.add(try EnvelopeCodec.encodeBody(logic.live(update)))
        }
        for query in ["企业1", "91320582MB00000", "孵化器", "更名"] {
            fingerprint.add(logic.find(query).map { "\($0.kind) \($0.id) \($0.name) \($0.town ?? "-") \($0.period)" }
                .joined(separator: "\n"))
        }
        for n in 1...enterprises {
            fingerprint.add(logic.name(of: try ScoringLogicTests.code(n).rawValue, kind: "enterprise") ?? "-")
        }
        let counts = logic.counts
        fingerprint.add("\(counts.subjects) \(counts.scores)")
        return messages
    }

    @Test func theSampleGivesTheRecordedMessagesAndAnswers() async throws {
        var fingerprint = Fingerprint()
        let messages = try await Self.run(&fingerprint)
        print("scoring.golden messages=\(messages) fingerprint=0x\(String(fingerprint.value, radix: 16, uppercase: true))")
        #expect(messages == Self.expectedMessages)
        #expect(fingerprint.value == Self.expectedFingerprint)
    }
}
