import Contracts
import Domain
import Foundation
import Messaging

/// The JSON body of an `ingest.program_event` event, written straight into a byte buffer: byte for byte what
/// `EnvelopeCodec.encodeBody(_:)` (the streaming `Codable` encoder over ``Domain/ProgramEvent``'s `encode(to:)`)
/// gives. The generic path was ≈ 5 % of ingest's CPU per one-event document (`perf record`, docs/performance.md
/// "Per-event cost, sixth pass").
///
/// Keys in the order `ProgramEvent.encode(to:)` writes them — `type`, `date`, the subject's `creditCode` and
/// `subjectName` when present, then the case's own fields, `nil` optionals omitted; money as
/// `{"amount":"<DecimalText>","unit":"万元"}`. No field is a JSON number that could be non-finite, so this never
/// fails. `ProgramEventRecordedBodyTests` compares both on every case with random values.
enum ProgramEventRecordedBody {
    private typealias W = EventBodyWriter

    /// The body frame of `event`.
    static func encode(_ event: ProgramEventRecorded) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(320)
        W.literal(#"{"documentID":"#, &out)
        JSONBodyWriter.string(event.documentID, to: &out)
        W.count(#","line":"#, event.line, &out)
        W.literal(#","event":"#, &out)
        write(event.event, to: &out)
        out.append(UInt8(ascii: "}"))
        return Data(out)
    }

    private static func write(_ event: ProgramEvent, to out: inout [UInt8]) {
        W.literal(#"{"type":"#, &out)
        JSONBodyWriter.string(event.type.rawValue, to: &out)
        W.literal(#","date":"#, &out)
        JSONBodyWriter.string(event.date.description, to: &out)
        if let subject = event.subject {
            W.text(#","creditCode":"#, subject.creditCode?.rawValue, &out)
            W.text(#","subjectName":"#, subject.name, &out)
        }
        switch event {
        case .cultivationTierEntered(_, _, let tier):
            W.text(#","tier":"#, tier, &out)
        case .cultivationTierMoved(_, _, let fromTier, let toTier):
            W.text(#","fromTier":"#, fromTier, &out)
            W.text(#","toTier":"#, toTier, &out)
        case .cultivationTierLeft(_, _, let tier, let reason):
            W.text(#","tier":"#, tier, &out)
            W.text(#","reason":"#, reason, &out)
        case .techLoanPoolEntered, .enterpriseVisited, .highTechApplicationRecommended:
            break
        case .techLoanGranted(_, _, let amount, let lender):
            W.money(#","amount":"#, amount, &out)
            W.text(#","lender":"#, lender, &out)
        case .fundMeetingHeld(_, let session, let projectsReviewed):
            W.count(#","session":"#, session, &out)
            W.count(#","projectsReviewed":"#, projectsReviewed, &out)
        case .fundProjectPassed(_, _, let planned, let leveraged):
            W.money(#","plannedInvestment":"#, planned, &out)
            W.money(#","leveragedFunds":"#, leveraged, &out)
        case .fundProjectInvested(_, _, let amount, let leveraged):
            W.money(#","amount":"#, amount, &out)
            W.money(#","leveragedFunds":"#, leveraged, &out)
        case .consortiumRecognised(_, _, let consortium, let level):
            W.text(#","consortium":"#, consortium, &out)
            W.text(#","level":"#, level.rawValue, &out)
        case .jiebangProjectAwarded(_, _, let project, let level, let funding):
            W.text(#","project":"#, project, &out)
            W.text(#","level":"#, level.rawValue, &out)
            W.money(#","funding":"#, funding, &out)
        case .demandPublished(_, _, let demandID, let title, let bounty):
            W.text(#","demandID":"#, demandID, &out)
            W.text(#","title":"#, title, &out)
            W.money(#","bounty":"#, bounty, &out)
        case .demandMatched(_, _, let demandID, let partner, let amount):
            W.text(#","demandID":"#, demandID, &out)
            W.text(#","partner":"#, partner, &out)
            W.money(#","amount":"#, amount, &out)
        case .cooperationSigned(_, _, let partner, let kind, let amount):
            W.text(#","partner":"#, partner, &out)
            W.text(#","kind":"#, kind.rawValue, &out)
            W.money(#","amount":"#, amount, &out)
        case .talentSelected(_, _, let program, let level, let person):
            W.text(#","program":"#, program, &out)
            W.text(#","level":"#, level.rawValue, &out)
            W.text(#","person":"#, person, &out)
        case .platformRecognised(_, _, let platform, let level):
            W.text(#","platform":"#, platform, &out)
            W.text(#","level":"#, level.rawValue, &out)
        case .incubatorRated(_, _, let level, let rating):
            W.text(#","level":"#, level.rawValue, &out)
            W.text(#","rating":"#, rating, &out)
        case .investmentProjectSigned(_, _, let project, let amount):
            W.text(#","project":"#, project, &out)
            W.money(#","amount":"#, amount, &out)
        case .highTechCertificateGranted(_, _, let number), .highTechCertificateExpired(_, _, let number):
            W.text(#","certificateNumber":"#, number, &out)
        case .awardWon(_, _, let award, let level, let grade):
            W.text(#","award":"#, award, &out)
            W.text(#","level":"#, level.rawValue, &out)
            W.text(#","grade":"#, grade, &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}
