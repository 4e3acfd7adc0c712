import Foundation
import Testing
@testable import Domain

@Suite("Catalog loading, validation and overriding")
struct CatalogTests {
    /// Writes `json` to a fresh temporary file and returns its URL.
    static func temporaryFile(_ json: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("catalog-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: url)
        return url
    }

    static let minimal = """
    {"programs": [{"id": "p", "nameZh": "项目", "nameEn": "Program", "category": "finance"}],
     "indicators": [{"id": "p.count", "nameZh": "数量", "nameEn": "Count", "unit": "家", "kind": "count",
                     "aggregation": "annual", "program": "p", "phrases": ["数量"]}]}
    """

    @Test("the bundled catalog loads and validates, with every program the report names")
    func bundled() throws {
        let catalog = try Catalog.bundled()
        #expect(catalog.subjectKinds.count == 6)
        let names = catalog.programs.map(\.nameZh).joined(separator: " ")
        for name in ["高企培育库", "科技贷", "沙洲科创C计划基金", "创新联合体", "揭榜挂帅", "科研悬赏+研发众包", "产学研",
                     "校市全面合作", "国家级人才计划", "双创", "姑苏重大创新团队", "孵化器", "研发机构", "科技招商",
                     "省科学技术奖", "国家科学技术奖", "创新积分制", "县域创新格次赋分", "高新技术企业认定", "独角兽"] {
            #expect(names.contains(name), "no program named \(name)")
        }
        for id in ["loan.pool_size", "loan.granted_count", "loan.granted_amount", "fund.projects_passed",
                   "fund.planned_investment", "fund.leveraged_funds", "consortium.suzhou_level", "jiebang.projects",
                   "demand.published", "demand.matched", "demand.enterprises_visited", "cooperation.iur_projects",
                   "talent.national", "hightech.effective", "rd_institution.coverage", "enterprise.rd_expense_total"] {
            #expect(catalog.indicator(id: id) != nil, "no indicator \(id)")
        }
        #expect(catalog.program(id: "tech_loan")?.category == .finance)
        #expect(catalog.indicators(withPrefix: "loan.").map(\.id)
            == ["loan.pool_size", "loan.granted_count", "loan.granted_amount"])
        #expect(catalog.indicator(id: "loan.granted_amount")?.aggregation == .cumulative(since: nil))
        #expect(catalog.indicator(id: "rd_institution.coverage")?.unit == .percent)
    }

    @Test("a minimal catalog file loads and validates")
    func minimalFile() throws {
        let file = try Self.temporaryFile(Self.minimal)
        defer { try? FileManager.default.removeItem(at: file) }
        let catalog = try Catalog.load(from: file)
        try catalog.validate()
        #expect(catalog.indicator(id: "p.count")?.program == "p")
        #expect(catalog.subjectKinds.isEmpty)
    }

    @Test("a duplicate indicator id is rejected naming it")
    func duplicateID() throws {
        let json = """
        {"programs": [{"id": "p", "nameZh": "项目", "nameEn": "Program", "category": "finance"}],
         "indicators": [
          {"id": "p.count", "nameZh": "数量", "nameEn": "Count", "unit": "家", "kind": "count", "aggregation": "annual", "program": "p", "phrases": ["甲"]},
          {"id": "p.count", "nameZh": "数量二", "nameEn": "Count 2", "unit": "个", "kind": "count", "aggregation": "annual", "program": "p", "phrases": ["乙"]}]}
        """
        let file = try Self.temporaryFile(json)
        defer { try? FileManager.default.removeItem(at: file) }
        let catalog = try Catalog.load(from: file)
        #expect(throws: CatalogError.duplicateID(list: "indicators", id: "p.count")) { try catalog.validate() }
    }

