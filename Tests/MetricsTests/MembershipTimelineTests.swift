import Domain
import KechuangTestSupport
@testable import MetricsService
import Testing

/// `MembershipTimeline.count(on:)` sums membership boundaries kept as changes arrive; it must equal counting every
/// subject with `isMember(_:on:)`, whatever the order, duplicates, same-day changes and validities.
@Suite struct MembershipTimelineTests {
    static func naiveCount(_ timeline: MembershipTimeline, on date: LocalDate) -> Int {
        timeline.changes.keys.filter { timeline.isMember($0, on: date) }.count
    }

    @Test(arguments: 0..<60)
    func theCountEqualsCountingEveryMember(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &* 104_729 &+ 3)
        var timeline = MembershipTimeline()
        let subjects = (0..<Int.random(in: 1...12, using: &random)).map { "9132058200000000\($0)" }
        func date() -> LocalDate {
            // Few distinct days, so same-day changes and leap days happen.
            let day = [(2020, 2, 29), (2021, 1, 1), (2021, 6, 30), (2022, 3, 15), (2023, 3, 15), (2024, 2, 29),
                       (2024, 12, 31), (2025, 7, 1)][Int.random(in: 0..<8, using: &random)]
            return LocalDate(year: day.0, month: day.1, day: day.2) ?? LocalDate(year: 2020, month: 1, day: 1)!
        }
        let queries = (2019...2029).flatMap { year in
            [LocalDate(year: year, month: 1, day: 1), LocalDate(year: year, month: 3, day: 15),
             LocalDate(year: year, month: 12, day: 31)].compactMap { $0 }
        } + (0..<8).map { _ in date() }
        for _ in 0..<Int.random(in: 1...40, using: &random) {
            let change = MembershipTimeline.Change(
                date: date(), enters: Int.random(in: 0..<3, using: &random) > 0,
                validityYears: [nil, 0, 1, 3][Int.random(in: 0..<4, using: &random)])
            let subject = subjects[Int.random(in: 0..<subjects.count, using: &random)]
            _ = timeline.record(subject: subject, change: change)
            if Bool.random(using: &random) { _ = timeline.record(subject: subject, change: change) }  // a repeat
            for query in queries {
                #expect(timeline.count(on: query) == Self.naiveCount(timeline, on: query), "seed \(seed) on \(query)")
            }
        }
    }

    @Test func aCertificateCountsForItsValidityAndAnExitEndsIt() throws {
        var timeline = MembershipTimeline()
        let day = { (y: Int, m: Int, d: Int) in LocalDate(year: y, month: m, day: d) }
        let start = try #require(day(2021, 6, 30))
        _ = timeline.record(subject: "a", change: .init(date: start, enters: true, validityYears: 3))
        _ = timeline.record(subject: "b", change: .init(date: start, enters: true, validityYears: nil))
        #expect(timeline.count(on: try #require(day(2021, 6, 29))) == 0)
        #expect(timeline.count(on: start) == 2)
        #expect(timeline.count(on: try #require(day(2024, 6, 29))) == 2)
        #expect(timeline.count(on: try #require(day(2024, 6, 30))) == 1)  // a's three years are over
        _ = timeline.record(subject: "b", change: .init(date: try #require(day(2022, 1, 1)), enters: false, validityYears: nil))
        #expect(timeline.count(on: try #require(day(2022, 1, 1))) == 1)
        #expect(timeline.count(on: try #require(day(2030, 1, 1))) == 0)
    }
}
