import Foundation
import NotifyRules

/// Reads receiver URLs and signing secrets from where the rules file says (inline, a file, an environment
/// variable). Errors name the source, never the value.
struct SecretReader: Sendable {
    /// The environment to read variables from.
    var environment: [String: String]
    /// Folder of relative secret file paths.
    var baseDirectory: String

    /// The value of `source`.
    /// - Throws: ``NotifyError/missingSecret(_:)`` naming the variable or file.
    func read(_ source: SecretSource) async throws(NotifyError) -> String {
        switch source {
        case .inline(let value):
            return value
        case .environment(let name):
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw .missingSecret("environment variable \(name)")
            }
            return value
        case .file(let path):
            let full = path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
            let text: String?
            do {
                text = try await BlockingIO.run { try? String(contentsOfFile: full, encoding: .utf8) }
            } catch {
                text = nil
            }
            guard let line = text?.split(whereSeparator: \.isNewline).first.map({ $0.trimmingCharacters(in: .whitespaces) }),
                  !line.isEmpty
            else {
                throw .missingSecret("secret file \(full)")
            }
            return line
        }
    }
}
