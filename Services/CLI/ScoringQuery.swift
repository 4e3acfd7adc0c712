import Contracts
import Foundation
import Messaging

/// Sends one query to the scoring service's request endpoint and prints replies as JSON.
enum ScoringQuery {
    /// Sends `request` on `scoring.req` and decodes the reply as `R`.
    static func ask<M: WireMessage, R: WireMessage>(
        _ request: M, expecting: R.Type, connection: ResolvedConnection
    ) async throws -> R {
        let client = try await ServiceClient.connect(service: "scoring", endpoint: connection.endpoint(.scoringRequest), security: connection.security)
        do {
            let reply = try await client.request(request, expecting: R.self, timeout: connection.timeout)
            await client.close()
            return reply
        } catch {
            await client.close()
            throw error
        }
    }

    /// The message's JSON body (exact decimals, UTF-8 names).
    static func json<M: WireMessage>(_ message: M) throws -> String {
        String(decoding: try EnvelopeCodec.encodeBody(message), as: UTF8.self)
    }

    /// A decimal as people read it: at most `places` decimals, no trailing zeros.
    static func number(_ value: Decimal, places: Int = 2) -> String {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .plain)
        return "\(rounded)"
    }
}
