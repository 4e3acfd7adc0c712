import Foundation
@testable import ScoringService

/// A temporary folder for a scoring database, and the store opened in it with the test schemes' logic loaded.
struct ScoringStoreFolder {
    let directory: URL

    /// A new empty folder.
    init(_ label: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kechuang-scoring-\(label)-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// The database file's path.
    var path: String { directory.appendingPathComponent("scoring.sqlite").path }

    /// The store at ``path`` and its logic, loaded for ``ScoringLogicTests/schemes``.
    func open() async throws -> (store: ScoringStore, shared: SharedScoringLogic) {
        let store = try ScoringStore(path: path)
        return (store, SharedScoringLogic(try await store.load(schemes: ScoringLogicTests.schemes).logic))
    }

    /// Deletes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
