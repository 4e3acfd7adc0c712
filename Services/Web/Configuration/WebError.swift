/// Why `kechuang-web` cannot start or serve.
public enum WebError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A setting has an impossible value.
    case invalidSetting(name: String, value: String, reason: String)
    /// A non-loopback bind without `--allow-remote`, or without a token.
    case remoteBindRefused(host: String, reason: String)
    /// The token file cannot be read or is empty.
    case unreadableTokenFile(path: String, reason: String)
    /// The scoring service did not answer a lookup or ranking.
    case scoringUnavailable(String)
    /// The metrics service did not answer a history request.
    case metricsUnavailable(String)
    /// A service refused the question (unknown scheme, bad query …).
    case rejected(String)

    /// A sentence for logs and error pages.
    public var description: String {
        switch self {
        case let .invalidSetting(name, value, reason): "setting \(name)=\(value): \(reason)"
        case let .remoteBindRefused(host, reason): "refusing to bind \(host): \(reason)"
        case let .unreadableTokenFile(path, reason): "token file \(path): \(reason)"
        case let .scoringUnavailable(reason): "积分服务无应答 scoring service unavailable: \(reason)"
        case let .metricsUnavailable(reason): "指标服务无应答 metrics service unavailable: \(reason)"
        case let .rejected(reason): "请求被拒绝 request refused: \(reason)"
        }
    }
}
