import Foundation
import KechuangTestSupport
import Synchronization
import Testing
@testable import ZeroMQ

/// CURVE on tcp:// endpoints: a ROUTER server with the ZAP handler of its loop, clients on their own loops
/// (separate contexts, as separate processes would be).
@Suite struct CurveTests {
    /// A CURVE echo server on 127.0.0.1 (random port), with its authenticator's decisions as a stream.
    final class EchoServer: Sendable {
        let loop: SocketLoop
        let endpoint: String
        let keyPair: CurveKeyPair
        private let counter: Counter
        let decisions: AsyncStream<CurveAuthenticator.Decision>

        init(allowed: Set<CurveKey>) async throws {
            loop = try SocketLoop(name: "test.curve.server")
            keyPair = try CurveKeyPair.generate()
            let (stream, continuation) = AsyncStream<CurveAuthenticator.Decision>.makeStream()
            decisions = stream
            _ = try await CurveAuthenticator.start(on: loop, allowedClients: allowed) { continuation.yield($0) }
            let counter = Counter()
            self.counter = counter
            let socket = try await loop.open(.router, options: [.curveServer(secretKey: keyPair.secretKey)], respond: { frames in
                counter.value.withLock { $0 += 1 }
                return frames
            }, setUp: { try $0.bind("tcp://127.0.0.1:*") })
            endpoint = try await socket.withSocket { try $0.lastEndpoint() }
        }

        /// Messages the server answered.
        var handled: Int { counter.value.withLock { $0 } }
    }

    final class Counter: Sendable {
        let value = Mutex(0)
    }

    /// A DEALER on its own loop.
    struct Client {
        let loop: SocketLoop
        let socket: LoopSocket

        init(endpoint: String, options: [SocketOption]) async throws {
            loop = try SocketLoop(name: "test.curve.client")
            socket = try await loop.open(.dealer, options: [.linger(.zero)] + options) { try $0.connect(endpoint) }
        }

        /// The next message, or `nil` when none arrives within `limit`.
        func next(within limit: Duration) async -> [Frame]? {
            let socket = socket
            return try? await withDeadline(limit, orThrow: TimedOut(what: "a reply")) {
                var iterator = socket.incoming.makeAsyncIterator()
                guard let frames = await iterator.next() else { throw TimedOut(what: "a reply (stream ended)") }
                return frames
            }
        }
    }

    @Test func anAllowedClientGetsRepliesAndOthersAreRefused() async throws {
        #expect(CurveKey.isSupported)
        let allowed = try CurveKeyPair.generate()
        let stranger = try CurveKeyPair.generate()
        let server = try await EchoServer(allowed: [allowed.publicKey])
        defer { Task { await server.loop.shutdown() } }

        // The allowed client is let in and answered.
        let good = try await Client(endpoint: server.endpoint, options: [.curveClient(serverKey: server.keyPair.publicKey, keyPair: allowed)])
        try await good.socket.send([Frame(string: "hello")])
        let reply = try #require(await good.next(within: .seconds(30)))
        #expect(reply.map { $0.string ?? "" } == ["hello"])

        // A client with a key pair the server does not know: the ZAP handler refuses it, and it gets nothing.
        // (Refused clients queue with `trySend`: libzmq ends a connection whose handshake failed without
        // reconnecting, so a DEALER left without a peer would never accept a message and `send` would wait forever.)
        let unknown = try await Client(endpoint: server.endpoint, options: [.curveClient(serverKey: server.keyPair.publicKey, keyPair: stranger)])
        try unknown.socket.trySend([Frame(string: "let me in")])
        let refused: CurveAuthenticator.Decision? = try await withTimeout("the ZAP refusal") {
            for await decision in server.decisions where !decision.accepted { return decision }
            return nil
        }
        let decision = try #require(refused)
        #expect(decision.mechanism == "CURVE")
        #expect(decision.clientFingerprint == stranger.publicKey.fingerprint)
        #expect(decision.address == "127.0.0.1")

        // A plaintext client: the CURVE handshake fails, it never reaches the application.
        let plain = try await Client(endpoint: server.endpoint, options: [])
        try plain.socket.trySend([Frame(string: "plaintext")])

        // A client that expects another server key (a man in the middle, or the wrong key file) is refused by itself.
        let wrongServer = try await Client(endpoint: server.endpoint, options: [.curveClient(serverKey: stranger.publicKey, keyPair: allowed)])
        try wrongServer.socket.trySend([Frame(string: "wrong server key")])

        // The allowed client goes on working; after its second round trip, the server still handled only its messages.
        try await good.socket.send([Frame(string: "again")])
        #expect(await good.next(within: .seconds(30)).map { $0.map { $0.string ?? "" } } == ["again"])
        #expect(await unknown.next(within: .milliseconds(500)) == nil)
        #expect(await plain.next(within: .milliseconds(500)) == nil)
        #expect(await wrongServer.next(within: .milliseconds(500)) == nil)
        #expect(server.handled == 2)
        for client in [good, unknown, plain, wrongServer] { await client.loop.shutdown(linger: .zero) }
    }

