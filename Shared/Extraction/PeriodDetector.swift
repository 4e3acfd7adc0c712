/// Finds period mentions (``PeriodMention``) in normalised text.
struct PeriodDetector: Sendable {
    /// Years accepted as reporting periods.
    var years: ClosedRange<Int> = 1949...2100
    /// Parts of a year and their months (`2024年上半年` → 1-6月).
    static let yearParts: [(String, String)] = [
        ("上半年", "1-6月"), ("下半年", "7-12月"), ("前三季度", "1-9月"), ("第一季度", "1-3月"), ("一季度", "1-3月"),
        ("前两季度", "1-6月"),
    ]
    /// First scalars of ``yearParts``.
    static let partStarts: Set<Unicode.Scalar> = Set(yearParts.compactMap { $0.0.unicodeScalars.first })

    /// `partStarts.contains(scalar)` without hashing every scalar of the text (`ScalarClassTests` compares the two).
    @inline(__always)
    static func isPartStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "上", "下", "前", "第", "一": true
        default: false
        }
    }

    /// Every period mention, in text order.
    func mentions(in text: NormalizedText) -> [PeriodMention] {
        let s = text.scalars
        var result: [PeriodMention] = []
        var index = 0
        while index < s.count {
            let candidate = ScalarClass.digitValue(s[index]) != nil || s[index] == "以" || Self.isPartStart(s[index])
            if candidate,
               let mention = yearMention(at: index, in: s) ?? sinceMention(at: index, in: s) ?? partMention(at: index, in: s) {
                result.append(mention)
                index = mention.range.upperBound
            } else {
                index += 1
            }
        }
        return result
    }

    /// `2024年`, `2024 年`, `2023年度`, `2024年1-11月`, `2024年8月`, `2024年底`, `2015年以来`.
    private func yearMention(at start: Int, in s: [Unicode.Scalar]) -> PeriodMention? {
        guard start == 0 || ScalarClass.digitValue(s[start - 1]) == nil else { return nil }
        var index = start
        var year = 0
        while index < s.count, index - start < 4, let digit = ScalarClass.digitValue(s[index]) {
            year = year * 10 + digit
            index += 1
        }
        guard index - start == 4, index >= s.count || ScalarClass.digitValue(s[index]) == nil,
              years.contains(year)
        else { return nil }
        index = ScalarClass.skipBlanks(from: index, in: s)
        guard index < s.count, s[index] == "年" else { return nil }
        index += 1
        if index < s.count, "度底末".unicodeScalars.contains(s[index]) { index += 1 }
        var months: String?
        if let (text, end) = monthRange(at: index, in: s) {
            months = text
            index = end
        } else if let (text, end) = yearPart(at: index, in: s) {
            months = text
            index = end
        }
        var isSince = false
        if ScalarClass.has("以来", at: index, in: s) {
            isSince = true
            index += 2
        }
        let range = start..<index
        return PeriodMention(
            range: range, period: isSince ? nil : String(year), months: months, isSince: isSince,
            scope: scope(after: index, in: s, since: isSince))
    }

    /// `1-11月`, `1—11月`, `1至11月`, `8月` (a following `5日` is consumed too).
    private func monthRange(at start: Int, in s: [Unicode.Scalar]) -> (String, Int)? {
        var index = start
        func number() -> Int? {
            var value = 0
            let begin = index
            while index < s.count, index - begin < 2, let digit = ScalarClass.digitValue(s[index]) {
                value = value * 10 + digit
                index += 1
            }
            return index > begin ? value : nil
        }
        guard let first = number(), (1...12).contains(first) else { return nil }
        var text = String(first)
        if index < s.count, "-—–~～至到".unicodeScalars.contains(s[index]) {
            index += 1
            guard let last = number(), (first...12).contains(last) else { return nil }
            text += "-\(last)"
        }
        guard index < s.count, s[index] == "月" else { return nil }
        index += 1
        let afterMonth = index
        if number() != nil, index < s.count, s[index] == "日" || s[index] == "号" {
            index += 1
        } else {
            index = afterMonth
        }
        return (text + "月", index)
    }

    /// `上半年` `前三季度` … at `index`: its months and end.
    private func yearPart(at index: Int, in s: [Unicode.Scalar]) -> (String, Int)? {
        for (word, months) in Self.yearPartScalars where ScalarClass.has(word, at: index, in: s) {
            return (months, index + word.count)
        }
        return nil
    }

    /// ``yearParts`` with each word as scalars: `has(word: String, …)` counted the string's scalars on every call,
    /// asked at every 一 上 下 前 第 of a report (6 % of extracting the seed report, perf 2026-12-01).
    static let yearPartScalars: [([Unicode.Scalar], String)] = yearParts.map { (Array($0.0.unicodeScalars), $0.1) }

    /// `上半年，…` without a year: the report's year, months 1-6 (a 年 before it belongs to a year mention).
    private func partMention(at start: Int, in s: [Unicode.Scalar]) -> PeriodMention? {
        guard let (months, end) = yearPart(at: start, in: s) else { return nil }
        return PeriodMention(
            range: start..<end, period: nil, months: months, isSince: false, scope: scope(after: end, in: s, since: false))
    }

    /// `自成立以来`, `成立以来`, `…以来` (a span up to now: no single period).
    private func sinceMention(at start: Int, in s: [Unicode.Scalar]) -> PeriodMention? {
        guard ScalarClass.has("以来", at: start, in: s) else { return nil }
        var begin = start
        if ScalarClass.has("成立", at: start - 2, in: s) { begin = start - 2 }
        if begin > 0, s[begin - 1] == "自" { begin -= 1 }
        let end = start + 2
        return PeriodMention(
            range: begin..<end, period: nil, months: nil, isSince: true, scope: scope(after: end, in: s, since: true))
    }

    /// A `…以来` span governs its whole sentence (`基金自设立以来累计召开联席会议12次，过会项目达45个`); a year
    /// standing as its own clause (`2024年，`) governs the paragraph; an embedded year only its clause.
    private func scope(after end: Int, in s: [Unicode.Scalar], since: Bool) -> PeriodMention.Scope {
        if since { return .sentence }
        let next = ScalarClass.skipBlanks(from: end, in: s)
        guard next < s.count, s[next] == "，" || s[next] == "," else { return .clause }
        return .paragraph
    }
}
