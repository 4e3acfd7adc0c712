/// Derives the subject phrase of a figure: the noun phrase it counts.
///
/// The subject is the clause text before the number back to the previous punctuation (，。；、…) or the previous
/// figure, with leading connectives, period words and qualifier cues (同时 2024年 累计 共 预计 拟 为 …) and trailing
/// linking verbs (达 为 超 突破 …) removed. When the unit is followed by a noun (`83家企业`, `两家国家级科技企业
/// 孵化器`), that noun joins the subject (`组织推荐` + `752家企业` → `组织推荐的企业`).
struct SubjectReader: Sendable {
    static let leadingWords = [
        "自成立以来", "成立以来", "以来", "年内", "全年", "今年", "当年", "同时", "其中", "另外", "此外", "另一方面", "一方面",
        "累计", "总计", "合计", "共", "预计", "预期", "有望", "拟", "计划", "力争", "为", "已", "并", "均", "较上年",
        "比上年", "较去年", "比去年", "同比", "年均", "目标", "争取", "上半年", "下半年",
        "前三季度", "一季度", "第一季度",
    ]
    static let trailingWords = [
        "同比增长", "同比下降", "同比", "增长", "增幅", "达到", "达", "为", "是", "有", "超过", "超", "突破", "逾", "约",
        "近", "共", "累计", "了", "的", "总数", "共计", "合计", "较上年", "比上年", "较去年", "比去年", "年均增长",
        "大约", "约为", "将近", "接近", "不足", "不到", "低于", "少于", "增加", "提高", "提升", "上升", "下降", "减少",
        "降低", "回落", "年均", "达到了", "达", "分别为",
    ]
    /// Verbs that end the noun after a unit (`83家企业提供贷款…` → `企业`).
    static let verbs = [
        "提供", "申报", "获评", "获得", "获", "实现", "完成", "参与", "入选", "通过", "达到", "签订", "开展", "建设",
        "落户", "累计", "同比", "增长", "占", "其中", "共", "新增", "被", "列", "位居", "荣获",
    ]

    /// The cleaned subject phrase from the text before the number and the noun after the unit.
    func subject(before: String, after: String) -> String {
        let pre = clean(before)
        let post = after.hasPrefix("的") ? String(after.dropFirst()) : after
        if post.isEmpty { return pre }
        if pre.isEmpty { return post }
        return pre + "的" + post
    }

    /// The qualifier or connective words the cleaning removed from the start of `before` (`累计为` → `累计`),
    /// used for elliptical clauses (`累计13家` after a clause naming the topic).
    func leadingCue(_ before: String) -> String {
        let compact = CompactText.withoutWhiteSpace(before)
        for word in ["累计", "新增", "总计", "合计", "共"] where compact.hasPrefix(word) { return word }
        return ""
    }

    /// Removes leading/trailing connectives, period words and cue words, and white space.
    func clean(_ text: String) -> String {
        var text = Substring(CompactText.withoutWhiteSpace(text))
        var changed = true
        while changed && !text.isEmpty {
            changed = false
            if let stripped = stripLeadingPeriod(text) {
                text = stripped
                changed = true
            }
            for word in Self.leadingWords where text.hasPrefix(word) {
                text = text.dropFirst(word.count)
                changed = true
                break
            }
            for word in Self.trailingWords where text.hasSuffix(word) {
                text = text.dropLast(word.count)
                changed = true
                break
            }
        }
        return String(text)
    }

    /// The noun phrase after a unit: up to a verb, a number or punctuation; `nil` when none.
    func nounAfterUnit(_ text: Substring) -> String {
        var result = ""
        var rest = text
        while let character = rest.first {
            if character.isWhitespace {
                rest = rest.dropFirst()
                continue
            }
            guard let scalar = character.unicodeScalars.first,
                  ScalarClass.isCJK(scalar) || ScalarClass.isLatinLetter(scalar) || "“”‘’《》（）()".contains(character)
            else { break }
            if ChineseNumeral.canStartNumeral(scalar), !result.isEmpty { break }
            if Self.verbs.contains(where: rest.hasPrefix) || FigureScanner.verbsAfterCount.contains(where: rest.hasPrefix) {
                break
            }
            if rest.hasPrefix("以上") { break }
            result.append(character)
            rest = rest.dropFirst()
        }
        return result
    }

    /// The head noun of a clause (`加速布局以龙头企业拉动为代表的创新联合体` → `创新联合体`).
    func headNoun(of clause: String) -> String {
        let compact = CompactText.withoutWhiteSpace(clause)
        if let index = compact.lastIndex(of: "的") {
            return clean(String(compact[compact.index(after: index)...]))
        }
        return clean(compact)
    }

    /// `2024年`, `2023年度`, `2024年1-11月`, `1-11月` at the start.
    private func stripLeadingPeriod(_ text: Substring) -> Substring? {
        var rest = text
        var digits = 0
        while let first = rest.first, first.isASCII, first.isNumber {
            rest = rest.dropFirst()
            digits += 1
        }
        guard digits > 0 else { return nil }
        if digits == 4, rest.first == "年" {
            rest = rest.dropFirst()
            if rest.first == "度" || rest.first == "底" || rest.first == "末" { rest = rest.dropFirst() }
            return stripLeadingPeriod(rest) ?? rest
        }
        if digits <= 2 {
            if let first = rest.first, "-—–~至".contains(first) {
                rest = rest.dropFirst()
                while let first = rest.first, first.isASCII, first.isNumber { rest = rest.dropFirst() }
            }
            if rest.first == "月" { return rest.dropFirst() }
        }
        return nil
    }
}
