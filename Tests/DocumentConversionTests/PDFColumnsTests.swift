import DocumentConversion
import Foundation
import Testing

/// The reading-order repair on hand-written `pdftotext -layout` pages (no PDF needed), and on real two-column PDFs.
@Suite struct PDFColumnsTests {
    /// Lines of text of `lines`, trimmed, blank lines dropped.
    func textLines(_ lines: [String]) -> [String] {
        lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func twoColumnsReadLeftThenRightWithTheHeadlineInPlace() {
        // Chinese characters take one grid cell each: the right column starts at character 24 on every line, although
        // its display width (and byte offset) differs from line to line.
        let page = [
            "   市科技局：奋力推动科技创新和产业创新融合发展",
            "",
            "以市场需求为导向，加强企业主导的产       市科技局：",
            "学研深度融合，推动科技成果转化为现实生",
            "产力。一方面，扩大科技合作“朋友圈”。     奋力推动科技创新和产业创新融合发展",
            "活动，通过“科研悬赏+研发众包”的方      “345”发展战略，擘画全市科技创新发展蓝",
            "                        图，构建横向“1+1+8+N”、纵向“8×10”的网",
            "家；2023年度省科学技术奖获评7项，苏州   新类9个，列苏州县（市）第一。",
            "",
            "图为全市科技创新工作推进会现场，与会企业代表交流成果转化经验",
            "姑苏重大创新团队立项2个，实现姑苏重     首次上榜胡润研究院《2024全球独角兽榜》，",
            "大创新团队创新类、创业类双项突破。      荣登中国商业航天榜首。",
            "编辑：甲 美编：乙 校对：丙                               3",
        ]
        #expect(textLines(PDFColumns.reorder(page)) == [
            "市科技局：奋力推动科技创新和产业创新融合发展",
            "以市场需求为导向，加强企业主导的产", "学研深度融合，推动科技成果转化为现实生", "产力。一方面，扩大科技合作“朋友圈”。",
            "活动，通过“科研悬赏+研发众包”的方", "家；2023年度省科学技术奖获评7项，苏州",
            "市科技局：", "奋力推动科技创新和产业创新融合发展", "“345”发展战略，擘画全市科技创新发展蓝",
            "图，构建横向“1+1+8+N”、纵向“8×10”的网", "新类9个，列苏州县（市）第一。",
            "图为全市科技创新工作推进会现场，与会企业代表交流成果转化经验",
            "姑苏重大创新团队立项2个，实现姑苏重", "大创新团队创新类、创业类双项突破。",
            "首次上榜胡润研究院《2024全球独角兽榜》，", "荣登中国商业航天榜首。",
        ])
    }

    @Test func threeColumnsReadInOrder() {
        let page = [
            "一栏第一行文字内容较长     二栏第一行文字内容较长     三栏第一行文字内容较长",
            "一栏第二行文字内容较长     二栏第二行文字内容较长     三栏第二行文字内容较长",
            "一栏第三行文字内容较长     二栏第三行文字内容较长     三栏第三行文字内容较长",
        ]
        #expect(textLines(PDFColumns.reorder(page)) == [
            "一栏第一行文字内容较长", "一栏第二行文字内容较长", "一栏第三行文字内容较长",
            "二栏第一行文字内容较长", "二栏第二行文字内容较长", "二栏第三行文字内容较长",
            "三栏第一行文字内容较长", "三栏第二行文字内容较长", "三栏第三行文字内容较长",
        ])
    }

    @Test func singleColumnTextAndTablesAreLeftAlone() {
        let prose = [
            "全年新增高新技术企业120家，同比增长12.3%，有效发明专利达到7180件。",
            "技术合同成交额32亿元  同比增长18%。",
            "研发投入强度达到3.6%，较上年提高0.2个百分点。",
        ]
        #expect(PDFColumns.reorder(prose) == prose)
        let table = [
            "指标          2023年      2024年",
            "高新技术企业    520家       600家",
            "有效发明专利    6400件      7180件",
            "技术合同        30亿元      32亿元",
        ]
        #expect(PDFColumns.reorder(table) == table)
    }

    @Test func furnitureIsDroppedButNumbersInTextAreNot() {
        #expect(PageFurniture.isEditorLine("向人民报告向人民报告 3编辑：曹益珠 美编：丁科娟 组版：蔡连丰 校对：闵雪莲"))
        #expect(PageFurniture.isEditorLine("编辑 张三  美编 李四  校对 王五"))
        #expect(!PageFurniture.isEditorLine("加强科技编辑出版人才培养，新增人才20名"))
        #expect(PageFurniture.isPageNumber("- 3 -") && PageFurniture.isPageNumber("第12版") && PageFurniture.isPageNumber("A3"))
        #expect(!PageFurniture.isPageNumber("2024") && !PageFurniture.isPageNumber("3家"))
        let page = ["3", "新增企业", "13", "家，同比增长", "12"].map(Array.init)
        #expect(PageFurniture.removing(from: page).map { String($0) } == ["新增企业", "13", "家，同比增长"])
    }

    @Test func twoColumnPDFReadsColumnByColumn() async throws {
        let text = try await Fixture.converter().convert(try Fixture.data("columns.pdf"), format: .pdf).get()
        // pdftotext loses reportlab's "·" (U+00B7) in the CID font, in single-column PDFs too.
        let expected = try Fixture.text("columns.expected.txt").replacingOccurrences(of: "·", with: "")
            .split(separator: "\n").map(String.init)
        #expect(textLines(text.components(separatedBy: "\n")) == expected)
        #expect(!text.contains("编辑") && !text.contains("校对"))
        // The fixture's text is the plain text with a headline and a caption added.
        let plain = try Fixture.text("report-portion.txt").replacingOccurrences(of: "·", with: "")
        #expect(expected.filter { !$0.hasPrefix("图为") && !$0.hasPrefix("市科技局：奋力") }
            == textLines(plain.components(separatedBy: "\n")))
    }

    @Test func twoColumnPDFYieldsTheFiguresOfThePlainText() async throws {
        let text = try await Fixture.converter().convert(try Fixture.data("columns.pdf"), format: .pdf).get()
        let plain = try figures(Fixture.text("report-portion.txt"))
        #expect(plain.count >= 5)
        let found = try figures(text)
        #expect(found.filter { !plain.contains($0) } == [])
        #expect(plain.filter { !found.contains($0) } == [])
        #expect(found == plain)
    }

    @Test func seedReportAsNewspaperPageYieldsTheSeedFigures() async throws {
        let seed = try String(contentsOf: Fixture.directory.appendingPathComponent("../../../../shared/fixtures/reports/zhangjiagang-2024.txt").standardizedFileURL, encoding: .utf8)
        let text = try await Fixture.converter().convert(try Fixture.data("zhangjiagang-2024.pdf"), format: .pdf).get()
        let plain = try figures(seed)
        #expect(plain.count >= 20)
        #expect(try figures(text) == plain)
    }
}
