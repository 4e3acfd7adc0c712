import Foundation

/// A fresh private directory for one benchmark run (`mkdtemp`), e.g. `/tmp/kc-sb-Xa81Qz`.
enum BenchmarkDirectory {
    /// Creates `<prefix>XXXXXX` with a unique suffix; `nil` when it cannot be created.
    static func make(prefix: String) -> String? {
        var template = Array((prefix + "XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
    }
}
