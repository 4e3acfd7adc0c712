/// A systemd unit file read as sections of `Key=value` assignments (repeated keys keep every value in order;
/// comments and blank lines skipped; no line continuations — the Kechuang units use none).
struct UnitFile {
    /// A malformed line.
    struct Failure: Error, CustomStringConvertible {
        /// The problem, naming the line.
        let description: String
    }

    /// Values by section name, then key.
    let sections: [String: [String: [String]]]

    /// Parses `text`; `name` is used in errors.
    init(text: String, name: String) throws {
        var sections: [String: [String: [String]]] = [:]
        var current: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw Failure(description: "\(name):\(index + 1): bad section header") }
                let section = String(line.dropFirst().dropLast())
                current = section
                sections[section, default: [:]] = sections[section] ?? [:]
                continue
            }
            guard let section = current else { throw Failure(description: "\(name):\(index + 1): assignment before any section") }
            guard !line.hasSuffix("\\") else { throw Failure(description: "\(name):\(index + 1): line continuation not supported") }
            guard let equals = line.firstIndex(of: "=") else { throw Failure(description: "\(name):\(index + 1): not Key=value") }
            let key = String(line[..<equals]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            sections[section, default: [:]][key, default: []].append(value)
        }
        self.sections = sections
    }

    /// Every value of `key` in `section`.
    func values(_ section: String, _ key: String) -> [String] {
        sections[section]?[key] ?? []
    }

    /// The last value of `key` in `section` (systemd's rule for single-valued settings).
    func value(_ section: String, _ key: String) -> String? {
        values(section, key).last
    }

    /// Space-separated list settings (`After=`, `Wants=` …) flattened over every occurrence.
    func list(_ section: String, _ key: String) -> [String] {
        values(section, key).flatMap { $0.split(separator: " ").map(String.init) }
    }

    /// `Environment=NAME=value` assignments as a dictionary.
    var environment: [String: String] {
        var result: [String: String] = [:]
        for assignment in values("Service", "Environment") {
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            result[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
        }
        return result
    }
}
