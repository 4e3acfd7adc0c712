import Contracts
import Foundation
import NotifyRules
import Testing

/// Every condition kind, with hand-checked cases on both sides of the boundary.
@Suite struct RuleConditionTests {
    typealias F = NotifyFixtures

    @Test func crossesAboveFiresOnlyWhenThePreviousValueWasBelow() throws {
        #expect(try F.fires("{crosses_above: 100}", F.metric(value: 100, previous: 99)))   // 99 → 100: reaches
        #expect(try F.fires("{crosses_above: 100}", F.metric(value: 120)))                 // first value above
        #expect(try !F.fires("{crosses_above: 100}", F.metric(value: 120, previous: 100))) // already there
        #expect(try !F.fires("{crosses_above: 100}", F.metric(value: 99, previous: 50)))   // still below
    }

    @Test func crossesBelowNeedsAPreviousValueAtOrAbove() throws {
        #expect(try F.fires("{crosses_below: 10}", F.metric(value: 9.99, previous: 10)))
        #expect(try !F.fires("{crosses_below: 10}", F.metric(value: 9)))                  // no previous
        #expect(try !F.fires("{crosses_below: 10}", F.metric(value: 10, previous: 12)))   // 10 is not below
        #expect(try F.fires("{crosses: 10}", F.metric(value: 9, previous: 11)))
        #expect(try F.fires("{crosses: 10}", F.metric(value: 11, previous: 9)))
    }

    @Test func targetPercentFiresOnceWhenProgressReachesIt() throws {
        // 80 → 100 with progress 100 %: before = 100 × 80 / 100 = 80 % → 80 % was already reached.
        #expect(try !F.fires("{target_percent: 80}", F.metric(value: 100, previous: 80, progress: 100)))
        // 70 → 90 with progress 90 %: before = 70 % < 80 % ≤ 90 %.
        #expect(try F.fires("{target_percent: 80}", F.metric(value: 90, previous: 70, progress: 90)))
        // First value at 85 %.
        #expect(try F.fires("{target_percent: 80}", F.metric(value: 85, progress: 85)))
        // No target: never.
        #expect(try !F.fires("{target_percent: 80}", F.metric(value: 85, previous: 1)))
        #expect(try !F.fires("{target_percent: 80}", F.metric(value: 79, previous: 50, progress: 79)))
    }

    @Test func changeAboveIsAbsoluteAndStrict() throws {
        #expect(try F.fires("{change_above: 5}", F.metric(value: 10, previous: 4)))   // 6 > 5
        #expect(try !F.fires("{change_above: 5}", F.metric(value: 10, previous: 5)))  // 5 is not > 5
        #expect(try F.fires("{change_above: 5}", F.metric(value: 0, previous: 5.5)))  // down by 5.5
        #expect(try !F.fires("{change_above: 5}", F.metric(value: 100)))              // no previous
    }

    @Test func changePercentAboveIsRelativeToThePreviousValue() throws {
        #expect(try F.fires("{change_percent_above: 20}", F.metric(value: 121, previous: 100)))   // 21 %
        #expect(try !F.fires("{change_percent_above: 20}", F.metric(value: 120, previous: 100)))  // exactly 20 %
        #expect(try F.fires("{change_percent_above: 20}", F.metric(value: 70, previous: 100)))    // −30 %
        #expect(try F.fires("{change_percent_above: 20}", F.metric(value: 1, previous: 0)))       // from 0
        #expect(try !F.fires("{change_percent_above: 20}", F.metric(value: 0, previous: 0)))
    }

    @Test func qualityFlagGainedAndLostFollowTheKeysHistory() throws {
        let gained = try F.file(when: "{quality: gained}")
        let lost = try F.file(when: "{quality: lost, quality_kind: reported_computed_mismatch}")
        var gainEngine = NotifyEngine(rules: gained)
        var lossEngine = NotifyEngine(rules: lost)
        let flagged = F.metric(value: 3, previous: 2, quality: [.reportedComputedMismatch], sequence: 1)
        let stillFlagged = F.metric(value: 4, previous: 3, quality: [.reportedComputedMismatch], sequence: 2)
        let clean = F.metric(value: 5, previous: 4, sequence: 3)
        #expect(gainEngine.evaluate(flagged, now: F.start).fired == ["r1"])
        #expect(gainEngine.evaluate(stillFlagged, now: F.start).fired.isEmpty)
        #expect(gainEngine.evaluate(clean, now: F.start).fired.isEmpty)
        #expect(gainEngine.evaluate(flagged, now: F.start).fired == ["r1"])   // gained again
        #expect(lossEngine.evaluate(flagged, now: F.start).fired.isEmpty)
        #expect(lossEngine.evaluate(clean, now: F.start).fired == ["r1"])
        #expect(lossEngine.evaluate(clean, now: F.start).fired.isEmpty)
        // Another key's flags are its own.
        let other = F.metric("loan.pool_size", value: 1, quality: [], sequence: 4)
        #expect(lossEngine.evaluate(other, now: F.start).fired.isEmpty)
    }

