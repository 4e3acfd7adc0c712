import Foundation

/// A sorted multiset-free collection with O(log n) expected insert, remove, rank and select: a treap whose nodes
/// live in an array (value semantics, `Sendable`) and carry subtree sizes.
///
/// Elements must be distinct (callers make keys unique, e.g. points plus subject id). Priorities come from a
/// fixed-seed SplitMix64 sequence, so the shape is deterministic for a given sequence of operations.
struct OrderStatisticTree<Element: Comparable & Sendable>: Sendable {
    /// 32-bit links, size and priority: 16 bytes beside the element instead of 32 (a node per ranked subject).
    private struct Node: Sendable {
        var element: Element
        var left: Int32
        var right: Int32
        var priority: UInt32
        var size: Int32
    }

    private static var none: Int32 { -1 }

    private var nodes: [Node] = []
    private var free: [Int32] = []
    private var root = OrderStatisticTree.none
    private var random: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The number of elements.
    var count: Int { size(root) }

    /// An empty tree.
    init() {}

    /// A tree holding `sorted` (strictly ascending, distinct), built in O(n): each element takes the next priority
    /// and the treap is assembled along its right spine (a Cartesian tree), instead of n inserts of O(log n).
    init(sorted: [Element]) {
        nodes.reserveCapacity(sorted.count)
        var spine: [Int32] = []
        for element in sorted {
            let node = allocate(element)
            var lastPopped = OrderStatisticTree.none
            while let top = spine.last, nodes[Int(top)].priority < nodes[Int(node)].priority {
                lastPopped = spine.removeLast()
            }
            nodes[Int(node)].left = lastPopped
            if let top = spine.last { nodes[Int(top)].right = node }
            spine.append(node)
        }
        root = spine.first ?? OrderStatisticTree.none
        // Sizes bottom-up: children were allocated... anywhere, so compute them by an explicit post-order walk.
        var stack: [(node: Int32, childrenDone: Bool)] = root == OrderStatisticTree.none ? [] : [(root, false)]
        while let (node, childrenDone) = stack.popLast() {
            if childrenDone {
                update(node)
                continue
            }
            stack.append((node, true))
            if nodes[Int(node)].left != OrderStatisticTree.none { stack.append((nodes[Int(node)].left, false)) }
            if nodes[Int(node)].right != OrderStatisticTree.none { stack.append((nodes[Int(node)].right, false)) }
        }
    }

    /// Inserts `element`, which must not be present.
    ///
    /// One descent: down to where the new node's priority belongs (sizes counted on the way), then only that
    /// subtree is split around it — half the work of splitting the whole tree and merging it back.
    mutating func insert(_ element: Element) {
        let node = allocate(element)
        root = insert(node, element, into: root)
    }

    /// Removes `element`; `false` when it was not present.
    ///
    /// One descent to the node, which is replaced by the merge of its two subtrees; sizes on the path shrink.
    @discardableResult
    mutating func remove(_ element: Element) -> Bool {
        var found = false
        root = remove(element, from: root, found: &found)
        return found
    }

    /// The number of leading elements (in order) for which `predicate` holds; `predicate` must hold for a prefix
    /// of the sorted elements and fail for the rest (e.g. `{ $0 < x }`).
    func prefixCount(while predicate: (Element) -> Bool) -> Int {
        var node = root
        var counted = 0
        while node != OrderStatisticTree.none {
            if predicate(nodes[Int(node)].element) {
                counted += size(nodes[Int(node)].left) + 1
                node = nodes[Int(node)].right
            } else {
                node = nodes[Int(node)].left
            }
        }
        return counted
    }

    /// The element at 0-based position `index` in order, or `nil` when out of range.
    func element(at index: Int) -> Element? {
        guard index >= 0, index < count else { return nil }
        var node = root
        var remaining = index
        while node != OrderStatisticTree.none {
            let leftSize = size(nodes[Int(node)].left)
            if remaining < leftSize {
                node = nodes[Int(node)].left
            } else if remaining == leftSize {
                return nodes[Int(node)].element
            } else {
                remaining -= leftSize + 1
                node = nodes[Int(node)].right
            }
        }
        return nil
    }