    @Test func zapAnswersFollowRFC27() throws {
        let allowed = try CurveKeyPair.generate()
        func request(mechanism: String, credentials: [UInt8]?) -> [Frame] {
            var frames = [Frame(string: "peer"), Frame(), Frame(string: "1.0"), Frame(string: "7"), Frame(string: ""),
                          Frame(string: "10.0.0.2"), Frame(), Frame(string: mechanism)]
            if let credentials { frames.append(Frame(credentials)) }
            return frames
        }
        let (ok, okDecision) = CurveAuthenticator.answer(
            request(mechanism: "CURVE", credentials: allowed.publicKey.bytes), allowedClients: [allowed.publicKey])
        #expect(ok?.map { $0.string ?? "" }.prefix(6) == ["peer", "", "1.0", "7", "200", "OK"])
        #expect(okDecision?.accepted == true)
        let (no, _) = CurveAuthenticator.answer(
            request(mechanism: "CURVE", credentials: Array(repeating: 1, count: 32)), allowedClients: [allowed.publicKey])
        #expect(no?[4].string == "400")
        let (null, nullDecision) = CurveAuthenticator.answer(request(mechanism: "NULL", credentials: nil), allowedClients: [allowed.publicKey])
        #expect(null?[4].string == "400")
        #expect(nullDecision?.accepted == false)
        #expect(CurveAuthenticator.answer([Frame(string: "junk")], allowedClients: []).0 == nil)
    }

    @Test func keysAreNeverPrinted() throws {
        let pair = try CurveKeyPair.generate()
        for text in ["\(pair.secretKey)", String(reflecting: pair.secretKey), "\(pair)", String(reflecting: pair),
                     "\(SocketOption.curveServer(secretKey: pair.secretKey))"] {
            #expect(!text.contains(pair.secretKey.z85))
            #expect(!text.contains(pair.publicKey.z85))
        }
        var dumped = ""
        dump(pair, to: &dumped)
        #expect(!dumped.contains(pair.secretKey.z85))
        #expect(CurveKey(z85: pair.secretKey.z85) == pair.secretKey)
        #expect(try CurveKeyPair(secretKey: pair.secretKey).publicKey == pair.publicKey)
    }

