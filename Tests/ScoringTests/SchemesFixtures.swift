import Domain
import Foundation
@testable import Scoring

/// Shared helpers for the scheme tests: the standard vocabulary, a loader, repository paths.
enum SchemesFixtures {
    /// The repository root (the directory holding Package.swift).
    static let root: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()  // ScoringTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root

    /// `compose/config/schemes/`, the shipped scheme files.
    static let shippedSchemes: URL = root.appendingPathComponent("compose/config/schemes", isDirectory: true)

    /// The bundled catalog's kinds with the standard inputs.
    static func vocabulary() throws -> SchemeVocabulary {
        SchemeVocabulary.standard(catalog: try Catalog.bundled())
    }

    /// The standard vocabulary plus two enterprise inputs only the tests use (`incidents`, `daysLate`).
    static func testVocabulary() throws -> SchemeVocabulary {
        var vocabulary = try vocabulary()
        vocabulary.inputs["enterprise", default: []] += [
            ScoringInput("incidents", "一般事故（次）"), ScoringInput("daysLate", "逾期天数"),
        ]
        return vocabulary
    }

    /// Loads `yaml` as `test.yaml` with ``testVocabulary()``.
    static func testScheme(_ yaml: String) throws -> ScoringScheme {
        try SchemeLoader(vocabulary: testVocabulary()).load(yaml: yaml, file: "test.yaml")
    }

    /// A loader over the standard vocabulary.
    static func loader() throws -> SchemeLoader {
        SchemeLoader(vocabulary: try vocabulary())
    }

    /// Loads `yaml` as `test.yaml`, or returns the error messages.
    static func messages(_ yaml: String) throws -> [String] {
        do {
            _ = try loader().load(yaml: yaml, file: "test.yaml")
            return []
        } catch let errors as SchemeErrors {
            return errors.errors.map(\.description)
        }
    }

    /// Loads `yaml` as `test.yaml`.
    static func scheme(_ yaml: String) throws -> ScoringScheme {
        try loader().load(yaml: yaml, file: "test.yaml")
    }

    /// Inputs of subject `id`.
    static func subject(_ id: String, _ values: [String: Decimal], town: String? = nil) -> SubjectInputs {
        SubjectInputs(subjectID: id, values: values, attributes: town.map { ["town": $0] } ?? [:])
    }
}

extension Decimal {
    /// A decimal from exact text (test literals like `"0.333"`); traps on bad test input only.
    init(text: String) {
        self = DecimalText.parse(text) ?? .nan
    }
}
