import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain HTTP/1.1 request over a loopback TCP socket, its response read line by line on a dedicated thread
/// (``OutputLines``): enough to fetch a page from `kechuang-web` and to follow its Server-Sent Events.
struct HTTPConnection: Sendable {
    /// The response lines as they arrive (status line, headers, blank line, body; chunk sizes of a chunked body
    /// appear as lines of their own).
    let lines: OutputLines

    /// Errors opening the connection.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Connects to `127.0.0.1:port` and sends `GET path` (with `Connection: close`).
    static func get(port: Int, path: String, headers: [String: String] = [:]) throws -> HTTPConnection {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure(description: "connect to port \(port): errno \(errno)")
        }
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        let sent = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        guard sent == bytes.count else {
            close(descriptor)
            throw Failure(description: "send: errno \(errno)")
        }
        let lines = OutputLines(name: "http\(path)")
        lines.drain(FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
        return HTTPConnection(lines: lines)
    }

    /// `GET path` to completion: the status code and the body (lines after the headers, joined).
    static func fetch(port: Int, path: String, timeout: Duration = .seconds(30)) async throws -> (status: Int, body: String) {
        let connection = try get(port: port, path: path)
        guard await connection.lines.waitClosed(timeout: timeout) else {
            throw Failure(description: "GET \(path) did not complete within \(timeout)")
        }
        let lines = connection.lines.lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        let status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        let body = lines.drop { !$0.isEmpty }.dropFirst().joined(separator: "\n")
        return (status, body)
    }
}
