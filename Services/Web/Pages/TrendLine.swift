import Domain
import Foundation

/// A small server-side SVG line of a series (the overview's trend cells, the subject page's history).
public enum TrendLine {
    /// The `points` attribute of a polyline drawing `values` in a `width`×`height` box (empty for no values;
    /// a single value is drawn flat across).
    public static func points(_ values: [String], width: Double = 120, height: Double = 28) -> String {
        let numbers = values.compactMap { DecimalText.parse($0).map { NSDecimalNumber(decimal: $0).doubleValue } }
        guard !numbers.isEmpty else { return "" }
        let series = numbers.count == 1 ? [numbers[0], numbers[0]] : numbers
        let low = series.min() ?? 0
        let high = series.max() ?? 0
        let span = high - low
        let step = width / Double(series.count - 1)
        return series.enumerated().map { index, value in
            let y = span == 0 ? height / 2 : (height - 2) - (value - low) / span * (height - 4)
            return format(Double(index) * step) + "," + format(y)
        }.joined(separator: " ")
    }

    /// An inline SVG with the line of `values` (labelled for screen readers by `label`, escaped here).
    public static func svg(_ values: [String], label: String, width: Double = 120, height: Double = 28) -> String {
        "<svg class=\"trend\" viewBox=\"0 0 \(format(width)) \(format(height))\" width=\"\(format(width))\" "
            + "height=\"\(format(height))\" role=\"img\" aria-label=\"\(HTML.escape(label))\">"
            + "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" points=\"\(points(values, width: width, height: height))\"/></svg>"
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
