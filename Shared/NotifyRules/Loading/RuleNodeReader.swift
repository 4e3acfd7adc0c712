import Yams
import YAMLReading

/// Reads a rules file's YAML nodes, recording a ``RuleError`` (file, line, field path, reason) for every problem
/// instead of stopping at the first.
typealias RuleNodeReader = YAMLNodeReader<RuleProblem>

extension YAMLNodeReader where Problem == RuleProblem {
    /// Records `reason` at `node`'s place, field path `location`.
    mutating func report(_ reason: String, at node: Node?, _ location: String) {
        report(RuleProblem(reason), at: node, location)
    }

    /// A whole number of at least `minimum`.
    mutating func integer(_ node: Node, _ location: String, minimum: Int) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string), value >= minimum else {
            report("expected a whole number ≥ \(minimum)", at: node, location)
            return nil
        }
        return value
    }

    /// A duration such as `0s`, `30s`, `5m`, `4h` or `1d`.
    mutating func duration(_ node: Node, _ location: String) -> Duration? {
        guard case .scalar(let scalar) = node, let value = DurationText.parse(scalar.string) else {
            report("expected a duration such as 0s, 30s, 5m, 4h or 1d", at: node, location)
            return nil
        }
        return value
    }
}
