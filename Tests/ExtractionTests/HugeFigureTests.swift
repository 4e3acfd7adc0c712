import Domain
import Foundation
import Testing
@testable import Extraction

/// Issue #12: a figure of 200 digits became `NaN` (stored forever, and printed by `kechuang extract --format json`,
/// which is then not JSON); 39+ digits lost precision. Such numbers are not figures.
@Suite struct HugeFigureTests {
    static let catalog: Catalog? = try? Catalog.bundled()

    @Test func extractionNeverYieldsNaN() throws {
        let text = "2024年全县科技贷款发放" + String(repeating: "9", count: 200) + "亿元，企业" + String(repeating: "1", count: 45) + "家。"
        let result = ReportExtractor(catalog: try #require(Self.catalog)).extract(text, defaultPeriod: "2024", documentID: "d")
        #expect(result.observations.allSatisfy { !$0.value.isNaN })
        let json = ExtractionJSON.render(result)
        #expect(!json.contains("NaN"))
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
    }

    @Test func arabicValuesBeyondDecimalPrecisionAreNotFigures() {
        #expect(ChineseNumeral.arabicValue(of: String(repeating: "9", count: 38)) != nil)
        #expect(ChineseNumeral.arabicValue(of: String(repeating: "9", count: 39)) == nil)
        #expect(ChineseNumeral.arabicValue(of: String(repeating: "9", count: 200)) == nil)
    }
}