    @Test func keyFilesAreCheckedAndErrorsNameTheFile() throws {
        let directory = TestDirectory()
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        defer { directory.remove() }
        let pair = try CurveKeyPair.generate()
        let written = try CurveKeyFile.write(pair, name: "ingest", directory: directory.path)
        var status = stat()
        #expect(stat(written.secretPath, &status) == 0 && status.st_mode & 0o777 == 0o600)
        #expect(try CurveKeyFile.readKeyPair(secretKeyPath: written.secretPath) == pair)
        #expect(try CurveKeyFile.readPublicKey(at: written.publicPath) == pair.publicKey)
        #expect(try CurveKeyFile.readPublicKeys(at: directory.path) == [pair.publicKey])

        // A secret key is never overwritten.
        #expect(throws: CurveKeyFileError.unwritable(path: written.secretPath, errno: EEXIST)) {
            try CurveKeyFile.write(pair, name: "ingest", directory: directory.path)
        }
        // Group- or world-readable secret key files are refused, naming the file and never showing the key.
        chmod(written.secretPath, 0o640)
        do {
            _ = try CurveKeyFile.readKeyPair(secretKeyPath: written.secretPath)
            Issue.record("a 0640 secret key file was accepted")
        } catch let error as CurveKeyFileError {
            #expect(error == .tooOpen(path: written.secretPath, mode: 0o640))
            #expect(error.description.contains(written.secretPath))
            #expect(!error.description.contains(pair.secretKey.z85))
        }
        chmod(written.secretPath, 0o604)
        #expect(throws: CurveKeyFileError.tooOpen(path: written.secretPath, mode: 0o604)) {
            try CurveKeyFile.readKeyPair(secretKeyPath: written.secretPath)
        }
        // Missing, malformed and empty files.
        let missing = directory.file("nope.key")
        #expect(throws: CurveKeyFileError.unreadable(path: missing, errno: ENOENT)) {
            try CurveKeyFile.readKeyPair(secretKeyPath: missing)
        }
        let malformed = directory.file("bad.pub")
        try "# a comment\nnot-a-key\n".write(toFile: malformed, atomically: true, encoding: .utf8)
        #expect(throws: CurveKeyFileError.malformed(path: malformed, line: 2)) {
            try CurveKeyFile.readPublicKey(at: malformed)
        }
        let emptyDirectory = directory.file("empty")
        try FileManager.default.createDirectory(atPath: emptyDirectory, withIntermediateDirectories: true)
        #expect(throws: CurveKeyFileError.empty(path: emptyDirectory)) {
            try CurveKeyFile.readPublicKeys(at: emptyDirectory)
        }
        #expect(throws: CurveKeyFileError.notARegularFile(path: emptyDirectory)) {
            try CurveKeyFile.readKeyPair(secretKeyPath: emptyDirectory)
        }
    }

    @Test func tcpRequiresCurveUnlessLoopbackIsExplicitlyInsecure() throws {
        let pair = try CurveKeyPair.generate()
        let none = TransportSecurity()
        #expect(try none.serverOptions(for: "ipc:///tmp/x/ingest.req").isEmpty)
        #expect(throws: TransportSecurityError.tcpBindWithoutCurve(endpoint: "tcp://127.0.0.1:5701")) {
            try none.serverOptions(for: "tcp://127.0.0.1:5701")
        }
        #expect(throws: TransportSecurityError.tcpConnectWithoutCurve(endpoint: "tcp://10.0.0.1:5701", service: nil)) {
            try none.clientOptions(for: "tcp://10.0.0.1:5701")
        }
        let noClients = TransportSecurity(keyPair: pair)
        #expect(throws: TransportSecurityError.noAllowedClients(endpoint: "tcp://0.0.0.0:5701")) {
            try noClients.serverOptions(for: "tcp://0.0.0.0:5701")
        }
        let server = TransportSecurity(keyPair: pair, allowedClients: [pair.publicKey])
        #expect(try server.serverOptions(for: "tcp://0.0.0.0:5701") == [.curveServer(secretKey: pair.secretKey)])
        let insecure = TransportSecurity(insecureLoopbackTCP: true)
        #expect(try insecure.serverOptions(for: "tcp://127.0.0.1:5701").isEmpty)
        #expect(try insecure.clientOptions(for: "tcp://[::1]:5701").isEmpty)
        #expect(try insecure.clientOptions(for: "tcp://localhost:5701").isEmpty)
        #expect(throws: TransportSecurityError.insecureNotLoopback(endpoint: "tcp://0.0.0.0:5701")) {
            try insecure.serverOptions(for: "tcp://0.0.0.0:5701")
        }
        #expect(throws: TransportSecurityError.insecureNotLoopback(endpoint: "tcp://10.0.0.1:5701")) {
            try insecure.clientOptions(for: "tcp://10.0.0.1:5701")
        }
    }
}
