import Foundation
import Testing
@testable import Scoring

@Suite("Invalid scheme files: every problem reported at once with file, line and reason")
struct SchemesInvalidFileTests {
    /// Many problems in one file; line numbers are 1-based lines of this literal.
    static let manyProblems = """
    id: bad scheme
    version: 0
    nameZh: 坏方案
    nameEn: Bad scheme
    subjectKind: enterprise
    scale: 100
    stages:
      - id: startup
        nameZh: 初创期
        nameEn: Start-up
        when:
          ageYear: {below: 3}
      - id: growth
        nameZh: 成长期
        nameEn: Growth
    categories:
      - id: tech
        nameZh: 技术创新
        nameEn: Technology
        points: {startup: 60, growth: 40}
        cap: -5
        indicators:
          - id: rd_intensity
            nameZh: 研发投入强度
            nameEn: R&D intensity
            source: rdExpense / operatingRevenu * 100
            normalisation: {type: log}
            weight: {startup: 40, growth: 20}
          - id: patents
            nameZh: 发明专利
            nameEn: Patents
            source: inventionPatents
            normalisation: {type: linear, reference: 0}
            weight: {startup: 20}
      - id: ops
        nameZh: 成长经营
        nameEn: Operations
        indicators:
          - id: growth_rate
            nameZh: 营业收入增长率
            nameEn: Revenue growth
            source: revenueGrowthPercent
            normalisation:
              type: bands
              steps:
                - {min: 10, value: 0.5}
                - {min: 5, value: 1.5}
            weight: {startup: 40, growth: 45, mature: 5}
    negative:
      - id: dishonest
        nameZh: 严重失信
        nameEn: Dishonest
        source: seriousDishonesty
        veto: true
        deduct: 10
    cohort:
      by: [stage, district]
    grades:
      bands:
        - {id: A, nameZh: A 档, nameEn: A, min: 80}
        - {id: B, nameZh: B 档, nameEn: B, min: 60, below: 85}
        - {id: C, nameZh: C 档, nameEn: C, min: 70}
      tiers:
        - {id: leading, nameZh: 领跑, nameEn: Leading, topPercent: 10}
        - {id: racing, nameZh: 竞跑, nameEn: Racing, topPercent: 5}
    """

