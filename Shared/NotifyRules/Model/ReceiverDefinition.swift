/// Where a secret or URL comes from: the value itself (for URLs only), a file (first line, trimmed), or an
/// environment variable. Secrets are never written to logs or replies.
public enum SecretSource: Sendable, Hashable {
    /// Given in the rules file (allowed for URLs, not for signing secrets).
    case inline(String)
    /// Read from a file.
    case file(String)
    /// Read from an environment variable.
    case environment(String)

    /// Where it comes from, safe to show (`file /path`, `env NAME`, `inline`).
    public var origin: String {
        switch self {
        case .inline: "inline"
        case .file(let path): "file \(path)"
        case .environment(let name): "env \(name)"
        }
    }
}

/// One receiver of the rules file.
public struct ReceiverDefinition: Sendable, Hashable {
    /// What kind of receiver, with its settings.
    public enum Kind: Sendable, Hashable {
        /// JSON lines appended to `path` (relative paths: under the data directory), fsync'd after each line.
        case file(path: String)
        /// HTTP POST of the notification as JSON with an `Idempotency-Key` header.
        case webhook(url: SecretSource)
        /// DingTalk (钉钉) custom robot: markdown message, optionally signed with `secret`.
        case dingTalk(url: SecretSource, secret: SecretSource?)
        /// WeCom (企业微信) group robot: markdown message.
        case weCom(url: SecretSource)

        /// `file`, `webhook`, `dingtalk`, `wecom`.
        public var name: String {
            switch self {
            case .file: "file"
            case .webhook: "webhook"
            case .dingTalk: "dingtalk"
            case .weCom: "wecom"
            }
        }
    }

    /// Unique name (used by routes).
    public var name: String
    /// Kind and settings.
    public var kind: Kind
    /// Timeout of one HTTP attempt.
    public var timeout: Duration
    /// Attempts before the delivery goes to the dead-letter list.
    public var maxAttempts: Int

    /// Creates a receiver.
    public init(name: String, kind: Kind, timeout: Duration = .seconds(5), maxAttempts: Int = 5) {
        self.name = name
        self.kind = kind
        self.timeout = timeout
        self.maxAttempts = maxAttempts
    }
}
