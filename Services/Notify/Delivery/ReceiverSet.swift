import AsyncHTTPClient
import Foundation
import NotifyRules
import Synchronization

/// The receivers in force (replaced on SIGHUP), built from the rules file's definitions.
final class ReceiverSet: Sendable {
    /// How receivers are made from definitions.
    struct Factory: Sendable {
        /// Folder of relative outbox paths.
        var outboxDirectory: String
        /// URLs and secrets.
        var secrets: SecretReader
        /// HTTP client.
        var client: HTTPClient
        /// Wall clock.
        var now: @Sendable () -> Date

        func make(_ definition: ReceiverDefinition) -> any NotificationReceiver {
            switch definition.kind {
            case .file(let path):
                let full = path.hasPrefix("/") ? path : (outboxDirectory as NSString).appendingPathComponent(path)
                return FileReceiver(name: definition.name, path: full)
            case .webhook, .dingTalk, .weCom:
                return HTTPReceiver(definition: definition, secrets: secrets, client: client, now: now)
            }
        }
    }

    /// One receiver in force.
    struct Entry: Sendable {
        var definition: ReceiverDefinition
        var receiver: any NotificationReceiver
    }

    private let factory: Factory
    private let entries: Mutex<[String: Entry]>
    /// Rung when the set changes (the dispatcher starts workers for new names).
    let changed = Doorbell()

    init(definitions: [String: ReceiverDefinition], factory: Factory) {
        self.factory = factory
        entries = Mutex(definitions.mapValues { Entry(definition: $0, receiver: factory.make($0)) })
    }

    /// Replaces the set (unchanged definitions keep their receiver).
    func replace(with definitions: [String: ReceiverDefinition]) {
        let factory = factory
        entries.withLock { entries in
            var next: [String: Entry] = [:]
            for (name, definition) in definitions {
                if let existing = entries[name], existing.definition == definition {
                    next[name] = existing
                } else {
                    next[name] = Entry(definition: definition, receiver: factory.make(definition))
                }
            }
            entries = next
        }
        changed.ring()
    }

    /// The receiver named `name`, if in force.
    func entry(_ name: String) -> Entry? { entries.withLock { $0[name] } }

    /// The names in force.
    var names: [String] { entries.withLock { $0.keys.sorted() } }
}
