/// The kinds of document `kechuang-ingest` accepts.
public enum DocumentKind: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// A UTF-8 narrative report in Chinese (like the seed report); figures are extracted from it.
    case report
    /// Enterprise annual filings (企业年报): a JSON array, JSON lines, or CSV with a header row.
    case filing
    /// Program events (科技贷 loans, C计划 projects, consortia …), one JSON object per line.
    case events
    /// Subject records (创新主体数据) of the other innovation subject kinds (研发机构, 孵化载体, 高校院所, 人才团队,
    /// 镇（区） … or an enterprise's extra figures): CSV with a header row, a JSON array, or JSON lines; one
    /// `ingest.subject` event per record.
    case subjects

    /// The kind's name, as written on the wire.
    public var description: String { rawValue }

    /// The Chinese label shown to users.
    public var nameZh: String {
        switch self {
        case .report: "报告"
        case .filing: "企业年报"
        case .events: "项目事件"
        case .subjects: "创新主体数据"
        }
    }
}
