import Domain
import Foundation
import Testing
@testable import Extraction

@Test func scratchDump() throws {
    guard let path = ProcessInfo.processInfo.environment["DUMP"] else { return }
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? path
    let result = ReportExtractor(catalog: try Catalog.bundled()).extract(text, defaultPeriod: ProcessInfo.processInfo.environment["YEAR"] ?? "2024")
    print(ExtractionTable.render(result))
}