    @Test("a duplicate program id is rejected naming it")
    func duplicateProgram() throws {
        var catalog = try Catalog.decode(Data(Self.minimal.utf8))
        catalog.programs.append(Program(id: "p", nameZh: "又一个", nameEn: "Again", category: .award))
        #expect(throws: CatalogError.duplicateID(list: "programs", id: "p")) { try catalog.validate() }
    }

    @Test("an indicator of an unknown program is rejected naming both")
    func unknownProgram() throws {
        let json = Self.minimal.replacingOccurrences(of: "\"program\": \"p\"", with: "\"program\": \"nope\"")
        let file = try Self.temporaryFile(json)
        defer { try? FileManager.default.removeItem(at: file) }
        let catalog = try Catalog.load(from: file)
        #expect(throws: CatalogError.unknownProgram(indicator: "p.count", program: "nope")) { try catalog.validate() }
        #expect(CatalogError.unknownProgram(indicator: "p.count", program: "nope").description.contains("p.count"))
    }

    @Test("an unknown unit is rejected at load, naming the indicator and the unit")
    func unknownUnit() throws {
        let json = Self.minimal.replacingOccurrences(of: "\"unit\": \"家\"", with: "\"unit\": \"公斤\"")
        let url = try Self.temporaryFile(json)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: CatalogError.unknownUnit(indicator: "p.count", unit: "公斤")) { try Catalog.load(from: url) }
    }

    @Test("structural problems are rejected with the JSON location")
    func malformed() throws {
        let json = Self.minimal.replacingOccurrences(of: "\"program\": \"p\",", with: "")
        let url = try Self.temporaryFile(json)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try Catalog.load(from: url)
            Issue.record("expected an error")
        } catch {
            guard case .malformed(_, let location, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(location == "$.indicators[0].program")
            #expect(reason.contains("program"))
        }
        #expect(throws: CatalogError.self) { try Catalog.decode(Data("not json".utf8)) }
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID()).json")
        do {
            _ = try Catalog.load(from: missing)
            Issue.record("expected an error")
        } catch {
            guard case .unreadable(let path, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == missing.path)
        }
    }

    @Test("other validation rules name the entry")
    func otherRules() throws {
        let base = try Catalog.decode(Data(Self.minimal.utf8))
        var catalog = base
        catalog.indicators[0].unit = .yiYuan
        #expect(throws: CatalogError.unitDoesNotFitKind(indicator: "p.count", unit: .yiYuan, kind: .count)) {
            try catalog.validate()
        }
        catalog = base
        catalog.indicators[0].nameZh = "  "
        #expect(throws: CatalogError.emptyField(list: "indicators", id: "p.count", field: "nameZh")) {
            try catalog.validate()
        }
        catalog = base
        catalog.indicators[0].id = "nodot"
        #expect(throws: CatalogError.invalidID(list: "indicators", id: "nodot")) { try catalog.validate() }
        catalog = base
        catalog.programs[0].id = "Bad Id"
        #expect(throws: CatalogError.invalidID(list: "programs", id: "Bad Id")) { try catalog.validate() }
        catalog = base
        catalog.indicators[0].targets = [IndicatorTarget(period: "2025", value: 1), IndicatorTarget(period: "2025", value: 2)]
        #expect(throws: CatalogError.duplicateTarget(indicator: "p.count", period: "2025")) { try catalog.validate() }
        catalog = base
        catalog.indicators.append(Indicator(
            id: "p.other", nameZh: "其他", nameEn: "Other", unit: .ge, kind: .count, aggregation: .annual,
            program: "p", phrases: ["数 量"]))
        #expect(throws: CatalogError.ambiguousPhrase(phrase: "数 量", indicators: ["p.count", "p.other"])) {
            try catalog.validate()
        }
        catalog = base
        catalog.subjectKinds = [InnovationSubjectKind(id: "a", nameZh: "甲", nameEn: "A"),
                                InnovationSubjectKind(id: "a", nameZh: "乙", nameEn: "B")]
        #expect(throws: CatalogError.duplicateID(list: "subjectKinds", id: "a")) { try catalog.validate() }
    }

    @Test("an override replaces entries in place and appends new ones")
    func merge() throws {
        let base = try Catalog.bundled()
        let override = """
        {"programs": [{"id": "tech_loan", "nameZh": "科技贷（县版）", "nameEn": "County tech loan", "category": "finance"},
                      {"id": "county_prize", "nameZh": "县长奖", "nameEn": "County prize", "category": "award"}],
         "indicators": [{"id": "loan.pool_size", "nameZh": "科技贷企业库", "nameEn": "Pool", "unit": "家",
                         "kind": "count", "aggregation": "pointInTime", "program": "tech_loan",
                         "targets": [{"period": "2025", "value": "300"}], "phrases": ["科技贷企业库"]},
                        {"id": "prize.winners", "nameZh": "县长奖获奖企业", "nameEn": "Prize winners", "unit": "家",
                         "kind": "count", "aggregation": {"type": "cumulative", "since": "2020-01-01"},
                         "program": "county_prize", "phrases": ["县长奖"]}],
         "subjectKinds": [{"id": "maker_space", "nameZh": "众创空间", "nameEn": "Maker spaces"}]}
        """
        let url = try Self.temporaryFile(override)
        defer { try? FileManager.default.removeItem(at: url) }
        let merged = try Catalog.bundled(mergingOverrideAt: url)
        #expect(merged.programs.count == base.programs.count + 1)
        #expect(merged.indicators.count == base.indicators.count + 1)
        #expect(merged.subjectKinds.count == 7)
        #expect(merged.program(id: "tech_loan")?.nameZh == "科技贷（县版）")
        #expect(merged.programs.firstIndex { $0.id == "tech_loan" } == base.programs.firstIndex { $0.id == "tech_loan" })
        #expect(merged.indicator(id: "loan.pool_size")?.target(for: "2025")?.value == 300)
        #expect(merged.indicator(id: "prize.winners")?.aggregation == .cumulative(since: LocalDate(year: 2020, month: 1, day: 1)))
        #expect(merged.matchIndicator(subject: "县长奖获奖企业")?.id == "prize.winners")
        #expect(merged.indicators.last?.id == "prize.winners")
        // The override alone refers to nothing missing here, but an indicator of a program absent from both fails.
        let broken = try Catalog.decode(Data("""
        {"indicators": [{"id": "x.y", "nameZh": "某", "nameEn": "X", "unit": "家", "kind": "count",
                         "aggregation": "annual", "program": "missing_program", "phrases": ["某某"]}]}
        """.utf8))
        #expect(throws: CatalogError.unknownProgram(indicator: "x.y", program: "missing_program")) {
            try base.merged(with: broken).validate()
        }
        #expect(try Catalog.bundled(mergingOverrideAt: nil) == base)
    }

    @Test("matching prefers the longest phrase and can be restricted by unit")
    func matching() throws {
        let catalog = try Catalog.bundled()
        let text = "累计为83家企业提供贷款2.88亿元"
        #expect(catalog.matchIndicator(subject: text, unit: .jia)?.id == "loan.granted_count")
        #expect(catalog.matchIndicator(subject: text, unit: .yiYuan)?.id == "loan.granted_amount")
        #expect(catalog.matchIndicator(subject: text, unit: .wanYuan)?.id == "loan.granted_amount")
        #expect(catalog.matchIndicator(subject: "“揭 榜 挂 帅”项目")?.id == "jiebang.projects")
        #expect(catalog.matchIndicator(subject: "天气晴朗") == nil)
        #expect(catalog.matchIndicator(subject: " \n ") == nil)
    }

    @Test("a catalog round-trips through JSON")
    func roundTrip() throws {
        let catalog = try Catalog.bundled()
        let data = try JSONEncoder().encode(catalog)
        #expect(try Catalog.decode(data) == catalog)
    }
}
