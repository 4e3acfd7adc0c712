import Domain
import Foundation

/// Extracts the quantitative claims of a Chinese narrative report (a bureau's yearly summary, a newspaper page
/// extracted from PDF) as ``ReportedObservation``s mapped to catalog indicators.
///
/// Pipeline: ``ReportNormalizer`` joins lines broken mid-phrase, keeps doubled headings once and drops page
/// furniture while keeping an offset map; figures (a number and a unit: `259家`, `1.437亿元`, `73.52%`, `两家`,
/// `1.2万人`) are found, ordinals, dates, ranks, codes, formulas and slogans skipped; each figure's qualifier
/// (以上 超 突破 逾 多 → at_least; 预计 → projected; 拟 计划 → planned; 累计 共 以来 → cumulative;
/// 增长 同比 → growth_rate), period (the nearest covering `2024年` / `2023年度` / `自成立以来`, else
/// `defaultPeriod`), subject phrase and indicator (``Catalog/matchIndicator(subject:unit:)``, same unit
/// dimension only) are read from its clause and sentence.
///
/// Offsets (`span`) are **Unicode-scalar offsets into the original text**, as ``TextSpan`` defines them.
public struct ReportExtractor: Sendable {
    /// The catalog whose indicator phrases recognise subjects.
    public let catalog: Catalog
    private let reader: ReportReader

    /// Creates an extractor using `catalog` (usually `try Catalog.bundled()`).
    public init(catalog: Catalog) {
        self.catalog = catalog
        self.reader = ReportReader(catalog: catalog)
    }

    /// An extractor that reads figure contexts on the reference `String` path only when `usesScalarPath` is false
    /// (tests compare the two paths).
    init(catalog: Catalog, usesScalarPath: Bool) {
        self.catalog = catalog
        var reader = ReportReader(catalog: catalog)
        reader.usesScalarPath = usesScalarPath
        self.reader = reader
    }

    /// Extracts every figure of `text`, in text order.
    ///
    /// - Parameters:
    ///   - text: the report, as UTF-8 decoded text (line breaks as in the source).
    ///   - defaultPeriod: the report's year (`"2024"`), used for figures no period mention covers.
    ///   - documentID: stored in each observation's `documentID`.
    public func extract(_ text: String, defaultPeriod: String? = nil, documentID: String? = nil) -> ExtractionResult {
        let (_, readings) = reader.read(text, defaultPeriod: defaultPeriod)
        var observations: [ReportedObservation] = []
        var warnings: [ExtractionWarning] = []
        for reading in readings {
            let span = TextSpan(start: reading.originalRange.lowerBound, end: reading.originalRange.upperBound)
            var subject = reading.subject
            if let months = reading.months { subject += "（\(months)）" }
            observations.append(ReportedObservation(
                value: reading.value, unit: reading.unit, qualifier: reading.qualifier, period: reading.period,
                subject: subject, indicatorID: reading.indicator?.id, documentID: documentID, span: span,
                phrase: reading.text, bound: reading.bound, upperValue: reading.upperValue, growth: reading.growth,
                rank: reading.rank, fraction: reading.fraction))
            let figure = "\(DecimalText.string(reading.value))\(reading.unit.rawValue)"
            if reading.subject.isEmpty {
                warnings.append(ExtractionWarning(
                    kind: .emptySubject, message: "no subject read for \(figure) in “\(reading.text)”", span: span))
            } else if reading.indicator == nil {
                warnings.append(ExtractionWarning(
                    kind: .unmatchedIndicator,
                    message: "no catalog indicator for “\(reading.subject)” (\(figure))", span: span))
            }
        }
        return ExtractionResult(observations: observations, warnings: warnings)
    }

    /// The normalised form of `text` with its offset map (what the figures are read from).
    public func normalize(_ text: String) -> NormalizedText {
        reader.normalizer.normalize(text)
    }
}
