import Foundation
import ServiceKit
@testable import KechuangCLI

/// Read access to the repository's own files for the deployment tests (compose, systemd, config, docs): the
/// executable products of `Package.swift`, the `KECHUANG_*` variables and `--flags` the code really reads, and a
/// YAML loader (PyYAML through `python3`, since no Swift YAML library is available).
enum RepositoryFiles {
    /// A problem reading or interpreting a repository file.
    struct Failure: Error, CustomStringConvertible {
        /// What went wrong, naming the file.
        let description: String
    }

    /// The repository root (three levels above this file: `Tests/CLITests/RepositoryFiles.swift`).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The absolute path of `relative`.
    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// The UTF-8 text of `relative`.
    static func text(_ relative: String) throws -> String {
        let full = path(relative)
        guard let data = FileManager.default.contents(atPath: full), let text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "cannot read \(full)")
        }
        return text
    }

    /// Every match of `pattern`'s first capture group in `text`.
    static func captures(_ pattern: String, in text: String) throws -> [String] {
        let expression = try NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The names of the executable products declared in `Package.swift` (`.executable(name: "…"`).
    static func executableProducts() throws -> Set<String> {
        Set(try captures(#"\.executable\(\s*name:\s*"([^"]+)""#, in: try text("Package.swift")))
    }

    /// The tools version in the first line of `Package.swift` (e.g. `[6, 1]`).
    static func toolsVersion() throws -> [Int] {
        let first = try text("Package.swift").split(separator: "\n").first.map(String.init) ?? ""
        guard let version = try captures(#"swift-tools-version:\s*([0-9.]+)"#, in: first).first else {
            throw Failure(description: "Package.swift has no swift-tools-version line")
        }
        return version.split(separator: ".").compactMap { Int($0) }
    }

    /// The text of every `.swift` file below `relative` (e.g. `Services/Metrics`), concatenated.
    static func swiftSources(under relative: String) throws -> String {
        let base = path(relative)
        guard let enumerator = FileManager.default.enumerator(atPath: base) else {
            throw Failure(description: "cannot list \(base)")
        }
        var combined = ""
        while let item = enumerator.nextObject() as? String {
            guard item.hasSuffix(".swift") else { continue }
            combined += try text(relative + "/" + item) + "\n"
        }
        return combined
    }

    /// Every `KECHUANG_*` environment variable the services and the CLI read: the string literals in `Shared/` and
    /// `Services/` plus the endpoint variables (`KECHUANG_ENDPOINT_<NAME>`) of every endpoint a service binds.
    /// Benchmark-only knobs (`KECHUANG_BENCH_*`) are left out.
    static func environmentVariablesInCode() throws -> Set<String> {
        let code = try swiftSources(under: "Shared") + swiftSources(under: "Services")
        var names = Set(try captures(#""(KECHUANG_[A-Z0-9_]*[A-Z0-9])""#, in: code))
        names = names.filter { !$0.hasPrefix("KECHUANG_BENCH_") }
        for endpoint in ServiceDefinition.all.flatMap(\.endpoints) {
            names.insert(endpoint.environmentKey)
        }
        return names
    }

    /// The long flags (`--name`) declared by `@Option`/`@Flag` properties in the Swift files below `relative`:
    /// `.customLong("name")` when given, else ArgumentParser's default, the property name in kebab case.
    static func longFlags(under relative: String) throws -> Set<String> {
        let code = try swiftSources(under: relative)
        let expression = try NSRegularExpression(
            pattern: #"@(?:Option|Flag)(?:\((.*?)\))?\s+(?:public\s+)?var\s+(\w+)"#, options: [.dotMatchesLineSeparators])
        var flags = Set<String>()
        for match in expression.matches(in: code, range: NSRange(code.startIndex..., in: code)) {
            let attributes = Range(match.range(at: 1), in: code).map { String(code[$0]) } ?? ""
            guard let property = Range(match.range(at: 2), in: code).map({ String(code[$0]) }) else { continue }
            if let custom = try captures(#"customLong\("([a-z0-9-]+)""#, in: attributes).first {
                flags.insert("--" + custom)
            } else if !attributes.contains("customShort") {
                flags.insert("--" + kebabCase(property))
            }
        }
        return flags
    }

    /// `requestTimeout` → `request-timeout` (ArgumentParser's default long name).
    static func kebabCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                if !result.isEmpty { result.append("-") }
                result.append(contentsOf: character.lowercased())
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The flags a service executable accepts: its own plus ServiceKit's common options.
    static func serviceFlags(folder: String) throws -> Set<String> {
        try longFlags(under: "Services/" + folder).union(longFlags(under: "Shared/ServiceKit"))
    }

    /// Loads a YAML file as JSON-compatible values using `python3` with PyYAML (merge keys and anchors resolved).
    static func loadYAML(_ relative: String) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import json, sys, yaml\njson.dump(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), sys.stdout)",
            path(relative),
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 + PyYAML could not load \(relative) (status \(process.terminationStatus)): \(errorText)")
        }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "\(relative) is not a YAML mapping")
        }
        return object
    }

    /// `KEY=value` lines of an environment file; commented-out assignments (`#KEY=value`) are included too, so
    /// their names are checked as well. Returns (name, value, commented) in file order.
    static func environmentFile(_ relative: String) throws -> [(name: String, value: String, commented: Bool)] {
        try text(relative).split(separator: "\n").compactMap { raw in
            var line = raw.trimmingCharacters(in: .whitespaces)
            let commented = line.hasPrefix("#")
            if commented { line = String(line.dropFirst()) }
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix(" ") else { return nil }
            let name = String(line[..<equals])
            guard name.range(of: #"^[A-Z][A-Z0-9_]*$"#, options: .regularExpression) != nil else { return nil }
            return (name, String(line[line.index(after: equals)...]), commented)
        }
    }

    /// The directory holding the running test binary (`<scratch>/debug/`), where SwiftPM also puts the built
    /// executables and resource bundles.
    static func buildProductsDirectory() -> URL? {
        guard let first = CommandLine.arguments.first, !first.isEmpty else { return nil }
        var url = URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path.contains(".xctest") { url.deleteLastPathComponent() }
        return url
    }
}
