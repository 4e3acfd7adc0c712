import Contracts
import Logging
import ServiceLifecycle
import Streams

/// Fills the trend lines once after the metrics follower first catches up: the snapshot gives only each key's
/// current value, so the recent history of every indicator present is asked from `metrics.sync`
/// (`metric.history`, newest ``limit`` points) and merged in front. Then it idles until shutdown.
struct HistorySeeder: Service {
    let follower: StreamFollowerService
    let state: SharedWebState
    let backend: any WebBackend
    let limit: Int
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled, !(await follower.waitUntilCaughtUp(timeout: .seconds(5))) {}
        let indicators = state.read { Set($0.values.keys.map(\.indicator)) }.sorted()
        var points = 0
        for indicator in indicators where !Task.isCancelled {
            do {
                let history = try await backend.history(indicator: indicator, limit: limit)
                points += history.points.count
                state.update { $0.mergeHistory(history.points) }
            } catch {
                logger.warning("metric history unavailable; trend starts from now", metadata: [
                    "indicator": "\(indicator)", "error": "\(error)",
                ])
                break
            }
        }
        logger.info("trend lines seeded", metadata: ["indicators": "\(indicators.count)", "points": "\(points)"])
        try? await gracefulShutdown()
    }
}
