import Domain
import Foundation

/// Synthetic subject records of the other innovation subject kinds for `kechuang sample-data`: 8 研发机构, 5 孵化载体,
/// 3 高校院所, 6 人才团队 and one 镇（区） record per town that hosts a sample enterprise. Value names are the
/// scoring inputs of each kind (`StandardInputs`); money in 元, counts whole, levels 1 (镇级) … 5 (国家级). Town
/// records roll up the enterprises' filings of the year (above-scale industrial enterprises, those with an R&D
/// institution, technology-contract turnover) and add plausible county statistics.
enum SampleSubjectRecords {
    /// How many records of each non-enterprise, non-town kind, in output order.
    static let counts: [(kind: String, count: Int)] = [
        ("rd_institution", 8), ("incubator", 5), ("university_institute", 3), ("talent_team", 6),
    ]

    private static let incubators = [
        "张家港国际科技创业园", "张家港保税区科技创业园", "张家港青年创业园", "沙洲湖科创园孵化器", "张家港留学人员创业园",
        "张家港智能制造众创空间",
    ]
    private static let institutes = [
        "江苏科技大学张家港校区", "东南大学张家港工业技术研究院", "苏州大学张家港产业技术研究院", "南京理工大学张家港工程院",
        "上海交通大学张家港产业研究院",
    ]
    private static let centreKinds = ["工程技术研究中心", "企业技术中心", "重点实验室", "新型研发机构"]
    private static let surnames = ["张", "王", "李", "陈", "刘", "周", "吴", "徐", "孙", "朱"]
    private static let fields = ["新材料", "智能装备", "生物医药", "氢能", "集成电路", "光电", "节能环保", "高端纺织"]