    @Test func gradeUpAndDownFollowTheGradeOrder() throws {
        #expect(try F.fires("{grade: up}", F.grade("B", "A")))
        #expect(try !F.fires("{grade: up}", F.grade("A", "B")))
        #expect(try F.fires("{grade: down}", F.grade("A", "C")))
        #expect(try F.fires("{grade: up}", F.grade(nil, "C")))      // a first grade counts as up
        #expect(try F.fires("{grade: down}", F.grade("D", nil)))    // losing it counts as down
        #expect(try F.fires("{grade: any}", F.grade("A", "B")))
        #expect(try !F.fires("{grade: any}", F.grade("A", "A")))
        #expect(try F.fires("{grade: up}", F.grade("racing", "leading")))
    }

    @Test func highTechEligibilityGainedAndLost() throws {
        #expect(try F.fires("{hightech_eligible: gained}", F.highTech(.notEligible, .eligible, tier: .b, .a)))
        #expect(try F.fires("{hightech_eligible: gained}", F.highTech(nil, .eligible, tier: nil, .a)))
        #expect(try !F.fires("{hightech_eligible: gained}", F.highTech(.eligible, .eligible, tier: .a, .a)))
        #expect(try F.fires("{hightech_eligible: lost}", F.highTech(.eligible, .undetermined, tier: .a, .b)))
        #expect(try !F.fires("{hightech_eligible: lost}", F.highTech(.notEligible, .undetermined, tier: .c, .b)))
    }

    @Test func tierChangeOptionallyToOneTier() throws {
        #expect(try F.fires("{tier: changed}", F.highTech(.notEligible, .notEligible, tier: .c, .b)))
        #expect(try !F.fires("{tier: changed}", F.highTech(nil, .notEligible, tier: nil, .b)))  // first assessment
        #expect(try F.fires("{tier: changed, tier_to: A}", F.highTech(.notEligible, .eligible, tier: .b, .a)))
        #expect(try !F.fires("{tier: changed, tier_to: A}", F.highTech(.notEligible, .notEligible, tier: .c, .b)))
    }

    @Test func pointsMoveAboveIsStrictEitherWay() throws {
        #expect(try F.fires("{points_move_above: 10}", F.score(points: 71, previous: 60)))
        #expect(try !F.fires("{points_move_above: 10}", F.score(points: 70, previous: 60)))
        #expect(try F.fires("{points_move_above: 10}", F.score(points: 40, previous: 60)))
        #expect(try !F.fires("{points_move_above: 10}", F.score(points: 90, previous: nil)))
    }

    @Test func anyFiresOnEveryMessageUnderItsTopic() throws {
        #expect(try F.fires("{any: true}", F.metric(value: 1), topic: "metric.loan"))
        #expect(try !F.fires("{any: true}", F.metric("rd.spend", value: 1), topic: "metric.loan"))
        // Segment boundaries: metric.loan does not cover metric.loans.
        #expect(try !F.fires("{any: true}", F.metric("loans.x", value: 1), topic: "metric.loan"))
        #expect(try F.fires("{any: true}", F.grade("B", "A"), topic: "grade.changed"))
    }

    @Test func whereFiltersOnFields() throws {
        let county = F.metric(value: 200, previous: 1)
        let town = F.metric(value: 200, previous: 1, scope: .town("城关镇"))
        #expect(try F.fires("{crosses_above: 100}", county, whereClause: "{scope: county}"))
        #expect(try !F.fires("{crosses_above: 100}", town, whereClause: "{scope: county}"))
        #expect(try F.fires("{crosses_above: 100}", town, whereClause: "{town: 城关镇}"))
    }
}
