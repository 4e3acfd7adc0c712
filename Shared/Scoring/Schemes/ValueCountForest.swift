import Foundation

/// Multisets of exact values, one per cohort (identified by a small integer), that count the values at most a given
/// one in O(log n) expected: per cohort a treap over the distinct values, each node holding a value, how often it
/// occurs and the number of occurrences in its subtree. The nodes of every cohort share one array (value
/// semantics, `Sendable`); a node stays at its index while its value is present, so callers may hold node indices.
///
/// What a percentile needs and no more: no subject ids in the nodes (a value shared by many subjects is one node),
/// 32-bit links. Priorities come from a fixed-seed SplitMix64 sequence: the shape is deterministic for a given
/// sequence of operations.
struct ValueCountForest: Sendable {
    private struct Node: Sendable {
        var value: OrderedDecimal
        var left: Int32
        var right: Int32
        /// Occurrences of `value`.
        var count: Int32
        /// Occurrences in the subtree.
        var total: Int32
        var priority: UInt32
    }

    private static var none: Int32 { -1 }

    private var nodes: [Node] = []
    private var free: [Int32] = []
    /// Root per cohort id, ``none`` when the cohort holds no value.
    private var roots: [Int32] = []
    private var random: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// An empty forest.
    init() {}

    /// The number of values (with repetitions) in `cohort`.
    func count(in cohort: Int) -> Int {
        cohort < roots.count ? total(roots[cohort]) : 0
    }

    /// The number of values in `cohort` at most `value`.
    func countAtMost(_ value: OrderedDecimal, in cohort: Int) -> Int {
        guard cohort < roots.count else { return 0 }
        var node = roots[cohort]
        var counted = 0
        while node != Self.none {
            let current = nodes[Int(node)]
            if current.value.compare(value) <= 0 {
                counted += total(current.left) + Int(current.count)
                node = current.right
            } else {
                node = current.left
            }
        }
        return counted
    }

    /// The value at `node` (an index ``add(_:to:)`` returned, while its value is present).
    func value(at node: Int32) -> OrderedDecimal {
        nodes[Int(node)].value
    }

    /// Adds one occurrence of `value` to `cohort`; returns the node holding it.
    mutating func add(_ value: OrderedDecimal, to cohort: Int) -> Int32 {
        while roots.count <= cohort { roots.append(Self.none) }
        let root = roots[cohort]
        if let existing = find(value, from: root) {
            adjustPath(to: value, from: root, by: 1)
            nodes[Int(existing)].count += 1
            return existing
        }
        let node = allocate(value)
        roots[cohort] = insert(node, into: root)
        return node
    }

    /// Removes one occurrence of the value at `node` from `cohort` (where ``add(_:to:)`` put it).
    mutating func remove(node: Int32, from cohort: Int) {
        guard cohort < roots.count else { return }
        let value = nodes[Int(node)].value
        if nodes[Int(node)].count > 1 {
            adjustPath(to: value, from: roots[cohort], by: -1)
            nodes[Int(node)].count -= 1
            return
        }
        roots[cohort] = remove(value, from: roots[cohort])
    }

    /// Checks order, counts, totals and heap priorities of every cohort's treap (for tests).
    func isValid() -> Bool {
        func check(_ node: Int32, lower: OrderedDecimal?, upper: OrderedDecimal?) -> Int? {
            guard node != Self.none else { return 0 }
            let current = nodes[Int(node)]
            if let lower, lower.compare(current.value) >= 0 { return nil }
            if let upper, current.value.compare(upper) >= 0 { return nil }
            guard current.count > 0 else { return nil }
            for child in [current.left, current.right] where child != Self.none {
                if nodes[Int(child)].priority > current.priority { return nil }
            }
            guard let left = check(current.left, lower: lower, upper: current.value),
                  let right = check(current.right, lower: current.value, upper: upper),
                  left + right + Int(current.count) == Int(current.total)
            else { return nil }
            return Int(current.total)
        }
        return roots.allSatisfy { check($0, lower: nil, upper: nil) != nil }
    }

    // MARK: Treap internals

    private func total(_ node: Int32) -> Int {
        node == Self.none ? 0 : Int(nodes[Int(node)].total)
    }

    private mutating func update(_ node: Int32) {
        let current = nodes[Int(node)]
        nodes[Int(node)].total = Int32(total(current.left) + total(current.right) + Int(current.count))
    }

