import Foundation

/// A unit a reported or computed figure is expressed in. Raw values are the Chinese symbols as printed.
public enum MeasureUnit: String, Codable, Sendable, CaseIterable {
    /// 家 — enterprises, institutions (counted as organisations).
    case jia = "家"
    /// 项 — projects, awards, items.
    case xiang = "项"
    /// 个 — generic count.
    case ge = "个"
    /// 条 — entries (demands, rules).
    case tiao = "条"
    /// 人 — people.
    case ren = "人"
    /// 件 — patents, documents.
    case jian = "件"
    /// 名 — places in a ranking, or people.
    case ming = "名"
    /// 所 — schools, universities.
    case suo = "所"
    /// 次 — occurrences (meetings, visits).
    case ci = "次"
    /// 分 — points (innovation points, grading scores).
    case fen = "分"
    /// 亿元 — hundred-million yuan.
    case yiYuan = "亿元"
    /// 万元 — ten-thousand yuan.
    case wanYuan = "万元"
    /// 元 — yuan.
    case yuan = "元"
    /// % — percent.
    case percent = "%"

    /// Parses a unit symbol tolerantly: trims whitespace, accepts the full-width percent sign `％`,
    /// `百分比`, and `人民币` prefixes such as `万元人民币`. Returns `nil` for an unknown symbol.
    public init?(symbol: String) {
        var text = symbol.trimmingCharacters(in: .whitespacesAndNewlines)
        if text == "％" || text == "百分比" || text == "﹪" { text = "%" }
        if text.hasSuffix("人民币") { text = String(text.dropLast(3)) }
        if text.hasPrefix("人民币") { text = String(text.dropFirst(3)) }
        guard let unit = MeasureUnit(rawValue: text) else { return nil }
        self = unit
    }

    /// The dimension of the unit: money, ratio or count.
    public var dimension: MeasureDimension {
        switch self {
        case .yiYuan, .wanYuan, .yuan: .money
        case .percent: .ratio
        case .fen: .score
        case .jia, .xiang, .ge, .tiao, .ren, .jian, .ming, .suo, .ci: .count
        }
    }

    /// Whether the unit is a money unit (元 / 万元 / 亿元).
    public var isMoney: Bool { dimension == .money }

    /// How many 元 one of this unit is worth, or `nil` for a non-money unit.
    public var yuanFactor: Decimal? {
        MoneyUnit(self)?.yuanFactor
    }

    /// Converts an amount in this unit to 元 exactly, or `nil` for a non-money unit.
    public func yuanValue(of amount: Decimal) -> Decimal? {
        yuanFactor.map { amount * $0 }
    }
}
