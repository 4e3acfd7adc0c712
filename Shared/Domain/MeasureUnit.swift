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
    /// 个百分点 — percentage points (a change of a percentage, 提高0.2个百分点).
    case percentagePoint = "个百分点"
    /// 倍 — times (a multiple of another figure).
    case times = "倍"
    /// 平方米 — square metres.
    case squareMetre = "平方米"
    /// 万平方米 — ten thousand square metres.
    case wanSquareMetre = "万平方米"
    /// 亩 — mu (about 666.7 m²; kept as printed, not converted).
    case mu = "亩"
    /// 吨 — tonnes.
    case ton = "吨"
    /// 万吨 — ten thousand tonnes.
    case wanTon = "万吨"
    /// 千瓦 — kilowatts.
    case kilowatt = "千瓦"
    /// 万千瓦 — ten thousand kilowatts.
    case wanKilowatt = "万千瓦"
    /// PFLOPS — computing power (算力; reports also write `P`).
    case petaflops = "PFLOPS"

    /// Parses a unit symbol tolerantly: trims whitespace, accepts the full-width percent sign `％`,
    /// `百分比`, and `人民币` prefixes such as `万元人民币`. Returns `nil` for an unknown symbol.
    public init?(symbol: String) {
        // A symbol written exactly as a unit's raw value (what every stored event carries) needs none of the
        // rewriting below, which cost ≈ 1 µs per decoded event when it trimmed through Foundation's `NSString` bridge
        // (docs/performance.md "## Metrics"); no raw value starts or ends with 人民币 (`MeasureUnitTests`).
        if let unit = MeasureUnit(rawValue: symbol) {
            self = unit
            return
        }
        var text = UnicodeWhitespace.trimmingWhitespaceAndNewlines(symbol)
        if text == "％" || text == "百分比" || text == "﹪" { text = "%" }
        if text == "百分点" { text = "个百分点" }
        if text == "P" || text == "Pflops" || text == "PFlops" { text = "PFLOPS" }
        if text.hasSuffix("人民币") { text = String(text.dropLast(3)) }
        if text.hasPrefix("人民币") { text = String(text.dropFirst(3)) }
        guard let unit = MeasureUnit(rawValue: text) else { return nil }
        self = unit
    }

    /// The dimension of the unit: money, ratio, count, score or a physical quantity.
    public var dimension: MeasureDimension {
        switch self {
        case .yiYuan, .wanYuan, .yuan: .money
        case .percent: .ratio
        case .percentagePoint: .ratioChange
        case .times: .multiple
        case .fen: .score
        case .squareMetre, .wanSquareMetre, .mu: .area
        case .ton, .wanTon: .mass
        case .kilowatt, .wanKilowatt: .power
        case .petaflops: .computing
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
