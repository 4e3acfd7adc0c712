/// How a reported figure relates to the true value, as signalled by Chinese cue words around it.
public enum Qualifier: String, Codable, Sendable, CaseIterable {
    /// The figure is stated as is.
    case exact
    /// A lower bound: 以上 超 突破 逾 多.
    case atLeast = "at_least"
    /// A forecast: 预计.
    case projected
    /// An intention: 拟 计划.
    case planned
    /// A running total: 累计 共 自成立以来.
    case cumulative
    /// A growth rate rather than a level: 增长 同比.
    case growthRate = "growth_rate"

    /// The Chinese cue words that signal this qualifier (empty for ``exact``).
    public var cueWords: [String] {
        switch self {
        case .exact: []
        case .atLeast: ["以上", "超", "突破", "逾", "多"]
        case .projected: ["预计"]
        case .planned: ["拟", "计划"]
        case .cumulative: ["累计", "共", "自成立以来"]
        case .growthRate: ["增长", "同比"]
        }
    }

    /// The qualifier whose cue word is the longest one contained in `text`, or `nil` when none is.
    /// Whitespace is ignored so cue words broken across lines still count.
    public static func detect(in text: String) -> Qualifier? {
        let compact = text.filter { !$0.isWhitespace }
        var best: (qualifier: Qualifier, length: Int)?
        for qualifier in allCases {
            for cue in qualifier.cueWords where compact.contains(cue) {
                if best.map({ cue.count > $0.length }) ?? true {
                    best = (qualifier, cue.count)
                }
            }
        }
        return best?.qualifier
    }
}
