import Foundation
import Testing
@testable import ZeroMQ
#if canImport(Glibc)
import Glibc
#endif

@Suite("ipc endpoint guard")
struct EndpointGuardTests {
    @Test("a second bind of the same ipc path is refused by the lock, and allowed after unbind")
    func doubleBind() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let endpoint = directory.endpoint("owner")
        let context = try Context()
        let first = try context.socket(.pull)
        try first.bind(endpoint)
        let second = try context.socket(.pull)
        #expect(throws: EndpointError.alreadyBound(endpoint: endpoint, lockPath: directory.file("owner.lock"))) {
            try second.bind(endpoint)
        }
        // The first owner still works.
        let push = try context.socket(.push)
        try push.connect(endpoint)
        try first.set(testReceiveTimeout)
        try push.send([Frame(string: "still mine")])
        #expect(texts(try first.receiveMultipart()) == ["still mine"])
        try first.unbind(endpoint)
        try second.bind(endpoint)
        second.close()
        #expect(!FileManager.default.fileExists(atPath: directory.file("owner.lock")))
    }

    @Test("an over-long ipc path is refused before libzmq is called")
    func overLongPath() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let name = String(repeating: "x", count: 120)
        let endpoint = directory.endpoint(name)
        let length = directory.file(name).utf8.count
        let context = try Context()
        let socket = try context.socket(.pull)
        #expect(throws: EndpointError.pathTooLong(endpoint: endpoint, length: length, limit: 107)) {
            try socket.bind(endpoint)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    @Test("the runtime directory is created with mode 0700")
    func runtimeDirectoryMode() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        let context = try Context()
        let socket = try context.socket(.pull)
        try socket.bind(directory.endpoint("mode"))
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
    }

    @Test("a stale socket file left by a dead owner is removed and the endpoint bound")
    func staleSocket() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let path = directory.file("stale")
        try makeStaleUnixSocket(at: path)
        var status = stat()
        #expect(lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFSOCK)

        let (_, push, pull) = try pushPull(in: directory, "stale")
        try push.send([Frame(string: "fresh")])
        #expect(texts(try pull.receiveMultipart()) == ["fresh"])
    }

    @Test("a regular file at the ipc path is never deleted")
    func occupiedPath() throws {
        let directory = TestDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let path = directory.file("data")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("keep".utf8)))
        let context = try Context()
        let socket = try context.socket(.pull)
        #expect(throws: EndpointError.pathOccupied(endpoint: directory.endpoint("data"), path: path)) {
            try socket.bind(directory.endpoint("data"))
        }
        #expect(FileManager.default.contents(atPath: path) == Data("keep".utf8))
    }

    /// Binds a plain AF_UNIX socket at `path` and closes it without unlinking: what a crashed owner leaves.
    private func makeStaleUnixSocket(at path: String) throws {
        struct SetupFailed: Error { let step: String }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SetupFailed(step: "socket") }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw SetupFailed(step: "path") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard rc == 0 else { throw SetupFailed(step: "bind errno \(errno)") }
    }
}
