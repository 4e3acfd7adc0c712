import Foundation
import Testing
@testable import Extraction

@Suite("normalisation: joins, headings, furniture, offset map")
struct ReportNormalizerTests {
    let normalizer = ReportNormalizer()

    @Test("lines broken mid-phrase join, also across blank lines")
    func joins() {
        #expect(normalizer.normalize("拟投资1.437\n\n亿元，预计").text == "拟投资1.437亿元，预计")
        #expect(normalizer.normalize("累计13\n家；").text == "累计13家；")
        #expect(normalizer.normalize("人才计划（科技\n\n类）6个").text == "人才计划（科技类）6个")
        #expect(normalizer.normalize("企业\r\n312家").text == "企业312家")
    }

    @Test("terminal punctuation, indentation, titles and list markers start paragraphs")
    func paragraphs() {
        #expect(normalizer.normalize("新台阶。\n 天兵科技荣登榜首").text == "新台阶。\n天兵科技荣登榜首")
        #expect(normalizer.normalize("市科技局：\n\n奋力推动").text == "市科技局：\n奋力推动")
        #expect(normalizer.normalize("提质\n聚焦开放合作 成果转化扩面提质\n围绕").text == "提质\n聚焦开放合作 成果转化扩面提质\n围绕")
        #expect(normalizer.normalize("工作总结\n一、主要指标\n2024年，").text == "工作总结\n一、主要指标\n2024年，")
    }

    @Test("doubled headings are kept once and marked as headings")
    func headings() {
        let sameLine = normalizer.normalize("一张蓝图一张蓝图\n制定 3 年蓄势")
        #expect(sameLine.text == "一张蓝图\n制定 3 年蓄势")
        #expect(sameLine.isHeading.prefix(4).allSatisfy { $0 })
        #expect(!sameLine.isHeading.suffix(3).contains(true))
        let twoLines = normalizer.normalize("壮大。\n科技型企业梯队加快壮大\n科技型企业梯队加快壮大\n全年新认定")
        #expect(twoLines.text == "壮大。\n科技型企业梯队加快壮大\n全年新认定")
        // Ordinary repeated words are not headings.
        #expect(normalizer.normalize("研究研究的问题").text == "研究研究的问题")
    }

    @Test("page furniture is dropped")
    func furniture() {
        let text = "创新。\n向人民报告向人民报告 3编辑：曹益珠 美编：丁科娟 组版：蔡连丰 校对：闵雪莲\n星期日 2025年1月5日\n\n"
        #expect(normalizer.normalize(text).text == "创新。")
        #expect(normalizer.normalize("甲。\n2025年1月8日 星期三\n12\n乙").text == "甲。\n乙")
    }

    @Test("every normalised scalar maps back to the same scalar of the original")
    func offsetMap() throws {
        let original = "\n一张蓝图一张蓝图\n制定\n\n“345”战略，拟投资1.437\n\n亿元。\n编辑：甲 美编：乙 校对：丙\n星期日 2025年1月5日\n"
        let normalized = normalizer.normalize(original)
        let originalScalars = Array(original.unicodeScalars)
        #expect(normalized.origins.count == normalized.scalars.count)
        for (index, scalar) in normalized.scalars.enumerated() where scalar != "\n" {
            #expect(originalScalars[normalized.origins[index]] == scalar)
        }
        // Origins increase, so a normalised range maps to one original range.
        #expect(zip(normalized.origins, normalized.origins.dropFirst()).allSatisfy { $0 < $1 })
        let text = normalized.text
        let start = try #require(scalarRanges(of: "拟投资1.437亿元", in: text).first)
        let range = normalized.originalRange(of: start)
        #expect(normalized.originalText(in: range) == "拟投资1.437\n\n亿元")
    }
}
