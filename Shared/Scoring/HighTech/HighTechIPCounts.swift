import Domain

/// The IP counts of a filing as the assessment reads them.
struct HighTechIPCounts {
    /// Class-I items: the larger of `ipClassI` and `inventionPatents` (invention patents are class I), `nil`
    /// when neither is reported.
    let classI: Int?
    /// Class-II items, `nil` when not reported.
    let classII: Int?

    init(_ filing: EnterpriseFiling) {
        classI = [filing.ipClassI, filing.inventionPatents].compactMap { $0 }.max()
        classII = filing.ipClassII
    }

    /// The fields whose absence leaves the counts unknown.
    var missingFields: [String] {
        (classI == nil ? ["ipClassI"] : []) + (classII == nil ? ["ipClassII"] : [])
    }
}
