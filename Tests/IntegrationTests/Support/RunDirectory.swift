import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fresh, short temporary directory for one service run: `/tmp/kc-XXXXXX` with `run/` (sockets) and `data/`
/// (databases) inside, so `ipc://` paths stay far below the 107-byte limit. Removed by ``remove()``.
struct RunDirectory: Sendable {
    /// The directory, e.g. `/tmp/kc-a1B2c3`.
    let path: String

    /// Creates the directory with mode 0700.
    init() throws {
        var template = Array("/tmp/kc-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        guard let created else { throw ServiceProcessError.temporaryDirectory(errno: errno) }
        path = created
    }

    /// `<path>/run`, the socket directory to pass as `--run-dir`.
    var runDirectory: String { path + "/run" }
    /// `<path>/data`, the database directory to pass as `--data-dir`.
    var dataDirectory: String { path + "/data" }
    /// `<path>/home`, the Kechuang home to pass as `--home`.
    var home: String { path + "/home" }

    /// `--home … --run-dir … --data-dir …` for a service command line.
    var serviceArguments: [String] {
        ["--home", home, "--run-dir", runDirectory, "--data-dir", dataDirectory]
    }

    /// A path inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// Deletes the directory and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
