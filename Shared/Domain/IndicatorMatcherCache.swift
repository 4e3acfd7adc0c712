import Synchronization

/// Holds a ``Catalog``'s ``IndicatorMatcher`` once built. Shared by copies of the catalog value until one of them
/// changes its indicators (the catalog then starts a fresh cache), so the matcher always reflects the indicators
/// it was asked for.
final class IndicatorMatcherCache: Sendable {
    private let built = Mutex<IndicatorMatcher?>(nil)

    /// The cached matcher, building it from `indicators` on first use.
    func matcher(for indicators: [Indicator]) -> IndicatorMatcher {
        if let matcher = built.withLock({ $0 }) { return matcher }
        let matcher = IndicatorMatcher(indicators: indicators)
        built.withLock { cached in
            if cached == nil { cached = matcher }
        }
        return matcher
    }
}
