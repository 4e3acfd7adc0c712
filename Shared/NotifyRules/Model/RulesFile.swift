/// A loaded and validated rules file: rules, receivers, the routing tree and the grade order.
public struct RulesFile: Sendable, Hashable {
    /// The rules, in file order.
    public var rules: [NotifyRule]
    /// The receivers by name.
    public var receivers: [String: ReceiverDefinition]
    /// The routing tree.
    public var route: RouteNode
    /// Grade ids best first (for grade up/down).
    public var gradeOrder: [String]

    /// The default grade order: point bands A…E, then the cohort tiers.
    public static let defaultGradeOrder = ["A", "B", "C", "D", "E", "leading", "racing", "striving"]

    /// Creates a rules file.
    public init(
        rules: [NotifyRule], receivers: [String: ReceiverDefinition], route: RouteNode,
        gradeOrder: [String] = RulesFile.defaultGradeOrder
    ) {
        self.rules = rules
        self.receivers = receivers
        self.route = route
        self.gradeOrder = gradeOrder
    }
}
