import Foundation
import NotifyRules

/// The file receiver: one JSON line per notification appended to an outbox file and fsync'd before the delivery
/// counts as done. One serial queue per file keeps lines whole and in order.
struct FileReceiver: NotificationReceiver {
    /// The receiver's name (written in each line).
    let name: String
    /// The outbox file.
    let path: String
    private let queue: DispatchQueue

    init(name: String, path: String) {
        self.name = name
        self.path = path
        queue = DispatchQueue(label: "kechuang.notify.outbox.\(name)")
    }

    func deliver(_ notification: NotificationRecord) async throws(NotifyError) {
        let line: Data
        do {
            line = try DeliveryPayload(notification, receiver: name).json() + Data("\n".utf8)
        } catch {
            throw .deliveryFailed("cannot encode notification: \(error)")
        }
        let path = path
        let result: Result<Void, NotifyError>
        do {
            result = try await BlockingIO.run(on: queue) { Self.append(line, to: path) }
        } catch {
            result = .failure(.deliveryFailed("\(error)"))
        }
        try result.get()
    }

    private static func append(_ line: Data, to path: String) -> Result<Void, NotifyError> {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            return .failure(.deliveryFailed("cannot open outbox \(path): \(String(cString: strerror(errno)))"))
        }
        defer { close(descriptor) }
        let written = line.withUnsafeBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, base + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return -1
                }
                offset += count
            }
            return offset
        }
        guard written == line.count else {
            return .failure(.deliveryFailed("cannot write outbox \(path): \(String(cString: strerror(errno)))"))
        }
        guard fsync(descriptor) == 0 else {
            return .failure(.deliveryFailed("cannot fsync outbox \(path): \(String(cString: strerror(errno)))"))
        }
        return .success(())
    }

    func alreadyDelivered(_ ids: Set<String>) async -> Set<String> {
        guard !ids.isEmpty else { return [] }
        let path = path
        let name = name
        return (try? await BlockingIO.run(on: queue) { () -> Set<String> in
            guard let data = FileManager.default.contents(atPath: path) else { return [] }
            // Only the tail can hold a line whose "delivered" mark was lost: the last 4 MiB.
            let tail = data.suffix(4 << 20)
            var found: Set<String> = []
            for line in tail.split(separator: UInt8(ascii: "\n")) {
                guard let payload = try? JSONDecoder().decode(DeliveryPayload.self, from: Data(line)),
                      payload.receiver == name, ids.contains(payload.id) else { continue }
                found.insert(payload.id)
            }
            return found
        }) ?? []
    }
}
