import Crypto

/// Document content hashes: SHA-256 (swift-crypto) of the content's UTF-8 bytes, as 64 lowercase hex digits.
/// The hash is the document's identity (its id is `doc-` and the first 16 digits; a resubmission with the same
/// hash is a duplicate), so this spelling must never change.
enum ContentHash {
    /// The content hash of `text`'s UTF-8 bytes (what ingest stores and publishes).
    static func hex(of text: String) -> String {
        var text = text
        var hasher = SHA256()
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hex(hasher.finalize())
    }

    /// The content hash of raw bytes.
    static func hex(ofBytes bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// Lowercase hex of a digest's 32 bytes.
    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits: StaticString = "0123456789abcdef"
        var out: [UInt8] = []
        out.reserveCapacity(SHA256.Digest.byteCount * 2)
        digits.withUTF8Buffer { digits in
            for byte in digest {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
