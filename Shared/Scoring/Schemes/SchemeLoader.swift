import Foundation
import YAMLReading
import Yams

/// Reads scheme files (YAML) and validates them against a ``SchemeVocabulary``, reporting every problem of every
/// file at once with file, line and reason.
public struct SchemeLoader: Sendable {
    /// The subject kinds, inputs and attributes schemes may refer to.
    public var vocabulary: SchemeVocabulary

    /// Creates a loader.
    public init(vocabulary: SchemeVocabulary) {
        self.vocabulary = vocabulary
    }

    /// Parses and validates one scheme from YAML text; `file` names the source in errors.
    public func load(yaml: String, file: String) throws(SchemeErrors) -> ScoringScheme {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw SchemeErrors([SchemeLoader.syntaxError(error, yaml: yaml, file: file)])
        }
        guard let root else {
            throw SchemeErrors([SchemeError(
                file: file, line: 1, location: "", problem: .wrongType(expected: "a mapping (the file is empty)"))])
        }
        var parser = SchemeParser(file: file, vocabulary: vocabulary)
        guard let scheme = parser.parse(root), parser.reader.errors.isEmpty else {
            throw SchemeErrors(parser.reader.errors)
        }
        return scheme
    }

    /// Reads and validates the scheme file at `url`; its `id` must be the file name without `.yaml`.
    /// Errors name the file by its path.
    public func load(contentsOf url: URL) throws(SchemeErrors) -> ScoringScheme {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SchemeErrors([SchemeError(
                file: url.path, line: 1, location: "", problem: .unreadable(error.localizedDescription))])
        }
        let scheme = try load(yaml: text, file: url.path)
        let stem = url.deletingPathExtension().lastPathComponent
        guard scheme.id == stem else {
            throw SchemeErrors([SchemeError(
                file: url.path, line: SchemeLoader.line(ofKey: "id", in: text), location: "id",
                problem: .idDoesNotMatchFileName(id: scheme.id, fileName: url.lastPathComponent))])
        }
        return scheme
    }

    /// Reads every `*.yaml` file of `directory` (sorted by name), reporting the problems of all files together.
    /// Ids are unique because each must match its file name.
    public func loadDirectory(_ directory: URL) throws(SchemeErrors) -> [ScoringScheme] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".yaml") }
                .sorted()
        } catch {
            throw SchemeErrors([SchemeError(
                file: directory.path, line: 1, location: "", problem: .unreadable(error.localizedDescription))])
        }
        var schemes: [ScoringScheme] = []
        var errors: [SchemeError] = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            do {
                schemes.append(try load(contentsOf: url))
            } catch {
                errors += error.errors
            }
        }
        guard errors.isEmpty else { throw SchemeErrors(errors) }
        return schemes
    }

    // MARK: Helpers

    /// A YAML syntax error as a scheme error at the parser's line.
    private static func syntaxError(_ error: any Error, yaml: String, file: String) -> SchemeError {
        guard let yamlError = error as? YamlError else {
            return SchemeError(file: file, line: 1, location: "", problem: .syntax("\(error)"))
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return SchemeError(file: file, line: mark.line, column: mark.column, location: "", problem: .syntax(detail))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return SchemeError(
                file: file, line: context.mark.line, column: context.mark.column, location: "",
                problem: .syntax("duplicate key \(duplicates.sorted().joined(separator: ", "))"))
        case .reader(let problem, let offset, _, _):
            let line = offset.map { offset in yaml.utf8.prefix(offset).filter { $0 == UInt8(ascii: "\n") }.count + 1 }
            return SchemeError(file: file, line: line ?? 1, location: "", problem: .syntax(problem))
        default:
            return SchemeError(file: file, line: 1, location: "", problem: .syntax("\(yamlError)"))
        }
    }

    /// The 1-based line of the top-level `key:` in `text`, or 1.
    private static func line(ofKey key: String, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.hasPrefix("\(key):") } ?? 0) + 1
    }
}
