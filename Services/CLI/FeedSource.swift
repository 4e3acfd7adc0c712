import Foundation

/// Expands the paths given to `kechuang feed` into files: files as given, folders recursively (hidden entries and
/// unknown extensions skipped), sorted by path within each folder.
enum FeedSource {
    /// The files to feed, in order.
    /// - Throws: ``CLIError/unreadable(path:reason:)`` for a path that does not exist.
    static func files(for paths: [String]) throws -> [String] {
        var result: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError.unreadable(path: path, reason: "no such file or folder")
            }
            guard isDirectory.boolValue else {
                result.append(path)
                continue
            }
            guard let enumerator = manager.enumerator(atPath: path) else {
                throw CLIError.unreadable(path: path, reason: "cannot list the folder")
            }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let components = relative.split(separator: "/")
                if components.contains(where: { $0.hasPrefix(".") }) { continue }
                let full = (path as NSString).appendingPathComponent(relative)
                var childIsDirectory: ObjCBool = false
                guard manager.fileExists(atPath: full, isDirectory: &childIsDirectory), !childIsDirectory.boolValue else { continue }
                let ext = (relative as NSString).pathExtension.lowercased()
                if DocumentKindDetector.knownExtensions.contains(ext) { found.append(full) }
            }
            result.append(contentsOf: found.sorted())
        }
        return result
    }
}
