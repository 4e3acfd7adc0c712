import Foundation
import ServiceKit
import Testing
@testable import KechuangCLI

/// The operator documentation stays current with the code: every environment variable and flag the executables
/// read is documented, every relative link resolves, the README lists every document, and the architecture page
/// names every executable, endpoint and shared module.
@Suite struct DocsConsistencyTests {
    @Test func operationsGuideDocumentsEveryVariableAndServiceFlag() throws {
        let operations = try RepositoryFiles.text("docs/operations.md")
        for name in try RepositoryFiles.environmentVariablesInCode().sorted() {
            #expect(operations.contains("`\(name)`"), "docs/operations.md does not document \(name)")
        }
        for folder in ["Ingest", "Metrics", "Scoring", "Notify", "Web"] {
            for flag in try RepositoryFiles.serviceFlags(folder: folder).sorted() {
                #expect(operations.contains("`\(flag)`"), "docs/operations.md does not document \(folder) flag \(flag)")
            }
        }
    }

    @Test func everyCLIFlagIsDocumented() throws {
        let text = try RepositoryFiles.text("docs/operations.md") + RepositoryFiles.text("docs/cli.md")
        let flags = try RepositoryFiles.longFlags(under: "Services/CLI")
        #expect(flags.contains("--request-timeout") && flags.contains("--format"), "flag discovery works")
        for flag in flags.sorted() {
            #expect(text.contains(flag), "neither docs/operations.md nor docs/cli.md mentions \(flag)")
        }
    }

    /// Relative links `[text](target)` of a markdown file, without external URLs.
    static func relativeLinks(in text: String) throws -> [String] {
        try RepositoryFiles.captures(#"\]\(([^)\s]+)\)"#, in: text).filter { !$0.contains("://") && !$0.hasPrefix("mailto:") }
    }

    /// GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.
    static func anchor(_ heading: String) -> String {
        let lowered = heading.lowercased()
        var result = ""
        for character in lowered {
            if character == " " { result.append("-") }
            else if character.isLetter || character.isNumber || character == "-" || character == "_" { result.append(character) }
        }
        return result
    }

    @Test func relativeLinksResolveIncludingAnchors() throws {
        let docs = try FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.path("docs"))
            .filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        for file in ["README.md"] + docs {
            let directory = (file as NSString).deletingLastPathComponent
            for link in try Self.relativeLinks(in: try RepositoryFiles.text(file)) {
                let parts = link.split(separator: "#", maxSplits: 1).map(String.init)
                let target = link.hasPrefix("#") ? file
                    : ((directory.isEmpty ? parts[0] : directory + "/" + parts[0]) as NSString).standardizingPath
                #expect(FileManager.default.fileExists(atPath: RepositoryFiles.path(target)), "\(file): broken link \(link)")
                guard let fragment = link.hasPrefix("#") ? String(link.dropFirst()) : parts.dropFirst().first,
                      target.hasSuffix(".md") else { continue }
                let headings = try RepositoryFiles.captures(#"(?m)^#+\s+(.+)$"#, in: try RepositoryFiles.text(target))
                #expect(headings.map(Self.anchor).contains(fragment), "\(file): no heading for #\(fragment) in \(target)")
            }
        }
    }

    @Test func readmeListsEveryDocument() throws {
        let readme = try RepositoryFiles.text("README.md")
        let docs = try FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.path("docs")).filter { $0.hasSuffix(".md") }
        #expect(docs.contains("architecture.md") && docs.contains("operations.md"))
        for document in docs {
            #expect(readme.contains("(docs/\(document))"), "README's documentation list lacks docs/\(document)")
        }
    }

    @Test func architectureNamesEveryExecutableEndpointAndModule() throws {
        let architecture = try RepositoryFiles.text("docs/architecture.md")
        for product in try RepositoryFiles.executableProducts() {
            #expect(architecture.contains(product), "docs/architecture.md does not mention \(product)")
        }
        for endpoint in ServiceDefinition.all.flatMap(\.endpoints) {
            #expect(architecture.contains(endpoint.rawValue), "docs/architecture.md does not mention \(endpoint.rawValue)")
        }
        let modules = try FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.path("Shared"))
        for module in modules where !module.hasPrefix(".") {
            #expect(architecture.contains(module), "docs/architecture.md does not mention Shared/\(module)")
        }
        #expect(architecture.contains(#"{"event":"ready""#), "the readiness line is shown")
    }
}
