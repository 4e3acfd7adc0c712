import Domain

/// The human-readable table of an extraction (`kechuang extract FILE --format table`): Chinese column titles,
/// columns aligned for a terminal where CJK and full-width characters take two columns.
public enum ExtractionTable {
    /// Column titles (Chinese with English).
    static let titles = ["数值 value", "单位 unit", "限定 qualifier", "期间 period", "主题 subject", "指标 indicator", "位置 offsets", "说明 details"]

    /// Renders `result` as an aligned table followed by its warnings; ends with a newline.
    public static func render(_ result: ExtractionResult) -> String {
        let rows = result.observations.map { observation -> [String] in
            [
                DecimalText.string(observation.value),
                observation.unit.rawValue,
                label(observation.qualifier),
                observation.period ?? "—",
                observation.subject,
                observation.indicatorID ?? "—",
                observation.span.map { "\($0.start)..<\($0.end)" } ?? "—",
                details(observation),
            ]
        }
        let all = [titles] + rows
        let widths = titles.indices.map { column in all.map { displayWidth($0[column]) }.max() ?? 0 }
        var lines = all.map { row in
            row.indices.map { column -> String in
                let cell = row[column]
                let padding = String(repeating: " ", count: widths[column] - displayWidth(cell))
                // Numbers align right, text left.
                return column == 0 ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
        lines.append("共 \(result.observations.count) 项 (observations)")
        for warning in result.warnings {
            lines.append("警告 warning: \(warning)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The bound, range end, growth, rank and fraction of an observation in a few words (empty when none).
    static func details(_ observation: ReportedObservation) -> String {
        var parts: [String] = []
        switch observation.bound {
        case .approximate: parts.append("约 approximate")
        case .lowerBound: parts.append("下限 lower_bound")
        case .upperBound: parts.append("上限 upper_bound")
        case .range: parts.append("范围 range–\(observation.upperValue.map(DecimalText.string) ?? "?")")
        case nil: break
        }
        if let growth = observation.growth {
            let direction = growth.direction == .decrease ? "降 decrease" : "增 increase"
            parts.append("\(direction) \(growth.basis.rawValue)" + (growth.baseSubject.map { " of \($0)" } ?? ""))
        }
        if let rank = observation.rank {
            parts.append("排名 rank \(rank.position)" + (rank.scope.map { " (\($0))" } ?? ""))
        }
        if let fraction = observation.fraction {
            parts.append("分数 \(fraction.numerator)/\(fraction.denominator)")
        }
        return parts.joined(separator: "; ")
    }

    /// The qualifier in Chinese with its code.
    static func label(_ qualifier: Qualifier) -> String {
        switch qualifier {
        case .exact: "确数 exact"
        case .atLeast: "以上 at_least"
        case .projected: "预计 projected"
        case .planned: "计划 planned"
        case .cumulative: "累计 cumulative"
        case .growthRate: "增速 growth_rate"
        }
    }

    /// Terminal columns taken by `text`: East Asian wide and full-width characters count two, combining marks
    /// and zero-width characters none, everything else one.
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            if scalar.properties.generalCategory == .nonspacingMark || value == 0x200B || value == 0x200D {
                return width
            }
            return width + (isWide(value) ? 2 : 1)
        }
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
