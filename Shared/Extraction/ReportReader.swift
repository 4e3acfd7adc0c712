import Domain
import Foundation

/// The extraction pipeline behind ``ReportExtractor``: normalise, scan figures, then read each figure's
/// qualifier, period, subject and indicator from its context.
///
/// The context is read by a ``FigureContextReader``: ``ScalarContextReader`` on slices of the normalised scalars
/// when every scalar of the document allows it (report text does), else ``StringContextReader``, the reference,
/// on `String`s. Both give the same readings (`ScalarPathTests`); the scalar path made extraction ≈ 2.5× faster
/// (docs/performance.md, "Extraction", 2026-12-01).
struct ReportReader: Sendable {
    let catalog: Catalog
    let normalizer = ReportNormalizer()
    let scanner = FigureScanner()
    let periods = PeriodDetector()
    let qualifiers = QualifierDetector()
    let subjects = SubjectReader()
    /// Whether documents that allow it are read on the scalar path (tests turn it off to compare).
    var usesScalarPath = true

    func read(_ text: String, defaultPeriod: String?) -> (NormalizedText, [FigureReading]) {
        let normalized = normalizer.normalize(text)
        if usesScalarPath && ScalarContextReader.accepts(normalized) {
            let context = ScalarContextReader(normalized: normalized, subjects: subjects, qualifiers: qualifiers)
            return (normalized, read(normalized, defaultPeriod: defaultPeriod, context: context))
        }
        let context = StringContextReader(normalized: normalized, subjects: subjects, qualifiers: qualifiers)
        return (normalized, read(normalized, defaultPeriod: defaultPeriod, context: context))
    }