    /// Up to `limit` elements in order, starting at position `start`.
    func elements(from start: Int, limit: Int) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(Swift.max(0, Swift.min(limit, count - start)))
        var stack: [Int32] = []
        var node = root
        var skip = Swift.max(0, start)
        // Descend to the start position, keeping the path of nodes still to visit.
        while node != OrderStatisticTree.none {
            let leftSize = size(nodes[Int(node)].left)
            if skip < leftSize {
                stack.append(node)
                node = nodes[Int(node)].left
            } else if skip == leftSize {
                stack.append(node)
                node = OrderStatisticTree.none
            } else {
                skip -= leftSize + 1
                node = nodes[Int(node)].right
            }
        }
        while result.count < limit, let top = stack.popLast() {
            result.append(nodes[Int(top)].element)
            var next = nodes[Int(top)].right
            while next != OrderStatisticTree.none {
                stack.append(next)
                next = nodes[Int(next)].left
            }
        }
        return result
    }

    /// Checks order, sizes and heap priorities (for tests).
    func isValid() -> Bool {
        func check(_ node: Int32, lower: Element?, upper: Element?) -> Int? {
            guard node != OrderStatisticTree.none else { return 0 }
            let current = nodes[Int(node)]
            if let lower, !(lower < current.element) { return nil }
            if let upper, !(current.element < upper) { return nil }
            for child in [current.left, current.right] where child != OrderStatisticTree.none {
                if nodes[Int(child)].priority > current.priority { return nil }
            }
            guard let leftSize = check(current.left, lower: lower, upper: current.element),
                  let rightSize = check(current.right, lower: current.element, upper: upper),
                  leftSize + rightSize + 1 == Int(current.size)
            else { return nil }
            return Int(current.size)
        }
        return check(root, lower: nil, upper: nil) == count
    }

    // MARK: Treap internals

    private func size(_ node: Int32) -> Int {
        node == OrderStatisticTree.none ? 0 : Int(nodes[Int(node)].size)
    }

    private mutating func update(_ node: Int32) {
        nodes[Int(node)].size = Int32(size(nodes[Int(node)].left) + size(nodes[Int(node)].right) + 1)
    }

    private mutating func nextPriority() -> UInt32 {
        random &+= 0x9E37_79B9_7F4A_7C15
        var mixed = random
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt32(truncatingIfNeeded: (mixed ^ (mixed >> 31)) >> 32)
    }

    private mutating func allocate(_ element: Element) -> Int32 {
        let node = Node(
            element: element, left: OrderStatisticTree.none, right: OrderStatisticTree.none,
            priority: nextPriority(), size: 1)
        if let slot = free.popLast() {
            nodes[Int(slot)] = node
            return slot
        }
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    private mutating func release(_ node: Int32) {
        free.append(node)
        if free.count == nodes.count {
            nodes.removeAll(keepingCapacity: true)
            free.removeAll(keepingCapacity: true)
        }
    }

    private mutating func insert(_ new: Int32, _ element: Element, into node: Int32) -> Int32 {
        guard node != OrderStatisticTree.none else { return new }
        if nodes[Int(new)].priority > nodes[Int(node)].priority {
            let (less, rest) = split(node) { $0 < element }
            nodes[Int(new)].left = less
            nodes[Int(new)].right = rest
            update(new)
            return new
        }
        if element < nodes[Int(node)].element {
            let left = insert(new, element, into: nodes[Int(node)].left)
            nodes[Int(node)].left = left
        } else {
            let right = insert(new, element, into: nodes[Int(node)].right)
            nodes[Int(node)].right = right
        }
        nodes[Int(node)].size += 1
        return node
    }

    private mutating func remove(_ element: Element, from node: Int32, found: inout Bool) -> Int32 {
        guard node != OrderStatisticTree.none else { return node }
        if element < nodes[Int(node)].element {
            let left = remove(element, from: nodes[Int(node)].left, found: &found)
            nodes[Int(node)].left = left
        } else if nodes[Int(node)].element < element {
            let right = remove(element, from: nodes[Int(node)].right, found: &found)
            nodes[Int(node)].right = right
        } else {
            found = true
            let merged = merge(nodes[Int(node)].left, nodes[Int(node)].right)
            release(node)
            return merged
        }
        if found { nodes[Int(node)].size -= 1 }
        return node
    }

    /// Splits `node`'s subtree into the elements for which `goesLeft` holds (a prefix) and the rest.
    private mutating func split(_ node: Int32, _ goesLeft: (Element) -> Bool) -> (Int32, Int32) {
        guard node != OrderStatisticTree.none else { return (OrderStatisticTree.none, OrderStatisticTree.none) }
        if goesLeft(nodes[Int(node)].element) {
            let (left, right) = split(nodes[Int(node)].right, goesLeft)
            nodes[Int(node)].right = left
            update(node)
            return (node, right)
        }
        let (left, right) = split(nodes[Int(node)].left, goesLeft)
        nodes[Int(node)].left = right
        update(node)
        return (left, node)
    }

    /// Joins two subtrees whose elements are all ordered `first` before `second`.
    private mutating func merge(_ first: Int32, _ second: Int32) -> Int32 {
        guard first != OrderStatisticTree.none else { return second }
        guard second != OrderStatisticTree.none else { return first }
        if nodes[Int(first)].priority > nodes[Int(second)].priority {
            nodes[Int(first)].right = merge(nodes[Int(first)].right, second)
            update(first)
            return first
        }
        nodes[Int(second)].left = merge(first, nodes[Int(second)].left)
        update(second)
        return second
    }
}
