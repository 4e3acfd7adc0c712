import Contracts
import Foundation
import Messaging

/// Sends one request to the notify service's request endpoint.
enum NotifyQuery {
    /// Sends `request` on `notify.req` and decodes the reply as `R`.
    static func ask<M: WireMessage, R: WireMessage>(
        _ request: M, expecting: R.Type, connection: ResolvedConnection
    ) async throws -> R {
        let client = try await ServiceClient.connect(service: "notify", endpoint: connection.endpoint(.notifyRequest), security: connection.security)
        do {
            let reply = try await client.request(request, expecting: R.self, timeout: connection.timeout)
            await client.close()
            return reply
        } catch {
            await client.close()
            throw error
        }
    }

    /// `2024-11-29 19:41:54` in local time for a milliseconds timestamp.
    static func time(_ milliseconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
