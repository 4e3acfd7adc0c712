import Foundation

/// Locations of repository files, found from this source file's path.
enum RepositoryPaths {
    /// The repository root (the directory holding Package.swift).
    static let root: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()  // DomainTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root

    /// `../shared/fixtures/reports/` next to the repository.
    static let reportFixtures: URL = root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures/reports", isDirectory: true)

    /// `docs/domain.md`.
    static let domainDoc: URL = root.appendingPathComponent("docs/domain.md")
}
