import Foundation
import Testing
@testable import Domain

@Suite("docs/domain.md carries the catalog tables generated from the bundled catalog")
struct CatalogDocumentationTests {
    @Test("the generated section of docs/domain.md matches the bundled catalog")
    func docMatchesCatalog() throws {
        let catalog = try Catalog.bundled()
        var document = try String(contentsOf: RepositoryPaths.domainDoc, encoding: .utf8)
        if ProcessInfo.processInfo.environment["KECHUANG_UPDATE_DOCS"] == "1" {
            let updated = try #require(CatalogDocumentation.updating(document, catalog: catalog))
            try Data(updated.utf8).write(to: RepositoryPaths.domainDoc)
            document = updated
        }
        let section = try #require(CatalogDocumentation.generatedSection(of: document), "catalog markers missing")
        #expect(section == CatalogDocumentation.markdownTables(catalog: catalog),
                "docs/domain.md is stale: run KECHUANG_UPDATE_DOCS=1 swift test --filter CatalogDocumentationTests")
    }

    @Test("the rendering lists every program and indicator once")
    func renderingIsComplete() throws {
        let catalog = try Catalog.bundled()
        let tables = CatalogDocumentation.markdownTables(catalog: catalog)
        // Sections in order: subject kinds, programs, indicators; each id has exactly one row in its section.
        let sections = tables.components(separatedBy: "### ").filter { !$0.isEmpty }
        try #require(sections.count == 3)
        let lists = [catalog.subjectKinds.map(\.id), catalog.programs.map(\.id), catalog.indicators.map(\.id)]
        for (section, ids) in zip(sections, lists) {
            let rows = section.split(separator: "\n")
            for id in ids {
                #expect(rows.filter { $0.hasPrefix("| `\(id)` |") }.count == 1, "\(id)")
            }
            #expect(rows.count == ids.count + 3)
        }
        #expect(tables.contains("| `loan.granted_amount` | “科技贷”累计贷款金额 |"))
    }

    @Test("updating replaces only the text between the markers")
    func updating() throws {
        let catalog = try Catalog.decode(Data(CatalogTests.minimal.utf8))
        let document = "# T\n\n\(CatalogDocumentation.beginMarker)\nold\n\(CatalogDocumentation.endMarker)\ntail\n"
        let updated = try #require(CatalogDocumentation.updating(document, catalog: catalog))
        #expect(updated.hasPrefix("# T\n\n\(CatalogDocumentation.beginMarker)\n### Innovation"))
        #expect(updated.hasSuffix("\(CatalogDocumentation.endMarker)\ntail\n"))
        #expect(!updated.contains("old"))
        #expect(CatalogDocumentation.generatedSection(of: updated) == CatalogDocumentation.markdownTables(catalog: catalog))
        #expect(CatalogDocumentation.updating("no markers", catalog: catalog) == nil)
    }
}
