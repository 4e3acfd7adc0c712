/// A node of the routing tree: which firings it takes (label matchers), which receivers it sends to, how it
/// groups and repeats, and its child routes. Settings not given inherit from the parent.
public struct RouteNode: Sendable, Hashable {
    /// Path of the node in the tree (`root`, `root.0`, `root.0.1`), part of group keys and notification ids.
    public var id: String
    /// All must hold for a firing to enter (none at the root).
    public var matchers: [LabelMatcher]
    /// Receiver names.
    public var receivers: [String]
    /// Labels whose values make a group (`[]`: everything on this route is one group).
    public var groupBy: [String]
    /// How long the first firing of a new group waits for others before the group is sent.
    public var groupWait: Duration
    /// How long after a group was sent new firings of that group wait.
    public var groupInterval: Duration
    /// The same rule on the same subject is not sent again on this route within this time.
    public var repeatInterval: Duration
    /// Whether matching continues with the next sibling after this node matched.
    public var continueMatching: Bool
    /// Child routes, tried in order.
    public var routes: [RouteNode]

    /// Creates a node.
    public init(
        id: String, matchers: [LabelMatcher] = [], receivers: [String], groupBy: [String] = ["rule"],
        groupWait: Duration = .zero, groupInterval: Duration = .seconds(60), repeatInterval: Duration = .seconds(4 * 3600),
        continueMatching: Bool = false, routes: [RouteNode] = []
    ) {
        self.id = id
        self.matchers = matchers
        self.receivers = receivers
        self.groupBy = groupBy
        self.groupWait = groupWait
        self.groupInterval = groupInterval
        self.repeatInterval = repeatInterval
        self.continueMatching = continueMatching
        self.routes = routes
    }

    /// The nodes that take a firing with `labels` (this node must already match): the first matching child (and
    /// following siblings after one with `continue`), recursively; this node itself when no child matches.
    public func destinations(for labels: [String: String]) -> [RouteNode] {
        var found: [RouteNode] = []
        for child in routes where child.matchers.allSatisfy({ $0.matches(labels) }) {
            found += child.destinations(for: labels)
            if !child.continueMatching { break }
        }
        return found.isEmpty ? [self] : found
    }

    /// Every node of the tree, depth first.
    public var allNodes: [RouteNode] {
        [self] + routes.flatMap(\.allNodes)
    }
}