    /// A bureau id such as `YF-320582-003`: kind prefix, division code, zero-padded number.
    static func id(prefix: String, _ number: Int, digits: Int) -> String {
        let text = String(number)
        return prefix + "-" + SampleDataGenerator.divisionCode + "-" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// The records for `year`, given the sample enterprises and their filings of that year.
    static func make(
        enterprises: [SampleEnterprise], filings: [EnterpriseFiling], year: Int, random: inout SplitMix64
    ) -> [SubjectRecord] {
        let period = String(year)
        var records: [SubjectRecord] = []
        var names = Set<String>()
        /// A name `make` has not produced yet: a few fresh draws, then the number appended.
        func unique(_ number: Int, _ random: inout SplitMix64, _ make: (inout SplitMix64) -> String) -> String {
            for _ in 0..<8 {
                let name = make(&random)
                if names.insert(name).inserted { return name }
            }
            let name = make(&random) + "（\(number)）"
            names.insert(name)
            return name
        }
        func yuan(_ low: Int, _ high: Int, _ random: inout SplitMix64) -> Decimal {
            Decimal(random.int(in: low...high)) * 10_000
        }
        func town(_ random: inout SplitMix64) -> String {
            SampleDataGenerator.towns[random.weightedIndex(SampleDataGenerator.towns.map(\.weight))].name
        }

        // 研发机构（平台）
        for number in 1...counts[0].count {
            var field = ""
            let name = unique(number, &random) { random in
                field = random.pick(fields)
                return "张家港市\(field)\(random.pick(centreKinds))"
            }
            let level = [1, 2, 3, 4, 5][random.weightedIndex([10, 35, 30, 18, 7])]
            let researchers = random.int(in: 12...150)
            records.append(SubjectRecord(
                kind: "rd_institution", id: id(prefix: "YF", number, digits: 3),
                name: name, town: town(&random), period: period,
                values: [
                    "level": Decimal(level), "researchers": Decimal(researchers),
                    "rdExpense": Decimal(researchers) * yuan(18, 45, &random),
                    "equipmentValue": yuan(300, 8_000, &random),
                    "patentsGranted": Decimal(random.int(in: 0...(level * 8))),
                    "techContractTurnover": yuan(0, 3_000, &random),
                    "enterprisesServed": Decimal(random.int(in: 3...80)),
                    "projectsUndertaken": Decimal(random.int(in: 0...(level * 2))),
                ],
                attributes: ["industry": field]))
        }
        // 孵化载体
        for number in 1...counts[1].count {
            let level = [2, 3, 4, 5][random.weightedIndex([25, 30, 30, 15])]
            let tenants = random.int(in: 15...160)
            var values: [String: Decimal] = [
                "level": Decimal(level), "area": Decimal(random.int(in: 50...800) * 100),
                "tenants": Decimal(tenants), "graduates": Decimal(random.int(in: 5...220)),
                "hightechTenants": Decimal(tenants * random.int(in: 5...30) / 100),
                "financedTenants": Decimal(tenants * random.int(in: 10...45) / 100),
                "incubationFund": yuan(200, 20_000, &random),
            ]
            // Only national incubators are evaluated nationally (3 优秀 … 0 不合格); others leave it unreported.
            if level == 5 { values["nationalEvaluationGrade"] = Decimal([3, 2, 1][random.weightedIndex([40, 45, 15])]) }
            records.append(SubjectRecord(
                kind: "incubator", id: id(prefix: "FH", number, digits: 3),
                name: incubators[(number - 1) % incubators.count], town: town(&random), period: period, values: values))
        }
        // 高校院所
        for number in 1...counts[2].count {
            records.append(SubjectRecord(
                kind: "university_institute", id: id(prefix: "GX", number, digits: 3),
                name: institutes[(number - 1) % institutes.count], town: town(&random), period: period,
                values: [
                    "localTechContractTurnover": yuan(100, 6_000, &random),
                    "patentsTransferred": Decimal(random.int(in: 0...25)),
                    "jointProjects": Decimal(random.int(in: 2...40)),
                    "localEnterprisesServed": Decimal(random.int(in: 5...120)),
                    "researchersResident": Decimal(random.int(in: 5...90)),
                    "platformsBuilt": Decimal(random.int(in: 0...6)),
                ]))
        }
        // 人才团队
        for number in 1...counts[3].count {
            var field = ""
            let name = unique(number, &random) { random in
                field = random.pick(fields)
                return "\(random.pick(surnames))博士\(field)创新团队"
            }
            let revenue = yuan(0, 12_000, &random)
            records.append(SubjectRecord(
                kind: "talent_team", id: id(prefix: "RC", number, digits: 3),
                name: name, town: town(&random), period: period,
                values: [
                    "planLevel": Decimal([3, 4, 5][random.weightedIndex([50, 35, 15])]),
                    "operatingRevenue": revenue,
                    "investmentRaised": random.chance(50) ? yuan(100, 10_000, &random) : 0,
                    "patentsGranted": Decimal(random.int(in: 0...12)),
                    "staff": Decimal(random.int(in: 5...120)),
                    "taxPaid": revenue * Decimal(random.int(in: 0...8)) / 100,
                    "yearsSinceStart": Decimal(random.int(in: 1...8)),
                ],
                attributes: ["industry": field]))
        }
        // 镇（区）: one per town with sample enterprises, rolled up from the year's filings.
        let used = Set(enterprises.map(\.town))
        for (number, town) in SampleDataGenerator.towns.map(\.name).filter(used.contains).enumerated() {
            let local = filings.filter { $0.town == town }
            let industrial = local.filter { $0.aboveScale == true && $0.industrial == true }
            let rdExpense = local.reduce(Decimal(0)) { $0 + $1.rdExpense.yuan }
            let turnover = local.reduce(Decimal(0)) { $0 + ($1.techContractTurnover?.yuan ?? 0) }
            records.append(SubjectRecord(
                kind: "town_park", id: id(prefix: "ZQ", number + 1, digits: 2),
                name: town, town: town, period: period,
                values: [
                    "rdExpense": rdExpense * Decimal(random.int(in: 105...130)) / 100,
                    "gdp": yuan(800_000, 9_000_000, &random),
                    "hightechEnterprises": Decimal(local.count * random.int(in: 15...40) / 100),
                    "aboveScaleIndustrial": Decimal(industrial.count),
                    "aboveScaleIndustrialWithRD": Decimal(industrial.filter(\.hasRDInstitution).count),
                    "techContractTurnover": turnover,
                    "incubators": Decimal(random.int(in: 0...4)),
                    "talentTeams": Decimal(random.int(in: 0...12)),
                    "enterprisePointsMedian": Decimal(random.int(in: 400...750)) / 10,
                ]))
        }
        return records
    }
}
