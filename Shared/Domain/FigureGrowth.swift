/// A growth figure tied to the level figure it qualifies: in `技术合同成交额达42.37亿元，同比增长18.5%` the
/// 18.5 % observation carries a ``FigureGrowth`` whose base is the 42.37 亿元 figure.
public struct FigureGrowth: Codable, Sendable, Hashable {
    /// Whether the figure went up (增长 增加 提高) or down (下降 减少 降低).
    public enum Direction: String, Codable, Sendable, CaseIterable {
        /// 增长 增加 提高 上升.
        case increase
        /// 下降 减少 降低 回落.
        case decrease
    }

    /// What the growth compares with.
    public var basis: GrowthBasis
    /// Up or down; the observation's value is the size of the change (never negative).
    public var direction: Direction
    /// The subject of the figure that grew, when the report states one in the sentence.
    public var baseSubject: String?
    /// Where that figure lies in the original text (Unicode-scalar offsets), when it is a figure of the report.
    public var baseSpan: TextSpan?

    /// Creates a growth description.
    public init(basis: GrowthBasis, direction: Direction = .increase, baseSubject: String? = nil, baseSpan: TextSpan? = nil) {
        self.basis = basis
        self.direction = direction
        self.baseSubject = baseSubject
        self.baseSpan = baseSpan
    }
}
