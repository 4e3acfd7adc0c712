import CZeroMQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A 32-byte CURVE key (public or secret), as used by libzmq's CurveZMQ security mechanism.
///
/// Keys are exchanged as Z85 text (40 characters, see ``z85``). Key material is never printed: `description`,
/// `debugDescription` and reflection show only `<curve key>`, so a key that ends up in a log line or an error
/// message reveals nothing. Compare keys with `==`; use ``fingerprint`` to tell public keys apart in logs.
public struct CurveKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Length of a key in bytes.
    public static let byteCount = 32
    /// Length of a key in Z85 text.
    public static let z85Count = 40

    /// The raw key bytes (32).
    public let bytes: [UInt8]

    /// Wraps 32 raw bytes; `nil` for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// Decodes 40 characters of Z85 text (surrounding whitespace ignored); `nil` when the text is not a Z85 key.
    public init?(z85 text: String) {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.utf8.count == Self.z85Count, trimmed.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return nil
        }
        var decoded = [UInt8](repeating: 0, count: Self.byteCount)
        let ok = decoded.withUnsafeMutableBufferPointer { buffer in
            zmq_z85_decode(buffer.baseAddress, trimmed) != nil
        }
        guard ok else { return nil }
        self.bytes = decoded
    }

    /// The key as 40 characters of Z85 text (the form of key files). Handle with care: for a secret key this is
    /// the secret.
    public var z85: String {
        var text = [CChar](repeating: 0, count: Self.z85Count + 1)
        _ = bytes.withUnsafeBufferPointer { zmq_z85_encode(&text, $0.baseAddress, $0.count) }
        return String(decoding: text.prefix(Self.z85Count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The public key belonging to this secret key (`zmq_curve_public`).
    /// - Throws: ``ZMQError`` when libzmq lacks CURVE support.
    public func derivedPublicKey() throws(ZMQError) -> CurveKey {
        var secretText = Array(z85.utf8CString)
        var publicText = [CChar](repeating: 0, count: Self.z85Count + 1)
        defer { for index in secretText.indices { secretText[index] = 0 } }
        if zmq_curve_public(&publicText, secretText) != 0 { throw ZMQError.current("zmq_curve_public") }
        let text = String(decoding: publicText.prefix(Self.z85Count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let key = CurveKey(z85: text) else { throw ZMQError(code: EINVAL, operation: "zmq_curve_public") }
        return key
    }

    /// The first 8 characters of the Z85 text: enough to tell **public** keys apart in logs, nothing more.
    /// Never log the fingerprint of a secret key.
    public var fingerprint: String { String(z85.prefix(8)) }

    /// `<curve key>`: key material is never printed.
    public var description: String { "<curve key>" }
    /// `<curve key>`: key material is never printed.
    public var debugDescription: String { "<curve key>" }
    /// An empty mirror, so `dump` and reflection print no key bytes either.
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    /// `true` when this libzmq was built with CURVE (`zmq_has("curve")`).
    public static var isSupported: Bool { zmq_has("curve") == 1 }
}

/// A CURVE key pair: a secret key and its public key.
public struct CurveKeyPair: Sendable, Hashable {
    /// The public key (shareable).
    public let publicKey: CurveKey
    /// The secret key (never logged, stored only in 0600 files).
    public let secretKey: CurveKey

    /// Pairs a secret key with its public key, deriving the public key.
    /// - Throws: ``ZMQError`` when libzmq lacks CURVE support.
    public init(secretKey: CurveKey) throws(ZMQError) {
        self.secretKey = secretKey
        self.publicKey = try secretKey.derivedPublicKey()
    }

    /// Generates a fresh key pair (`zmq_curve_keypair`).
    /// - Throws: ``ZMQError`` when libzmq lacks CURVE support.
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        var publicText = [CChar](repeating: 0, count: CurveKey.z85Count + 1)
        var secretText = [CChar](repeating: 0, count: CurveKey.z85Count + 1)
        defer { for index in secretText.indices { secretText[index] = 0 } }
        if zmq_curve_keypair(&publicText, &secretText) != 0 { throw ZMQError.current("zmq_curve_keypair") }
        let secret = String(decoding: secretText.prefix(CurveKey.z85Count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let secretKey = CurveKey(z85: secret) else { throw ZMQError(code: EINVAL, operation: "zmq_curve_keypair") }
        return try CurveKeyPair(secretKey: secretKey)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, carriage returns and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
