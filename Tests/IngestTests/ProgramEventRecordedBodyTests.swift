import Contracts
import Domain
import Foundation
import KechuangTestSupport
import Messaging
import Testing
@testable import IngestService

/// ``ProgramEventRecordedBody`` writes every program event byte for byte as `EnvelopeCodec.encodeBody(_:)` does.
@Suite struct ProgramEventRecordedBodyTests {
    static func text(_ g: inout SeededRandom) -> String { g.pick(FilingRecordedBodyTests.texts) }
    static func maybeText(_ g: inout SeededRandom) -> String? { g.maybe() ? nil : text(&g) }
    static func maybeMoney(_ g: inout SeededRandom) -> Money? { g.maybe() ? nil : FilingRecordedBodyTests.money(&g) }

    static func event(_ g: inout SeededRandom) throws -> ProgramEvent {
        let date = try #require(LocalDate(iso: String(format: "%04d-%02d-%02d", 2000 + Int(g.next() % 30),
                                                      1 + Int(g.next() % 12), 1 + Int(g.next() % 28))))
        let code = try UnifiedSocialCreditCode.make(prefix17: String(format: "91320582%09d", Int(g.next() % 1_000_000_000)))
        let subject: EventSubject = switch g.next() % 3 {
        case 0: EventSubject(creditCode: code, name: nil)
        case 1: EventSubject(creditCode: code, name: text(&g))
        default: EventSubject(name: "团队" + text(&g))
        }
        let level = g.pick(RecognitionLevel.allCases)
        let money = FilingRecordedBodyTests.money(&g)
        switch g.pick(ProgramEventType.allCases) {
        case .cultivationTierEntered: return .cultivationTierEntered(date: date, subject: subject, tier: text(&g))
        case .cultivationTierMoved:
            return .cultivationTierMoved(date: date, subject: subject, fromTier: text(&g), toTier: text(&g))
        case .cultivationTierLeft:
            return .cultivationTierLeft(date: date, subject: subject, tier: text(&g), reason: maybeText(&g))
        case .techLoanPoolEntered: return .techLoanPoolEntered(date: date, subject: subject)
        case .techLoanGranted:
            return .techLoanGranted(date: date, subject: subject, amount: money, lender: maybeText(&g))
        case .fundMeetingHeld:
            return .fundMeetingHeld(
                date: date, session: FilingRecordedBodyTests.count(&g), projectsReviewed: FilingRecordedBodyTests.count(&g))
        case .fundProjectPassed:
            return .fundProjectPassed(
                date: date, subject: subject, plannedInvestment: maybeMoney(&g), leveragedFunds: maybeMoney(&g))
        case .fundProjectInvested:
            return .fundProjectInvested(date: date, subject: subject, amount: money, leveragedFunds: maybeMoney(&g))
        case .consortiumRecognised:
            return .consortiumRecognised(date: date, subject: subject, consortium: text(&g), level: level)
        case .jiebangProjectAwarded:
            return .jiebangProjectAwarded(
                date: date, subject: subject, project: text(&g), level: level, funding: maybeMoney(&g))
        case .demandPublished:
            return .demandPublished(
                date: date, subject: subject, demandID: text(&g), title: maybeText(&g), bounty: maybeMoney(&g))
        case .demandMatched:
            return .demandMatched(
                date: date, subject: subject, demandID: text(&g), partner: maybeText(&g), amount: maybeMoney(&g))
        case .enterpriseVisited: return .enterpriseVisited(date: date, subject: subject)
        case .cooperationSigned:
            return .cooperationSigned(
                date: date, subject: subject, partner: text(&g), kind: g.pick(CooperationKind.allCases),
                amount: maybeMoney(&g))
        case .talentSelected:
            return .talentSelected(date: date, subject: subject, program: text(&g), level: level, person: maybeText(&g))
        case .platformRecognised:
            return .platformRecognised(date: date, subject: subject, platform: text(&g), level: level)
        case .incubatorRated: return .incubatorRated(date: date, subject: subject, level: level, rating: text(&g))
        case .investmentProjectSigned:
            return .investmentProjectSigned(date: date, subject: subject, project: text(&g), amount: maybeMoney(&g))
        case .highTechCertificateGranted:
            return .highTechCertificateGranted(date: date, subject: subject, certificateNumber: maybeText(&g))
        case .highTechCertificateExpired:
            return .highTechCertificateExpired(date: date, subject: subject, certificateNumber: maybeText(&g))
        case .highTechApplicationRecommended: return .highTechApplicationRecommended(date: date, subject: subject)
        case .awardWon:
            return .awardWon(date: date, subject: subject, award: text(&g), level: level, grade: maybeText(&g))
        }
    }

    @Test func randomEventsOfEveryTypeEncodeAsTheGenericEncoder() throws {
        var generator = SeededRandom(seed: 22)
        var types: Set<ProgramEventType> = []
        for index in 0..<5_000 {
            let event = ProgramEventRecorded(
                documentID: "doc-\(index)", line: [1, 2, 999, Int.max][index % 4], event: try Self.event(&generator))
            types.insert(event.event.type)
            let fast = ProgramEventRecordedBody.encode(event)
            let generic = try EnvelopeCodec.encodeBody(event)
            #expect(fast == generic, "event \(index): \(String(decoding: generic, as: UTF8.self))")
            if fast != generic { return }
            let prepared = PreparedEvent(event)
            #expect(prepared.topic == event.topic && prepared.type == ProgramEventRecorded.messageType)
        }
        #expect(types == Set(ProgramEventType.allCases))
    }
}
