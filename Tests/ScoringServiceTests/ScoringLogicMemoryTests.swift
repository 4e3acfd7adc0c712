import CHeapStats
import Contracts
import Domain
import Foundation
import Scoring
@testable import ScoringService
import Testing

/// What the scoring logic keeps in memory per enterprise (heap in use, glibc's `mallinfo2`), on the benchmark's data
/// (`Services/Benchmarks/ScoringBenchmark.swift`: 2 years of filings per enterprise). The figures are recorded in
/// docs/performance.md ("Scoring"); `KECHUANG_SCORING_HEAP_REPORT=1` prints the breakdown per scheme.
@Suite(.serialized) struct ScoringLogicMemoryTests {
    /// The benchmark's filing of enterprise `n` for `year`.
    static func filing(_ n: Int, year: Int) throws -> FilingRecorded {
        let digits = String(n)
        let code = try UnifiedSocialCreditCode.make(
            prefix17: "91320582MC" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits)
        let revenue = Decimal(1_000_000 + (n * 7919) % 300_000_000 + (year - 2023) * (n % 13) * 100_000)
        return FilingRecorded(documentID: "bench-\(year)-\(n / 1000)", row: n % 1000, filing: EnterpriseFiling(
            year: year, creditCode: code, enterpriseName: "基准企业\(n)", operatingRevenue: Money(revenue, .yuan),
            rdExpense: Money(revenue * Decimal(1 + n % 8) / 100, .yuan), totalStaff: 70 + n % 400,
            stStaff: 2 + n % 60, rdStaff: 1 + n % 50, highTechRevenue: Money(revenue * Decimal(n % 90) / 100, .yuan),
            netAssets: Money(revenue / 2, .yuan), inventionPatents: n % 7, ipClassI: n % 3, ipClassII: n % 5,
            techContractTurnover: Money(Decimal(n % 50) * 100_000, .yuan), scienceProjects: n % 4,
            hasRDInstitution: n % 3 == 0, town: ["杨舍镇", "塘桥镇", "金港街道", "锦丰镇"][n % 4]))
    }

    /// Heap bytes per enterprise held by a logic with `schemes` after `enterprises` × 2 years of filings. Each
    /// filing is made, applied and dropped (as the service decodes and drops it), so what the logic shares with
    /// it counts.
    ///
    /// The heap is process-wide and other suites allocate and free while this one runs, so the heap is not compared
    /// before and after the seconds of building (another suite freeing its data meanwhile once made that figure
    /// negative). What is measured is what dropping the finished logic gives back: the window other suites can
    /// disturb is then only the milliseconds of its deallocation. The median of `runs` measurements. Yields now and
    /// then while building: tens of seconds of CPU on a thread of the shared pool would starve other suites' awaits.
    static func heapPerEnterprise(schemes: [ScoringScheme], enterprises: Int, runs: Int = 3) async throws -> Int {
        var measured: [Int] = []
        for _ in 0..<runs {
            var logic: ScoringLogic? = ScoringLogic(schemes: schemes)
            var sequence: UInt64 = 0
            for year in [2023, 2024] {
                for n in 1...enterprises {
                    sequence += 1
                    _ = logic?.apply(try filing(n, year: year), ingestSequence: sequence)
                    if n % 100 == 0 { await Task.yield() }
                }
            }
            let held = Int(kechuang_heap_in_use())
            logic = nil
            let released = Int(kechuang_heap_in_use())
            measured.append((held - released) / enterprises)
        }
        return measured.sorted()[measured.count / 2]
    }

    static var enterpriseSchemes: [ScoringScheme] {
        ScoringLogicTests.schemes.filter { $0.subjectKind == ScoringLogic.enterpriseKind }
    }

    /// 4 079 bytes per enterprise with all shipped schemes before the memory structures were made compact
    /// (2026-12-01), 1 641 after (debug build); the bound leaves room for what suites running meanwhile allocate.
    @Test func theLogicKeepsLittleMemoryPerEnterprise() async throws {
        let enterprises = 3_000
        if ProcessInfo.processInfo.environment["KECHUANG_SCORING_HEAP_REPORT"] == "1" {
            let none = try await Self.heapPerEnterprise(schemes: [], enterprises: enterprises)
            print("scoring.heap schemes=none bytes_per_enterprise=\(none)")
            for scheme in Self.enterpriseSchemes {
                let alone = try await Self.heapPerEnterprise(schemes: [scheme], enterprises: enterprises)
                print("scoring.heap schemes=\(scheme.id) bytes_per_enterprise=\(alone) over_none=\(alone - none)")
            }
        }
        let all = try await Self.heapPerEnterprise(schemes: ScoringLogicTests.schemes, enterprises: enterprises)
        print("scoring.heap schemes=all bytes_per_enterprise=\(all)")
        // A logic that kept nothing would give back nothing: the lower bound keeps the measurement itself honest.
        #expect(all > 500 && all < 2_400, "\(all) bytes per enterprise")
    }
}
