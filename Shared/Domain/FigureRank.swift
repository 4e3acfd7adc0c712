/// A place in a ranking stated for a figure (`获评…6个，列苏州县（市）第一`) or on its own (`综合考核位居全市第3`).
public struct FigureRank: Codable, Sendable, Hashable {
    /// The place, 1 for first (第一 / 第1 / 首位).
    public var position: Int
    /// Among whom, in the report's words (`苏州县（市）`, `全省`), when stated.
    public var scope: String?

    /// Creates a rank.
    public init(position: Int, scope: String? = nil) {
        self.position = position
        self.scope = scope
    }
}