    private func read<Context: FigureContextReader>(
        _ normalized: NormalizedText, defaultPeriod: String?, context: Context
    ) -> [FigureReading] {
        let s = normalized.scalars
        let figures = scanner.scan(normalized)
        let mentions = periods.mentions(in: normalized)
        var readings: [FigureReading] = []
        var previousEnd = 0
        // Matching is the costly step; the same candidate text (recurring subjects, a clause tried for two
        // figures) is matched once per dimension.
        var matches: [MatchKey: Indicator?] = [:]
        for (position, figure) in figures.enumerated() {
            let numberStart = figure.numberRange.lowerBound
            let sentenceStart = boundary(before: numberStart, in: s, stop: ScalarClass.endsSentence)
            if let rank = figure.rank, let last = readings.indices.last, readings[last].rank == nil,
               previousEnd > sentenceStart {
                // 获评…6个，列苏州县（市）第一: the rank describes the figure before it.
                readings[last].rank = rank
                continue
            }
            let clauseStart = boundary(before: numberStart, in: s, stop: isClauseEnd)
            let enumerationStart = boundary(before: numberStart, in: s) { s, index in
                isClauseEnd(s, index) || s[index] == "、"
            }
            let subjectStart = max(enumerationStart, previousEnd)
            let clauseEnd = boundary(after: figure.range.upperBound, in: s) { s, index in
                isClauseEnd(s, index) || s[index] == "、"
            }
            let nextNumber = position + 1 < figures.count ? figures[position + 1].numberRange.lowerBound : s.count
            let localEnd = min(clauseEnd, nextNumber)

            // Noun after the unit (83家企业 → 企业) for counts.
            var postEnd = figure.range.upperBound
            var post = ""
            if figure.unit.dimension == .count {
                (post, postEnd) = context.noun(after: figure.range.upperBound, until: localEnd)
            }
            let before = context.text(clauseStart..<numberStart)
            // A rank's subject is read before its verb (综合考核|排名全市|第一).
            let subjectEnd = figure.rankVerbStart.map { max(subjectStart, $0) } ?? numberStart
            let beforeSubject = context.text(subjectStart..<subjectEnd)

            // Period.
            let covering = coveringMention(of: numberStart, in: mentions, scalars: s)
            // A mention without a year (上半年，…) keeps the report's year.
            let period = covering.map { $0.isSince ? nil : ($0.period ?? defaultPeriod) } ?? defaultPeriod
            let months = covering.flatMap { mention in
                s[mention.range.upperBound..<numberStart].contains(where: ScalarClass.endsSentence)
                    ? nil : mention.months
            }
            let sentence = context.text(sentenceStart..<numberStart)
            let qualifier = figure.rank != nil ? .exact : context.qualifier(
                before: before, sentence: sentence, hasAtLeastSuffix: figure.hasAtLeastSuffix,
                sinceSpan: covering?.isSince ?? false)
            let bound = context.bound(before: before, figure: figure)
            var growth: FigureGrowth?
            if qualifier == .growthRate {
                growth = context.growth(before: before)
            }

            // Subject and indicator. The topic (the head noun of an earlier clause) is read only when needed:
            // the subject is empty or no earlier candidate matched (it was 12 % of extraction read for every figure).
            var knownTopic: String?
            func topic() -> String {
                if let knownTopic { return knownTopic }
                let value = self.topic(from: sentenceStart, to: clauseStart, figures: figures, in: s, context: context)
                knownTopic = value
                return value
            }
            var subject = context.subject(before: beforeSubject, after: post)
            if qualifier == .growthRate, let previous = readings.last, previousEnd > sentenceStart,
               previous.qualifier != .growthRate, subject.isEmpty || previous.subject.hasSuffix(subject) {
                // 技术合同成交额达86.5亿元，同比增长23.6%: the growth of the figure before it.
                growth?.baseSubject = previous.subject.isEmpty ? nil : previous.subject
                growth?.baseSpan = TextSpan(start: previous.originalRange.lowerBound, end: previous.originalRange.upperBound)
            }
            if subject.isEmpty {
                if qualifier == .growthRate, let previous = readings.last, previousEnd > sentenceStart,
                   !previous.subject.isEmpty {
                    // 技术合同成交额达86.5亿元，同比增长23.6% → 技术合同成交额增速; 较上年增加5家 → …增量.
                    let rate = figure.unit.dimension == .ratio || figure.unit == .times
                    let decrease = growth?.direction == .decrease
                    subject = previous.subject + (rate ? "增速" : figure.unit == .percentagePoint ? "变化" : decrease ? "减量" : "增量")
                } else {
                    subject = topic() + context.leadingCue(beforeSubject)
                }
            }
            // The candidates in order: the subject, the clause from the subject to the next figure, the subject
            // with the clause topic after and before it, the whole clause. Built only as far as needed.
            let indicator = firstMatch(unit: figure.unit, cache: &matches) { index in
                switch index {
                case 0: subject
                case 1: normalized.text(in: subjectStart..<localEnd)
                case 2: topic().isEmpty ? "" : subject + topic()
                case 3: topic().isEmpty ? "" : topic() + subject
                case 4: normalized.text(in: clauseStart..<clauseEnd)
                default: nil
                }
            }

            var phraseStart = subjectStart
            while phraseStart < numberStart, ScalarClass.isBlank(s[phraseStart]) || s[phraseStart] == "\n" {
                phraseStart += 1
            }
            let phraseEnd = max(figure.range.upperBound, postEnd)
            let originalRange = normalized.originalRange(of: phraseStart..<phraseEnd)
            readings.append(FigureReading(
                value: figure.value, unit: figure.unit, qualifier: qualifier, period: period, months: months,
                subject: subject, indicator: indicator, text: normalized.originalText(in: originalRange),
                originalRange: originalRange, bound: bound, upperValue: figure.upperValue, growth: growth,
                rank: figure.rank, fraction: figure.fraction))
            previousEnd = phraseEnd
        }
        return readings
    }

    /// A candidate text and the dimension it was matched for.
    private struct MatchKey: Hashable {
        let dimension: MeasureDimension
        let text: String
    }

