import Contracts
import Domain
import Foundation

/// Turns what a follower changed into live events: one `metric` event per changed indicator (county values), one
/// `counts` event when grades or tiers may have moved, one `subject` event per changed subject.
enum LiveEvents {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Events for changed `indicators`.
    static func metrics(_ indicators: Set<String>, catalog: Catalog, state: borrowing WebState) -> [LiveEvent] {
        indicators.sorted().compactMap { id in
            guard let indicator = catalog.indicator(id: id) else { return nil }
            let data = MetricLiveData(indicator: IndicatorView(indicator: indicator, state: state))
            return (try? encoder.encode(data)).map { LiveEvent(name: "metric", data: String(decoding: $0, as: UTF8.self)) }
        }
    }

    /// Events for changed `subjects` (`kind|id`): one per subject and one `counts`.
    static func scoring(_ subjects: Set<String>, state: borrowing WebState) -> [LiveEvent] {
        guard !subjects.isEmpty else { return [] }
        struct Counts: Encodable {
            let grades: [OverviewView.GradeCount]
            let tiers: [OverviewView.TierCount]
        }
        var events = subjects.sorted().map { key in
            LiveEvent(name: "subject", data: "{\"key\":\(String(decoding: (try? encoder.encode(key)) ?? Data("\"\"".utf8), as: UTF8.self))}")
        }
        if let counts = try? encoder.encode(Counts(grades: OverviewView.grades(state: state), tiers: OverviewView.tiers(state: state))) {
            events.append(LiveEvent(name: "counts", data: String(decoding: counts, as: UTF8.self)))
        }
        return events
    }
}