    private func find(_ value: OrderedDecimal, from root: Int32) -> Int32? {
        var node = root
        while node != Self.none {
            let order = value.compare(nodes[Int(node)].value)
            if order == 0 { return node }
            node = order < 0 ? nodes[Int(node)].left : nodes[Int(node)].right
        }
        return nil
    }

    /// Adds `delta` to the totals on the path from `root` to the node holding `value` (which is present).
    private mutating func adjustPath(to value: OrderedDecimal, from root: Int32, by delta: Int32) {
        var node = root
        while node != Self.none {
            nodes[Int(node)].total += delta
            let order = value.compare(nodes[Int(node)].value)
            if order == 0 { return }
            node = order < 0 ? nodes[Int(node)].left : nodes[Int(node)].right
        }
    }

    private mutating func nextPriority() -> UInt32 {
        random &+= 0x9E37_79B9_7F4A_7C15
        var mixed = random
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt32(truncatingIfNeeded: (mixed ^ (mixed >> 31)) >> 32)
    }

    private mutating func allocate(_ value: OrderedDecimal) -> Int32 {
        let node = Node(value: value, left: Self.none, right: Self.none, count: 1, total: 1, priority: nextPriority())
        if let slot = free.popLast() {
            nodes[Int(slot)] = node
            return slot
        }
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    private mutating func release(_ node: Int32) {
        free.append(node)
    }

    /// Inserts the new node (its value absent) below `node`: one descent to where its priority belongs, then that
    /// subtree is split around it (as ``OrderStatisticTree``).
    private mutating func insert(_ new: Int32, into node: Int32) -> Int32 {
        guard node != Self.none else { return new }
        let value = nodes[Int(new)].value
        if nodes[Int(new)].priority > nodes[Int(node)].priority {
            let (less, rest) = split(node, before: value)
            nodes[Int(new)].left = less
            nodes[Int(new)].right = rest
            update(new)
            return new
        }
        if value.compare(nodes[Int(node)].value) < 0 {
            let left = insert(new, into: nodes[Int(node)].left)
            nodes[Int(node)].left = left
        } else {
            let right = insert(new, into: nodes[Int(node)].right)
            nodes[Int(node)].right = right
        }
        nodes[Int(node)].total += 1
        return node
    }

    /// Removes the node holding `value` (present, occurring once) from the subtree at `node`: it is replaced by
    /// the merge of its subtrees; totals on the path shrink by one.
    private mutating func remove(_ value: OrderedDecimal, from node: Int32) -> Int32 {
        guard node != Self.none else { return node }
        let order = value.compare(nodes[Int(node)].value)
        if order == 0 {
            let merged = merge(nodes[Int(node)].left, nodes[Int(node)].right)
            release(node)
            return merged
        }
        if order < 0 {
            let left = remove(value, from: nodes[Int(node)].left)
            nodes[Int(node)].left = left
        } else {
            let right = remove(value, from: nodes[Int(node)].right)
            nodes[Int(node)].right = right
        }
        nodes[Int(node)].total -= 1
        return node
    }

    /// Splits the subtree at `node` into the values less than `value` and the rest.
    private mutating func split(_ node: Int32, before value: OrderedDecimal) -> (Int32, Int32) {
        guard node != Self.none else { return (Self.none, Self.none) }
        if nodes[Int(node)].value.compare(value) < 0 {
            let (left, right) = split(nodes[Int(node)].right, before: value)
            nodes[Int(node)].right = left
            update(node)
            return (node, right)
        }
        let (left, right) = split(nodes[Int(node)].left, before: value)
        nodes[Int(node)].left = right
        update(node)
        return (left, node)
    }

    /// Joins two subtrees whose values are all ordered `first` before `second`.
    private mutating func merge(_ first: Int32, _ second: Int32) -> Int32 {
        guard first != Self.none else { return second }
        guard second != Self.none else { return first }
        if nodes[Int(first)].priority > nodes[Int(second)].priority {
            let right = merge(nodes[Int(first)].right, second)
            nodes[Int(first)].right = right
            update(first)
            return first
        }
        let left = merge(first, nodes[Int(second)].left)
        nodes[Int(second)].left = left
        update(second)
        return second
    }
}
