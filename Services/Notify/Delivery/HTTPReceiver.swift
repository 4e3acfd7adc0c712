import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NotifyRules

/// The HTTP receivers: a plain webhook (the notification as JSON), the DingTalk custom robot and the WeCom group
/// robot (markdown). Every request carries `Idempotency-Key: <notification id>`, so a repeat after a crash is
/// recognisable. URLs and secrets are read per attempt (a fixed file or variable takes effect without a restart)
/// and never logged: errors name the receiver and the status, not the URL.
struct HTTPReceiver: NotificationReceiver {
    /// The receiver.
    let definition: ReceiverDefinition
    /// Reads URLs and secrets.
    let secrets: SecretReader
    /// The HTTP client (shared).
    let client: HTTPClient
    /// The wall clock (DingTalk signature timestamp).
    let now: @Sendable () -> Date

    func deliver(_ notification: NotificationRecord) async throws(NotifyError) {
        let (url, body) = try await request(for: notification)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "Idempotency-Key", value: notification.id)
        request.headers.add(name: "User-Agent", value: "kechuang-notify")
        request.body = .bytes(ByteBuffer(bytes: body))
        let milliseconds = definition.timeout.components.seconds * 1000
            + definition.timeout.components.attoseconds / 1_000_000_000_000_000
        let response: HTTPClientResponse
        let answer: ByteBuffer
        do {
            response = try await client.execute(request, timeout: .milliseconds(max(1, milliseconds)))
            answer = try await response.body.collect(upTo: 64 * 1024)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw .deliveryFailed("\(definition.kind.name) \(definition.name): timed out after \(DurationText.string(definition.timeout))")
        } catch {
            throw .deliveryFailed("\(definition.kind.name) \(definition.name): \(Self.describe(error))")
        }
        guard (200..<300).contains(response.status.code) else {
            throw .deliveryFailed("\(definition.kind.name) \(definition.name): HTTP \(response.status.code)")
        }
        switch definition.kind {
        case .dingTalk, .weCom:
            // Both robots answer 200 with {"errcode":0,"errmsg":"ok"}; anything else is a refusal.
            let data = Data(answer.readableBytesView)
            if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               let code = object["errcode"] as? Int, code != 0 {
                let message = (object["errmsg"] as? String) ?? ""
                throw .deliveryFailed("\(definition.kind.name) \(definition.name): errcode \(code) \(message)")
            }
        case .webhook, .file:
            break
        }
    }

    func alreadyDelivered(_ ids: Set<String>) async -> Set<String> { [] }

    /// The URL (signed for DingTalk with a secret) and body of `notification`.
    func request(for notification: NotificationRecord) async throws(NotifyError) -> (url: String, body: Data) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            switch definition.kind {
            case .webhook(let source):
                return (try await secrets.read(source), try DeliveryPayload(notification, receiver: definition.name).json())
            case .dingTalk(let source, let secretSource):
                var url = try await secrets.read(source)
                if let secretSource {
                    let secret = try await secrets.read(secretSource)
                    let timestamp = Int64((now().timeIntervalSince1970 * 1000).rounded())
                    url = DingTalkSignature.signedURL(url, secret: secret, timestampMilliseconds: timestamp)
                }
                let body = DingTalkMessage(
                    msgtype: "markdown",
                    markdown: .init(title: notification.title, text: "#### \(notification.title)\n\n\(notification.text)"))
                return (url, try encoder.encode(body))
            case .weCom(let source):
                let body = WeComMessage(
                    msgtype: "markdown", markdown: .init(content: "**\(notification.title)**\n\(notification.text)"))
                return (try await secrets.read(source), try encoder.encode(body))
            case .file:
                throw NotifyError.deliveryFailed("a file receiver is not an HTTP receiver")
            }
        } catch let error as NotifyError {
            throw error
        } catch {
            throw .deliveryFailed("cannot encode notification: \(error)")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let http = error as? HTTPClientError { return "\(http)" }
        let text = "\(error)"
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return String(text.prefix(200))
    }

    private struct DingTalkMessage: Encodable {
        struct Markdown: Encodable {
            var title: String
            var text: String
        }

        var msgtype: String
        var markdown: Markdown
    }

    private struct WeComMessage: Encodable {
        struct Markdown: Encodable {
            var content: String
        }

        var msgtype: String
        var markdown: Markdown
    }
}
