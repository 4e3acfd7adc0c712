import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing CURVE key files: Z85 text, one key per line (`#` starts a comment line).
///
/// - A **secret key file** holds one secret key and must be a regular file without group or other permissions
///   (mode 0600 or 0400); anything more open is refused with ``CurveKeyFileError/tooOpen(path:mode:)``.
/// - A **public key file** (`*.pub`) holds one or more public keys; a **public key directory** is every `*.pub`
///   file in it (sorted by name).
///
/// Key material never appears in errors: they name the file and line only.
public enum CurveKeyFile {
    /// The file name suffix of public key files.
    public static let publicSuffix = ".pub"
    /// The file name suffix of secret key files.
    public static let secretSuffix = ".key"

    /// Reads a secret key file and derives its key pair.
    /// - Throws: ``CurveKeyFileError`` (unreadable, too open, malformed, empty), or ``ZMQError`` without CURVE.
    public static func readKeyPair(secretKeyPath path: String) throws -> CurveKeyPair {
        let status = try regularFileStatus(path)
        let mode = UInt32(status.st_mode) & 0o777
        if mode & 0o077 != 0 { throw CurveKeyFileError.tooOpen(path: path, mode: mode) }
        let keys = try readKeys(path)
        guard keys.count == 1, let secret = keys.first else {
            if keys.isEmpty { throw CurveKeyFileError.empty(path: path) }
            throw CurveKeyFileError.malformed(path: path, line: 2)
        }
        return try CurveKeyPair(secretKey: secret)
    }

    /// Reads the public keys of a file, or of every `*.pub` file of a directory.
    /// - Throws: ``CurveKeyFileError`` (unreadable, malformed, empty).
    public static func readPublicKeys(at path: String) throws(CurveKeyFileError) -> [CurveKey] {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .unreadable(path: path, errno: errno) }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw .unreadable(path: path, errno: EACCES)
            }
            var keys: [CurveKey] = []
            for name in names.sorted() where name.hasSuffix(publicSuffix) {
                keys += try readKeys((path as NSString).appendingPathComponent(name))
            }
            if keys.isEmpty { throw .empty(path: path) }
            return keys
        }
        let keys = try readKeys(path)
        if keys.isEmpty { throw .empty(path: path) }
        return keys
    }

    /// Reads the one public key of `path` (a `*.pub` file).
    /// - Throws: ``CurveKeyFileError``.
    public static func readPublicKey(at path: String) throws(CurveKeyFileError) -> CurveKey {
        _ = try regularFileStatus(path)
        let keys = try readKeys(path)
        guard let key = keys.first else { throw .empty(path: path) }
        if keys.count > 1 { throw .malformed(path: path, line: 2) }
        return key
    }

    /// Writes a key pair as `<directory>/<name>.key` (secret, created 0600, never overwritten) and
    /// `<directory>/<name>.pub` (public, 0644).
    /// - Returns: the two paths.
    /// - Throws: ``CurveKeyFileError/unwritable(path:errno:)`` (e.g. `EEXIST` when the secret file exists).
    @discardableResult
    public static func write(
        _ pair: CurveKeyPair, name: String, directory: String
    ) throws(CurveKeyFileError) -> (secretPath: String, publicPath: String) {
        let secretPath = (directory as NSString).appendingPathComponent(name + secretSuffix)
        let publicPath = (directory as NSString).appendingPathComponent(name + publicSuffix)
        try writeFile(secretPath, "# Kechuang CURVE secret key: keep private (mode 0600)\n" + pair.secretKey.z85 + "\n",
                      mode: 0o600, exclusive: true)
        try writeFile(publicPath, pair.publicKey.z85 + "\n", mode: 0o644, exclusive: false)
        return (secretPath, publicPath)
    }

    private static func regularFileStatus(_ path: String) throws(CurveKeyFileError) -> stat {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .unreadable(path: path, errno: errno) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .notARegularFile(path: path) }
        return status
    }

    private static func readKeys(_ path: String) throws(CurveKeyFileError) -> [CurveKey] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path, errno: errno) }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: 64 * 1024) ?? Data()
        } catch {
            throw .unreadable(path: path, errno: EIO)
        }
        let text = String(decoding: data, as: UTF8.self)
        var keys: [CurveKey] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = String(line).trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let key = CurveKey(z85: trimmed) else { throw .malformed(path: path, line: index + 1) }
            keys.append(key)
        }
        return keys
    }

    private static func writeFile(_ path: String, _ text: String, mode: mode_t, exclusive: Bool) throws(CurveKeyFileError) {
        var flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW
        flags |= exclusive ? O_EXCL : O_TRUNC
        let descriptor = open(path, flags, mode)
        guard descriptor >= 0 else { throw .unwritable(path: path, errno: errno) }
        defer { close(descriptor) }
        if fchmod(descriptor, mode) != 0 { throw .unwritable(path: path, errno: errno) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { posixWrite(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unwritable(path: path, errno: errno)
            }
            written += count
        }
    }
}

/// `write(2)`, named apart from ``CurveKeyFile/write(_:name:directory:)``.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, buffer, count)
    #else
    return Darwin.write(descriptor, buffer, count)
    #endif
}
