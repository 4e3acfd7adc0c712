import Testing
@testable import IngestService

@Suite struct SHA256Tests {
    @Test func fipsExampleABC() {
        #expect(SHA256.hexDigest("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func emptyMessage() {
        #expect(SHA256.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func fips448BitMessage() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hexDigest(message.utf8) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func oneMillionA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalUpdatesInOddChunksMatchOneShot() {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let expected = SHA256.hexDigest(message)
        for chunk in [1, 3, 55, 56, 63, 64, 65, 127, 999] {
            var hasher = SHA256()
            var index = 0
            while index < message.count {
                let end = min(index + chunk, message.count)
                hasher.update(Array(message[index..<end]))
                index = end
            }
            #expect(SHA256.hex(hasher.finalize()) == expected, "chunk size \(chunk)")
        }
    }

    @Test func stringDigestHashesUTF8Bytes() {
        let text = "张家港科技局 2024"
        #expect(SHA256.hexDigest(of: text) == SHA256.hexDigest(Array(text.utf8)))
        #expect(SHA256.hexDigest(of: text) != SHA256.hexDigest(of: text + " "))
    }
}
