/// Why a CURVE key file could not be read or written. Every case names the file; none carries key material.
public enum CurveKeyFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be opened (`errno`).
    case unreadable(path: String, errno: Int32)
    /// A secret key file that its group or other users may read (or write): `mode` is the file's permission bits.
    case tooOpen(path: String, mode: UInt32)
    /// The path is not a regular file (or, for an allowed-clients path, neither a file nor a directory).
    case notARegularFile(path: String)
    /// The content is not a Z85 key (40 characters) on line `line`.
    case malformed(path: String, line: Int)
    /// A public-key file or directory that holds no key.
    case empty(path: String)
    /// The file could not be created or written (`errno`), e.g. it exists already.
    case unwritable(path: String, errno: Int32)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .unreadable(let path, _), .tooOpen(let path, _), .notARegularFile(let path), .malformed(let path, _),
             .empty(let path), .unwritable(let path, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case let .unreadable(path, code):
            return "CURVE key file \(path) cannot be read (errno \(code))"
        case let .tooOpen(path, mode):
            return "CURVE secret key file \(path) has mode \(String(mode, radix: 8)): it must not be readable or writable "
                + "by group or others (chmod 600 \(path))"
        case let .notARegularFile(path):
            return "CURVE key path \(path) is not a regular file"
        case let .malformed(path, line):
            return "CURVE key file \(path) line \(line) is not a Z85 key (40 characters, as `kechuang keys generate` writes)"
        case let .empty(path):
            return "CURVE public key path \(path) holds no key (expected *.pub files of 40 Z85 characters)"
        case let .unwritable(path, code):
            return "CURVE key file \(path) cannot be written (errno \(code))"
        }
    }
}
