import Contracts
import Domain
import Foundation
import Messaging

/// The JSON body of an `ingest.filing` event, written straight into a byte buffer: byte for byte what
/// `EnvelopeCodec.encodeBody(_:)` (the streaming `Codable` encoder) gives, without its dynamic dispatch through
/// `Encoder` existentials per field — that encoding was ≈ 30 % of ingest's CPU on 1 000-row filing batches
/// (`perf record`, docs/performance.md "Per-event cost, sixth pass").
///
/// Keys in declaration order, `nil` optionals omitted, `awards` and `creditFlags` always written, money as
/// `{"amount":"<DecimalText>","unit":"万元"}`, strings quoted by `JSONText` — exactly as the synthesized `Encodable`
/// conformances write through the generic path. A filing has no JSON numbers that could be non-finite (amounts
/// are strings), so this never fails. `FilingRecordedBodyTests` compares both on random filings.
enum FilingRecordedBody {
    private typealias W = EventBodyWriter

    /// The body frame of `event`.
    static func encode(_ event: FilingRecorded) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(640)
        write(event, to: &out)
        return Data(out)
    }

    private static func write(_ event: FilingRecorded, to out: inout [UInt8]) {
        let filing = event.filing
        W.literal(#"{"documentID":"#, &out)
        JSONBodyWriter.string(event.documentID, to: &out)
        W.count(#","row":"#, event.row, &out)
        W.count(#","filing":{"year":"#, filing.year, &out)
        W.text(#","creditCode":"#, filing.creditCode.rawValue, &out)
        W.text(#","enterpriseName":"#, filing.enterpriseName, &out)
        W.money(#","operatingRevenue":"#, filing.operatingRevenue, &out)
        W.money(#","rdExpense":"#, filing.rdExpense, &out)
        W.money(#","rdExpenseDomestic":"#, filing.rdExpenseDomestic, &out)
        W.count(#","totalStaff":"#, filing.totalStaff, &out)
        W.count(#","stStaff":"#, filing.stStaff, &out)
        W.count(#","rdStaff":"#, filing.rdStaff, &out)
        W.money(#","highTechRevenue":"#, filing.highTechRevenue, &out)
        W.money(#","netAssets":"#, filing.netAssets, &out)
        W.count(#","inventionPatents":"#, filing.inventionPatents, &out)
        W.count(#","ipClassI":"#, filing.ipClassI, &out)
        W.count(#","ipClassII":"#, filing.ipClassII, &out)
        W.money(#","techContractTurnover":"#, filing.techContractTurnover, &out)
        W.count(#","scienceProjects":"#, filing.scienceProjects, &out)
        W.flag(#","hasRDInstitution":"#, filing.hasRDInstitution, &out)
        W.text(#","rdInstitutionLevel":"#, filing.rdInstitutionLevel?.rawValue, &out)
        W.literal(#","awards":["#, &out)
        for (index, award) in filing.awards.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            W.literal(#"{"name":"#, &out)
            JSONBodyWriter.string(award.name, to: &out)
            W.text(#","level":"#, award.level.rawValue, &out)
            W.text(#","grade":"#, award.grade, &out)
            W.count(#","year":"#, award.year, &out)
            out.append(UInt8(ascii: "}"))
        }
        let flags = filing.creditFlags
        W.flag(#"],"creditFlags":{"seriousDishonesty":"#, flags.seriousDishonesty, &out)
        W.flag(#","majorSafetyIncident":"#, flags.majorSafetyIncident, &out)
        W.flag(#","majorQualityIncident":"#, flags.majorQualityIncident, &out)
        W.flag(#","environmentalViolation":"#, flags.environmentalViolation, &out)
        out.append(UInt8(ascii: "}"))
        W.flag(#","aboveScale":"#, filing.aboveScale, &out)
        W.flag(#","industrial":"#, filing.industrial, &out)
        W.text(#","town":"#, filing.town, &out)
        W.literal("}}", &out)
    }
}
