import Contracts
import Testing
@testable import IngestService

/// Content hashes (document identity) are SHA-256 as lowercase hex: the FIPS 180-4 example vectors, checked
/// through the functions ingest uses, and through a whole submission.
@Suite struct ContentHashTests {
    @Test func fipsExampleABC() {
        #expect(ContentHash.hex(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.hex(ofBytes: Array("abc".utf8)) == ContentHash.hex(of: "abc"))
    }

    @Test func emptyMessage() {
        #expect(ContentHash.hex(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentHash.hex(ofBytes: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func fips448BitMessage() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(ContentHash.hex(of: message) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func oneMillionA() {
        let message = String(repeating: "a", count: 1_000_000)
        #expect(ContentHash.hex(of: message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func stringDigestHashesUTF8Bytes() {
        let text = "张家港科技局 2024"
        #expect(ContentHash.hex(of: text) == "b4e340faa742e2c03e058d4f795b2800638a1c807e2f97d28256566db3bfe5e2")
        #expect(ContentHash.hex(of: text) == ContentHash.hex(ofBytes: Array(text.utf8)))
        #expect(ContentHash.hex(of: text) != ContentHash.hex(of: text + " "))
    }

    @Test func submittedContentIsIdentifiedByItsHash() throws {
        let content = try ContentDecoder.decode(SubmitDocument(kind: .report, content: "科技贷 83家"), maxBytes: 1000).get()
        #expect(content.contentHash == "f585151794ef54eb75974e3ffa67861a8e0720f1b513931823c136d656a1d7f0")
        #expect(content.documentID == "doc-f585151794ef54eb")
    }
}