    /// The indicator matching the first candidate text that any indicator of `unit`'s dimension recognises;
    /// `candidate(i)` gives the i-th candidate (empty ones are skipped; `nil` after the last). Lazy because an
    /// early candidate usually matches and the later ones need not be built.
    private func firstMatch(
        unit: MeasureUnit, cache: inout [MatchKey: Indicator?], candidate: (Int) -> String?
    ) -> Indicator? {
        var tried: [String] = []
        var index = 0
        while let text = candidate(index) {
            index += 1
            guard !text.isEmpty, !tried.contains(text) else { continue }
            tried.append(text)
            let key = MatchKey(dimension: unit.dimension, text: text)
            let match: Indicator?
            if let cached = cache[key] {
                match = cached
            } else {
                match = catalog.matchIndicator(subject: text, unit: unit)
                cache[key] = match
            }
            if let match { return match }
        }
        return nil
    }

    /// The nearest mention before `position` that reaches it. No mention reaches past its paragraph, so only the
    /// mentions of the figure's paragraph are examined (binary search to the last one before the figure).
    private func coveringMention(
        of position: Int, in mentions: [PeriodMention], scalars s: [Unicode.Scalar]
    ) -> PeriodMention? {
        var low = 0
        var high = mentions.count
        while low < high {
            let middle = (low + high) / 2
            if mentions[middle].range.upperBound <= position { low = middle + 1 } else { high = middle }
        }
        let paragraphStart = boundary(before: position, in: s) { $0 == "\n" }
        var index = low - 1
        while index >= 0, mentions[index].range.lowerBound >= paragraphStart {
            if mentions[index].covers(position, in: s) { return mentions[index] }
            index -= 1
        }
        return nil
    }

    /// The head noun of the nearest clause of the sentence before `end` that holds no figure
    /// (`加速布局…为代表的创新联合体，获评苏州级9家，累计13家` → `创新联合体`).
    private func topic<Context: FigureContextReader>(
        from start: Int, to end: Int, figures: [ScannedFigure], in s: [Unicode.Scalar], context: Context
    ) -> String {
        var clauseEnd = end
        while clauseEnd > start {
            let clauseStart = boundary(before: clauseEnd - 1, in: s, stop: isClauseEnd)
            let clauseStartClamped = max(clauseStart, start)
            let next = firstFigure(atOrAfter: clauseStartClamped, in: figures)
            let hasFigure = next < figures.count && figures[next].numberRange.lowerBound < clauseEnd
            if !hasFigure {
                let noun = context.headNoun(clauseStartClamped..<max(clauseStartClamped, clauseEnd - 1))
                if !noun.isEmpty { return noun }
            }
            clauseEnd = clauseStartClamped
        }
        return ""
    }

    /// The index of the first figure whose number starts at or after `position` (figures are in text order).
    private func firstFigure(atOrAfter position: Int, in figures: [ScannedFigure]) -> Int {
        var low = 0
        var high = figures.count
        while low < high {
            let middle = (low + high) / 2
            if figures[middle].numberRange.lowerBound < position { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Clause ends; an ASCII comma between digits is a thousands separator, not a clause end.
    private func isClauseEnd(_ s: [Unicode.Scalar], _ index: Int) -> Bool {
        guard ScalarClass.endsClause(s[index]) else { return false }
        if s[index] == ",", index > 0, index + 1 < s.count,
           ScalarClass.digitValue(s[index - 1]) != nil, ScalarClass.digitValue(s[index + 1]) != nil {
            return false
        }
        return true
    }

    /// The offset just after the last scalar before `index` for which `stop` holds (or 0).
    private func boundary(
        before index: Int, in s: [Unicode.Scalar], stop: ([Unicode.Scalar], Int) -> Bool
    ) -> Int {
        var cursor = index - 1
        while cursor >= 0 {
            if stop(s, cursor) { return cursor + 1 }
            cursor -= 1
        }
        return 0
    }

    private func boundary(before index: Int, in s: [Unicode.Scalar], stop: (Unicode.Scalar) -> Bool) -> Int {
        boundary(before: index, in: s) { s, cursor in stop(s[cursor]) }
    }

    /// The offset of the first scalar at or after `index` for which `stop` holds (or the end).
    private func boundary(
        after index: Int, in s: [Unicode.Scalar], stop: ([Unicode.Scalar], Int) -> Bool
    ) -> Int {
        var cursor = index
        while cursor < s.count {
            if stop(s, cursor) { return cursor }
            cursor += 1
        }
        return s.count
    }
}
