import Crypto
import Foundation

/// The DingTalk (钉钉) custom robot's signature (加签): `sign = urlencode(base64(HMAC-SHA256(key: secret,
/// message: "<timestamp ms>\n<secret>")))`, sent as the `timestamp` and `sign` query parameters.
enum DingTalkSignature {
    /// The base64 signature (not yet URL-encoded).
    static func sign(secret: String, timestampMilliseconds: Int64) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestampMilliseconds)\n\(secret)".utf8), using: key)
        return Data(mac).base64EncodedString()
    }

    /// `url` with `timestamp` and `sign` appended (the signature percent-encoded: `+`, `/`, `=` included).
    static func signedURL(_ url: String, secret: String, timestampMilliseconds: Int64) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let signature = sign(secret: secret, timestampMilliseconds: timestampMilliseconds)
        let encoded = signature.addingPercentEncoding(withAllowedCharacters: allowed) ?? signature
        let separator = url.contains("?") ? "&" : "?"
        return "\(url)\(separator)timestamp=\(timestampMilliseconds)&sign=\(encoded)"
    }
}