    @Test("a file with many problems lists every one, in line order")
    func everyProblemAtOnce() throws {
        let messages = try SchemesFixtures.messages(SchemesInvalidFileTests.manyProblems)
        #expect(messages == [
            #"test.yaml:1: id: invalid id "bad scheme" (start with a letter or digit; use letters, digits, _, - and .)"#,
            "test.yaml:2: version: version 0 is out of range (allowed: 1 or more)",
            #"test.yaml:12: stages.startup.when.ageYear: unknown input "ageYear" for subject kind enterprise"#,
            "test.yaml:21: categories.tech.cap: cap must not be negative, found -5",
            #"test.yaml:26: categories.tech.indicators.rd_intensity.source: unknown input "operatingRevenu" for subject kind enterprise"#,
            #"test.yaml:27: categories.tech.indicators.rd_intensity.normalisation.type: unknown normalisation "log" (known: linear, percentile, bands)"#,
            "test.yaml:33: categories.tech.indicators.patents.normalisation.reference: reference 0 must be above floor 0",
            #"test.yaml:34: categories.tech.indicators.patents.weight: no weight for stage "growth""#,
            "test.yaml:47: categories.ops.indicators.growth_rate.normalisation.steps[1].min: bands out of order: min 5 follows min 10 (list them lowest min first)",
            "test.yaml:47: categories.ops.indicators.growth_rate.normalisation.steps[1].value: value 1.5 is out of range (allowed: 0…1)",
            #"test.yaml:48: categories.ops.indicators.growth_rate.weight.mature: unknown stage "mature" (stages: startup, growth)"#,
            "test.yaml:50: negative.dishonest: a negative item needs exactly one of veto, deduct, deductPerUnit (found: veto, deduct)",
            #"test.yaml:57: cohort.by: unknown cohort dimension "district" (known: stage, revenueBand, industry, town)"#,
            "test.yaml:61: grades.bands.B: bands overlap: A [80, ∞) and B [60, 85)",
            "test.yaml:62: grades.bands.C: bands out of order: C [70, 60) follows B [60, 85) (list them highest first)",
            "test.yaml:65: grades.tiers.racing.topPercent: tiers out of order: racing top 5 % follows leading top 10 % (list tiers from the smallest share up)",
        ])
    }

    /// A valid one-indicator scheme; tests replace single lines of it.
    static let minimal = """
    id: minimal
    version: 1
    nameZh: 最小方案
    nameEn: Minimal scheme
    subjectKind: enterprise
    scale: 100
    categories:
      - id: tech
        nameZh: 技术创新
        nameEn: Technology
        indicators:
          - id: rd_intensity
            nameZh: 研发投入强度
            nameEn: R&D intensity
            source: rdExpense / operatingRevenue * 100
            normalisation: {type: linear, reference: 6}
            weight: 100
    """

    /// `minimal` with the line containing `old` replaced by `new` (which may span several lines).
    static func minimal(replacing old: String, with new: String) -> String {
        minimal.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.contains(old) ? new : String($0) }
            .joined(separator: "\n")
    }

    /// `minimal` followed by `tail`.
    static func minimal(appending tail: String) -> String {
        minimal + "\n" + tail
    }

    @Test("the minimal scheme is valid")
    func minimalIsValid() throws {
        #expect(try SchemesFixtures.messages(SchemesInvalidFileTests.minimal) == [])
    }

    @Test("unknown subject kind names the catalog's kinds")
    func unknownSubjectKind() throws {
        let yaml = SchemesInvalidFileTests.minimal(replacing: "subjectKind:", with: "subjectKind: factory")
        #expect(try SchemesFixtures.messages(yaml) == [
            #"test.yaml:5: subjectKind: unknown subject kind "factory" (catalog kinds: enterprise, rd_institution, incubator, university_institute, talent_team, town_park)"#,
        ])
    }

    @Test("a misspelt field is unknown, and the field it should have been is missing")
    func misspeltField() throws {
        let yaml = SchemesInvalidFileTests.minimal(replacing: "weight: 100", with: "        wieght: 100")
        #expect(try SchemesFixtures.messages(yaml) == [
            #"test.yaml:12: categories.tech.indicators.rd_intensity: missing field "weight""#,
            #"test.yaml:17: categories.tech.indicators[0].wieght: unknown field "wieght" (expected one of: id, nameZh, nameEn, source, normalisation, weight)"#,
        ])
    }

    @Test("missing top-level fields are reported at the document's first line")
    func missingTopLevelFields() throws {
        #expect(try SchemesFixtures.messages("id: lonely") == [
            #"test.yaml:1: missing field "version""#,
            #"test.yaml:1: missing field "nameZh""#,
            #"test.yaml:1: missing field "nameEn""#,
            #"test.yaml:1: missing field "subjectKind""#,
            #"test.yaml:1: missing field "scale""#,
            #"test.yaml:1: missing field "categories""#,
        ])
    }

    @Test("an empty file is not a scheme")
    func emptyFile() throws {
        #expect(try SchemesFixtures.messages("") == ["test.yaml:1: expected a mapping (the file is empty)"])
    }

    @Test("YAML syntax errors carry the parser's line")
    func syntaxError() throws {
        let yaml = SchemesInvalidFileTests.minimal(replacing: "normalisation:", with: "        normalisation: {type: linear, reference: 6")
        let messages = try SchemesFixtures.messages(yaml)
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("test.yaml:17: invalid YAML: ") == true, "\(messages)")
    }

    @Test("a key given twice is a syntax error at its first occurrence")
    func duplicateKey() throws {
        let yaml = SchemesInvalidFileTests.minimal(replacing: "version: 1", with: "version: 1\nversion: 2")
        let messages = try SchemesFixtures.messages(yaml)
        #expect(messages == ["test.yaml:2: invalid YAML: duplicate key version"], "\(messages)")
    }

    @Test("weights that do not sum to the category's points or to the scale, per stage")
    func weightsDoNotSum() throws {
        let yaml = """
        id: sums
        version: 1
        nameZh: 权重
        nameEn: Weights
        subjectKind: enterprise
        scale: 100
        stages:
          - {id: startup, nameZh: 初创期, nameEn: Start-up, when: {ageYears: {below: 3}}}
          - {id: growth, nameZh: 成长期, nameEn: Growth}
        categories:
          - id: tech
            nameZh: 技术创新
            nameEn: Technology
            points: {startup: 60, growth: 40}
            indicators:
              - {id: a, nameZh: 甲, nameEn: A, source: rdExpense, normalisation: percentile, weight: {startup: 30, growth: 20}}
              - {id: b, nameZh: 乙, nameEn: B, source: rdStaff, normalisation: percentile, weight: 20}
          - id: ops
            nameZh: 成长经营
            nameEn: Operations
            points: {startup: 40, growth: 60}
            indicators:
              - {id: c, nameZh: 丙, nameEn: C, source: totalStaff, normalisation: percentile, weight: {startup: 40, growth: 50}}
        """
        #expect(try SchemesFixtures.messages(yaml) == [
            "test.yaml:6: scale: base indicator weights sum to 90 in stage startup, but scale declares 100",
            "test.yaml:6: scale: base indicator weights sum to 90 in stage growth, but scale declares 100",
            "test.yaml:14: categories.tech.points: indicator weights sum to 50 in stage startup, but points declares 60",
            "test.yaml:21: categories.ops.points: indicator weights sum to 50 in stage growth, but points declares 60",
        ])
    }

    @Test("weights per stage in a scheme without stages")
    func stageWeightsWithoutStages() throws {
        let yaml = SchemesInvalidFileTests.minimal(replacing: "weight: 100", with: "        weight: {startup: 100}")
        #expect(try SchemesFixtures.messages(yaml) == [
            "test.yaml:17: categories.tech.indicators.rd_intensity.weight: weights are given per stage but the scheme declares no stages",
        ])
    }

    @Test("negative weights and caps, a malformed source, a word for a number")
    func badValues() throws {
        var yaml = SchemesInvalidFileTests.minimal(replacing: "weight: 100", with: "        weight: -3")
        yaml = yaml.replacingOccurrences(of: "rdExpense / operatingRevenue * 100", with: "rdExpense + operatingRevenue")
        yaml = yaml.replacingOccurrences(of: "reference: 6", with: "reference: six")
        yaml = yaml.replacingOccurrences(of: "    nameEn: Technology", with: "    nameEn: Technology\n    cap: -1\n    kind: extra")
        #expect(try SchemesFixtures.messages(yaml) == [
            "test.yaml:11: categories.tech.cap: cap must not be negative, found -1",
            "test.yaml:12: categories.tech.kind: expected base or bonus",
            #"test.yaml:17: categories.tech.indicators.rd_intensity.source: source "rdExpense + operatingRevenue" is not one of: name, name * factor, a / b, a / b * factor"#,
            #"test.yaml:18: categories.tech.indicators.rd_intensity.normalisation.reference: "six" is not a number"#,
            "test.yaml:19: categories.tech.indicators.rd_intensity.weight: weight must not be negative, found -3",
        ])
    }

    @Test("scale: negative bonus cap, maximum below base, not a scale")
    func badScale() throws {
        let capped = SchemesInvalidFileTests.minimal(replacing: "scale: 100", with: "scale: {base: 100, bonusCap: -1, max: 90}")
        #expect(try SchemesFixtures.messages(capped) == [
            "test.yaml:6: scale.bonusCap: scale.bonusCap must not be negative, found -1",
            "test.yaml:6: scale.max: scale max 90 is below base 100",
        ])
        let word = SchemesInvalidFileTests.minimal(replacing: "scale: 100", with: "scale: lots")
        #expect(try SchemesFixtures.messages(word) == [
            #"test.yaml:6: scale: scale "lots" is not a number, "open", or a mapping of base, bonusCap, max"#,
        ])
        let open = SchemesInvalidFileTests.minimal(replacing: "scale: 100", with: "scale: open")
        #expect(try SchemesFixtures.messages(open) == [])
    }

    @Test("duplicate ids: categories, and indicators across categories")
    func duplicateIDs() throws {
        let yaml = SchemesInvalidFileTests.minimal(appending: """
          - id: tech
            nameZh: 技术创新二
            nameEn: Technology again
            indicators:
              - {id: rd_intensity, nameZh: 重复, nameEn: Again, source: rdExpense, normalisation: percentile, weight: 0}
        """)
        #expect(try SchemesFixtures.messages(yaml) == [
            #"test.yaml:18: categories[1].id: duplicate id "tech" in categories"#,
        ])
        let indicators = SchemesInvalidFileTests.minimal(appending: """
          - id: ops
            nameZh: 成长经营
            nameEn: Operations
            indicators:
              - {id: rd_intensity, nameZh: 重复, nameEn: Again, source: rdExpense, normalisation: percentile, weight: 0}
        """)
        #expect(try SchemesFixtures.messages(indicators) == [
            #"test.yaml:22: categories.ops.indicators[0].id: duplicate id "rd_intensity" in indicators"#,
        ])
    }

    @Test("revenue bands: a gap, an overlap, out of order, an empty band, an unknown source")
    func badRevenueBands() throws {
        let yaml = SchemesInvalidFileTests.minimal(appending: """
        cohort:
          by: [revenueBand]
          revenueBands:
            source: revenue
            bands:
              - {id: seed, nameZh: 种子期, nameEn: Seed, below: 1_000_000}
              - {id: startup, nameZh: 初创期, nameEn: Start-up, min: 2_000_000, below: 5_000_000}
              - {id: growth, nameZh: 成长期, nameEn: Growth, min: 4_000_000, below: 20_000_000}
              - {id: mature, nameZh: 成熟期, nameEn: Mature, min: 1_000}
              - {id: huge, nameZh: 巨型, nameEn: Huge, min: 500_000_000, below: 100_000_000}
        """)
        #expect(try SchemesFixtures.messages(yaml) == [
            #"test.yaml:21: cohort.revenueBands.source: unknown input "revenue" for subject kind enterprise"#,
            "test.yaml:24: cohort.revenueBands.bands.startup: bands leave a gap: seed [−∞, 1000000) then startup [2000000, 5000000)",
            "test.yaml:25: cohort.revenueBands.bands.growth: bands overlap: startup [2000000, 5000000) and growth [4000000, 20000000)",
            "test.yaml:26: cohort.revenueBands.bands.mature: bands out of order: mature [1000, ∞) follows growth [4000000, 20000000) (list them lowest first)",
            "test.yaml:27: cohort.revenueBands.bands.huge: band is empty: min 500000000 is not below 100000000",
        ])
    }

    @Test("cohort by stage without stages, by revenue band without bands, a dimension twice")
    func badCohortDimensions() throws {
        let yaml = SchemesInvalidFileTests.minimal(appending: """
        cohort:
          by: [stage, revenueBand, town, town]
        """)
        #expect(try SchemesFixtures.messages(yaml) == [
            "test.yaml:19: cohort.by: cohort uses stage but the scheme declares no stages",
            "test.yaml:19: cohort.by: cohort uses revenueBand but declares no revenueBands",
            #"test.yaml:19: cohort.by: cohort dimension "town" listed twice"#,
        ])
    }

    @Test("grade bands with a gap; tiers outside (0, 100]")
    func badGrades() throws {
        let yaml = SchemesInvalidFileTests.minimal(appending: """
        grades:
          bands:
            - {id: A, nameZh: A 档, nameEn: A, min: 80}
            - {id: B, nameZh: B 档, nameEn: B, min: 60, below: 70}
          tiers:
            - {id: none, nameZh: 无, nameEn: None, topPercent: 0}
            - {id: all, nameZh: 全部, nameEn: All, topPercent: 150}
        """)
        #expect(try SchemesFixtures.messages(yaml) == [
            "test.yaml:21: grades.bands.B: bands leave a gap: A [80, ∞) then B [60, 70)",
            "test.yaml:23: grades.tiers.none.topPercent: topPercent 0 is out of range (allowed: (0, 100])",
            "test.yaml:24: grades.tiers.all.topPercent: topPercent 150 is out of range (allowed: (0, 100])",
        ])
    }

    @Test("a file's id must match its name; a directory reports every file's problems together")
    func filesAndDirectories() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kechuang-schemes-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let renamed = directory.appendingPathComponent("renamed.yaml")
        try Data(SchemesInvalidFileTests.minimal.utf8).write(to: renamed)
        let broken = directory.appendingPathComponent("broken.yaml")
        var brokenText = SchemesInvalidFileTests.minimal(replacing: "id: minimal", with: "id: broken")
        brokenText = brokenText.replacingOccurrences(of: "version: 1", with: "version: x")
        brokenText = brokenText.replacingOccurrences(of: "subjectKind: enterprise", with: "subjectKind: robot")
        try Data(brokenText.utf8).write(to: broken)
        try Data(SchemesInvalidFileTests.minimal.utf8).write(to: directory.appendingPathComponent("minimal.yaml"))
        try Data("not a scheme".utf8).write(to: directory.appendingPathComponent("notes.txt"))
        let loader = try SchemesFixtures.loader()
        do {
            _ = try loader.loadDirectory(directory)
            Issue.record("expected errors")
        } catch {
            #expect(error.errors.map(\.description) == [
                #"\#(broken.path):2: version: "x" is not a whole number"#,
                #"\#(broken.path):5: subjectKind: unknown subject kind "robot" (catalog kinds: enterprise, rd_institution, incubator, university_institute, talent_team, town_park)"#,
                #"\#(renamed.path):1: id: id "minimal" does not match the file name renamed.yaml"#,
            ].sorted())
        }
        let minimal = try loader.load(contentsOf: directory.appendingPathComponent("minimal.yaml"))
        #expect(minimal.file == directory.appendingPathComponent("minimal.yaml").path)
    }
}
