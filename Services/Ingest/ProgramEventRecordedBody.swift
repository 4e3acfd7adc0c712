import Contracts
import Domain
import Foundation
import Messaging

/// The JSON body of an `ingest.program_event` event, written straight into a byte buffer: byte for byte what
/// `EnvelopeCodec.encodeBody(_:)` (the streaming `Codable` encoder over ``Domain/ProgramEvent``'s `encode(to:)`)
/// gives. The generic path was ≈ 5 % of ingest's CPU per one-event document (`perf record`, docs/performance.md
/// "Filing batches without Foundation's trimming and the generic encoder").
///
/// Keys in the order `ProgramEvent.encode(to:)` writes them — `type`, `date`, the subject's `creditCode` and
/// `subjectName` when present, then the case's own fields, `nil` optionals omitted; money as
/// `{"amount":"<DecimalText>","unit":"万元"}`. No field is a JSON number that could be non-finite, so this never
/// fails. `ProgramEventRecordedBodyTests` compares both on every case with random values.
enum ProgramEventRecordedBody {
    /// The body frame of `event`.
    static func encode(_ event: ProgramEventRecorded) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(320)
        literal(#"{"documentID":"#, &out)
        JSONBodyWriter.string(event.documentID, to: &out)
        literal(#","line":"#, &out)
        JSONBodyWriter.integer(event.line, to: &out)
        literal(#","event":"#, &out)
        write(event.event, to: &out)
        out.append(UInt8(ascii: "}"))
        return Data(out)
    }

    private static func write(_ event: ProgramEvent, to out: inout [UInt8]) {
        literal(#"{"type":"#, &out)
        JSONBodyWriter.string(event.type.rawValue, to: &out)
        literal(#","date":"#, &out)
        JSONBodyWriter.string(event.date.description, to: &out)
        if let subject = event.subject {
            text(#","creditCode":"#, subject.creditCode?.rawValue, &out)
            text(#","subjectName":"#, subject.name, &out)
        }
        switch event {
        case .cultivationTierEntered(_, _, let tier):
            text(#","tier":"#, tier, &out)
        case .cultivationTierMoved(_, _, let fromTier, let toTier):
            text(#","fromTier":"#, fromTier, &out)
            text(#","toTier":"#, toTier, &out)
        case .cultivationTierLeft(_, _, let tier, let reason):
            text(#","tier":"#, tier, &out)
            text(#","reason":"#, reason, &out)
        case .techLoanPoolEntered, .enterpriseVisited, .highTechApplicationRecommended:
            break
        case .techLoanGranted(_, _, let amount, let lender):
            money(#","amount":"#, amount, &out)
            text(#","lender":"#, lender, &out)
        case .fundMeetingHeld(_, let session, let projectsReviewed):
            count(#","session":"#, session, &out)
            count(#","projectsReviewed":"#, projectsReviewed, &out)
        case .fundProjectPassed(_, _, let planned, let leveraged):
            money(#","plannedInvestment":"#, planned, &out)
            money(#","leveragedFunds":"#, leveraged, &out)
        case .fundProjectInvested(_, _, let amount, let leveraged):
            money(#","amount":"#, amount, &out)
            money(#","leveragedFunds":"#, leveraged, &out)
        case .consortiumRecognised(_, _, let consortium, let level):
            text(#","consortium":"#, consortium, &out)
            text(#","level":"#, level.rawValue, &out)
        case .jiebangProjectAwarded(_, _, let project, let level, let funding):
            text(#","project":"#, project, &out)
            text(#","level":"#, level.rawValue, &out)
            money(#","funding":"#, funding, &out)
        case .demandPublished(_, _, let demandID, let title, let bounty):
            text(#","demandID":"#, demandID, &out)
            text(#","title":"#, title, &out)
            money(#","bounty":"#, bounty, &out)
        case .demandMatched(_, _, let demandID, let partner, let amount):
            text(#","demandID":"#, demandID, &out)
            text(#","partner":"#, partner, &out)
            money(#","amount":"#, amount, &out)
        case .cooperationSigned(_, _, let partner, let kind, let amount):
            text(#","partner":"#, partner, &out)
            text(#","kind":"#, kind.rawValue, &out)
            money(#","amount":"#, amount, &out)
        case .talentSelected(_, _, let program, let level, let person):
            text(#","program":"#, program, &out)
            text(#","level":"#, level.rawValue, &out)
            text(#","person":"#, person, &out)
        case .platformRecognised(_, _, let platform, let level):
            text(#","platform":"#, platform, &out)
            text(#","level":"#, level.rawValue, &out)
        case .incubatorRated(_, _, let level, let rating):
            text(#","level":"#, level.rawValue, &out)
            text(#","rating":"#, rating, &out)
        case .investmentProjectSigned(_, _, let project, let amount):
            text(#","project":"#, project, &out)
            money(#","amount":"#, amount, &out)
        case .highTechCertificateGranted(_, _, let number), .highTechCertificateExpired(_, _, let number):
            text(#","certificateNumber":"#, number, &out)
        case .awardWon(_, _, let award, let level, let grade):
            text(#","award":"#, award, &out)
            text(#","level":"#, level.rawValue, &out)
            text(#","grade":"#, grade, &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    private static func literal(_ text: StaticString, _ out: inout [UInt8]) {
        JSONBodyWriter.literal(text, to: &out)
    }

    /// `key` and the quoted `value`; nothing for `nil`.
    private static func text(_ key: StaticString, _ value: String?, _ out: inout [UInt8]) {
        guard let value else { return }
        literal(key, &out)
        JSONBodyWriter.string(value, to: &out)
    }

    private static func count(_ key: StaticString, _ value: Int?, _ out: inout [UInt8]) {
        guard let value else { return }
        literal(key, &out)
        JSONBodyWriter.integer(value, to: &out)
    }

    private static func money(_ key: StaticString, _ value: Money?, _ out: inout [UInt8]) {
        guard let value else { return }
        literal(key, &out)
        MoneyJSON.append(value, to: &out)
    }
}
