import Domain
import Foundation

/// The texts of an overview row's cells, shared by the server-rendered page and the live updates (so a value
/// pushed over SSE reads exactly like one rendered on load).
public enum IndicatorCells {
    /// `报告 reported` / `计算 computed`, or `—`.
    public static func sourceLabel(_ value: IndicatorValueView?) -> String {
        switch value?.source {
        case "reported": "报告 reported"
        case "computed": "计算 computed"
        default: "—"
        }
    }

    /// `✓` when clean, `⚠ n` with n findings, `—` without a value.
    public static func qualityLabel(_ value: IndicatorValueView?) -> String {
        guard let value else { return "—" }
        return value.quality.isEmpty ? "✓" : "⚠ \(value.quality.count)"
    }

    /// `85.5%` of the target, or `—`.
    public static func progressLabel(_ value: IndicatorValueView?) -> String {
        guard let progress = value?.targetProgressPercent else { return "—" }
        return progress + "%"
    }

    /// The progress bar's width in percent, 0…100.
    public static func progressWidth(_ value: IndicatorValueView?) -> Int {
        guard let text = value?.targetProgressPercent, let progress = DecimalText.parse(text) else { return 0 }
        return max(0, min(100, NSDecimalNumber(decimal: progress).intValue))
    }
}

/// The data of a `metric` live event: the indicator's view and its cells' texts.
public struct MetricLiveData: Codable, Sendable, Hashable {
    /// The indicator as `/api/indicators` shows it.
    public var indicator: IndicatorView
    /// Source cell text.
    public var sourceLabel: String
    /// Quality cell text.
    public var qualityLabel: String
    /// Progress cell text.
    public var progressLabel: String
    /// Progress bar width, 0…100.
    public var progressWidth: Int
    /// The trend polyline's points.
    public var points: String

    /// The event data of `indicator`.
    public init(indicator: IndicatorView) {
        self.indicator = indicator
        sourceLabel = IndicatorCells.sourceLabel(indicator.current)
        qualityLabel = IndicatorCells.qualityLabel(indicator.current)
        progressLabel = IndicatorCells.progressLabel(indicator.current)
        progressWidth = IndicatorCells.progressWidth(indicator.current)
        points = TrendLine.points(indicator.trend)
    }
}
