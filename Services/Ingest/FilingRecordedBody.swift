import Contracts
import Domain
import Foundation
import Messaging

/// The JSON body of an `ingest.filing` event, written straight into a byte buffer: byte for byte what
/// `EnvelopeCodec.encodeBody(_:)` (the streaming `Codable` encoder) gives, without its dynamic dispatch through
/// `Encoder` existentials per field — that encoding was ≈ 30 % of ingest's CPU on 1 000-row filing batches
/// (`perf record`, docs/performance.md "Filing batches without Foundation's trimming and the generic encoder").
///
/// Keys in declaration order, `nil` optionals omitted, `awards` and `creditFlags` always written, money as
/// `{"amount":"<DecimalText>","unit":"万元"}`, strings quoted by `JSONText` — exactly as the synthesized `Encodable`
/// conformances write through the generic path. A filing has no JSON numbers that could be non-finite (amounts
/// are strings), so this never fails. `FilingRecordedBodyTests` compares both on random filings;
/// `IngestStreamGoldenTests` pins the stream.
enum FilingRecordedBody {
    /// The body frame of `event`.
    static func encode(_ event: FilingRecorded) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(640)
        write(event, to: &out)
        return Data(out)
    }

    private static func write(_ event: FilingRecorded, to out: inout [UInt8]) {
        let filing = event.filing
        literal(#"{"documentID":"#, &out)
        JSONBodyWriter.string(event.documentID, to: &out)
        literal(#","row":"#, &out)
        JSONBodyWriter.integer(event.row, to: &out)
        literal(#","filing":{"year":"#, &out)
        JSONBodyWriter.integer(filing.year, to: &out)
        literal(#","creditCode":"#, &out)
        JSONBodyWriter.string(filing.creditCode.rawValue, to: &out)
        literal(#","enterpriseName":"#, &out)
        JSONBodyWriter.string(filing.enterpriseName, to: &out)
        literal(#","operatingRevenue":"#, &out)
        money(filing.operatingRevenue, &out)
        literal(#","rdExpense":"#, &out)
        money(filing.rdExpense, &out)
        if let value = filing.rdExpenseDomestic {
            literal(#","rdExpenseDomestic":"#, &out)
            money(value, &out)
        }
        literal(#","totalStaff":"#, &out)
        JSONBodyWriter.integer(filing.totalStaff, to: &out)
        count(#","stStaff":"#, filing.stStaff, &out)
        count(#","rdStaff":"#, filing.rdStaff, &out)
        if let value = filing.highTechRevenue {
            literal(#","highTechRevenue":"#, &out)
            money(value, &out)
        }
        if let value = filing.netAssets {
            literal(#","netAssets":"#, &out)
            money(value, &out)
        }
        count(#","inventionPatents":"#, filing.inventionPatents, &out)
        count(#","ipClassI":"#, filing.ipClassI, &out)
        count(#","ipClassII":"#, filing.ipClassII, &out)
        if let value = filing.techContractTurnover {
            literal(#","techContractTurnover":"#, &out)
            money(value, &out)
        }
        count(#","scienceProjects":"#, filing.scienceProjects, &out)
        literal(#","hasRDInstitution":"#, &out)
        flag(filing.hasRDInstitution, &out)
        if let level = filing.rdInstitutionLevel {
            literal(#","rdInstitutionLevel":"#, &out)
            JSONBodyWriter.string(level.rawValue, to: &out)
        }
        literal(#","awards":["#, &out)
        for (index, award) in filing.awards.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            literal(#"{"name":"#, &out)
            JSONBodyWriter.string(award.name, to: &out)
            literal(#","level":"#, &out)
            JSONBodyWriter.string(award.level.rawValue, to: &out)
            if let grade = award.grade {
                literal(#","grade":"#, &out)
                JSONBodyWriter.string(grade, to: &out)
            }
            count(#","year":"#, award.year, &out)
            out.append(UInt8(ascii: "}"))
        }
        let flags = filing.creditFlags
        literal(#"],"creditFlags":{"seriousDishonesty":"#, &out)
        flag(flags.seriousDishonesty, &out)
        literal(#","majorSafetyIncident":"#, &out)
        flag(flags.majorSafetyIncident, &out)
        literal(#","majorQualityIncident":"#, &out)
        flag(flags.majorQualityIncident, &out)
        literal(#","environmentalViolation":"#, &out)
        flag(flags.environmentalViolation, &out)
        out.append(UInt8(ascii: "}"))
        if let value = filing.aboveScale {
            literal(#","aboveScale":"#, &out)
            flag(value, &out)
        }
        if let value = filing.industrial {
            literal(#","industrial":"#, &out)
            flag(value, &out)
        }
        if let town = filing.town {
            literal(#","town":"#, &out)
            JSONBodyWriter.string(town, to: &out)
        }
        literal("}}", &out)
    }

    @inline(__always)
    private static func literal(_ text: StaticString, _ out: inout [UInt8]) {
        JSONBodyWriter.literal(text, to: &out)
    }

    private static func money(_ money: Money, _ out: inout [UInt8]) {
        MoneyJSON.append(money, to: &out)
    }

    private static func count(_ key: StaticString, _ value: Int?, _ out: inout [UInt8]) {
        guard let value else { return }
        literal(key, &out)
        JSONBodyWriter.integer(value, to: &out)
    }

    private static func flag(_ value: Bool, _ out: inout [UInt8]) {
        value ? literal("true", &out) : literal("false", &out)
    }
}
