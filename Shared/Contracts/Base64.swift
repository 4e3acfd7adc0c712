import Foundation

/// Base64 helpers for raw document bytes carried in JSON.
enum Base64 {
    /// Standard base64 (RFC 4648) of `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}
