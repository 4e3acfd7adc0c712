import Domain
import Foundation

/// Deterministic, realistic synthetic data for demos, tests and benchmarks (`kechuang sample-data`).
///
/// Same `enterprises` and `seed` ⇒ byte-identical files. Enterprises get valid credit codes under Zhangjiagang's
/// division code 320582 and are spread over the county's towns and parks; each files every sample year
/// (revenue and staff grow or shrink a little year to year, R&D ≤ revenue, R&D staff ≤ S&T staff ≤ total staff);
/// `events.jsonl` holds program events of every ``ProgramEventType`` in a causally sensible order (loans only to
/// pool members, matches only of published demands, certificates expiring three years after they were granted);
/// `subjects-<last year>.csv` holds subject records of every other subject kind (``SampleSubjectRecords``). The
/// subject records are drawn after everything else, so the earlier files are the same with or without them.
struct SampleDataGenerator: Sendable {
    /// Zhangjiagang's administrative division code (张家港市).
    static let divisionCode = "320582"
    /// The county's towns, streets and parks, with relative weights (bigger towns host more enterprises).
    static let towns: [(name: String, weight: Int)] = [
        ("杨舍镇", 20), ("塘桥镇", 12), ("金港街道", 12), ("锦丰镇", 10), ("乐余镇", 7), ("凤凰镇", 8),
        ("南丰镇", 6), ("大新镇", 5), ("常阴沙现代农业示范园区", 2), ("张家港经济技术开发区", 12), ("保税区", 6),
    ]
    /// The sample years (fixed, so output never depends on today's date).
    static let years = [2022, 2023, 2024]

    private static let namePrefixes = [
        "华", "新", "恒", "瑞", "沙洲", "港城", "永", "联", "东", "鑫", "澳", "海", "江", "锦", "天", "嘉", "盛", "隆",
        "宏", "达", "中", "金", "长", "富", "康", "博", "凯", "力", "广", "源",
    ]
    private static let industries: [(name: String, industrial: Bool)] = [
        ("精密机械", true), ("新材料", true), ("智能装备", true), ("生物医药", true), ("电子科技", true),
        ("化工", true), ("纺织", true), ("汽车零部件", true), ("光电", true), ("节能环保", true),
        ("冶金", true), ("氢能装备", true), ("软件", false), ("信息技术", false), ("检测技术", false),
    ]
    private static let suffixes = ["有限公司", "股份有限公司", "科技有限公司"]
    private static let lenders = ["张家港农商银行", "中国银行张家港分行", "江苏银行张家港支行", "工商银行张家港分行"]
    private static let universities = ["东南大学", "江苏科技大学", "苏州大学", "南京理工大学", "上海交通大学", "江南大学"]

    /// Number of enterprises.
    let enterpriseCount: Int
    /// The seed.
    let seed: UInt64

    /// One output file.
    struct File: Sendable, Hashable {
        /// File name inside the output folder.
        var name: String
        /// UTF-8 content.
        var content: String
    }

    /// Generates every file, in a fixed order: `filings-2022.csv` (CSV with a header row, money in 万元), then
    /// `filings-<year>.jsonl` for the later years (one format per year, so a folder feed has no duplicates), then
    /// `events.jsonl`, then `subjects-<last year>.csv`.
    func generate() -> [File] {
        var random = SplitMix64(seed: seed)
        let enterprises = makeEnterprises(&random)
        var files: [File] = []
        var lastFilings: [EnterpriseFiling] = []
        for (offset, year) in Self.years.enumerated() {
            let filings = enterprises.map { enterprise in
                makeFiling(enterprise, year: year, yearIndex: offset, random: &random)
            }
            lastFilings = filings
            if offset == 0 {
                files.append(File(name: "filings-\(year).csv", content: SampleFilingCSV.render(filings)))
            } else {
                files.append(File(name: "filings-\(year).jsonl", content: filings.map(Self.jsonLine).joined(separator: "\n") + "\n"))
            }
        }
        let events = makeEvents(enterprises, random: &random)
        files.append(File(name: "events.jsonl", content: events.map(Self.jsonLine).joined(separator: "\n") + "\n"))
        let subjectYear = Self.years[Self.years.count - 1]
        let subjects = SampleSubjectRecords.make(
            enterprises: enterprises, filings: lastFilings, year: subjectYear, random: &random)
        files.append(File(name: "subjects-\(subjectYear).csv", content: SampleSubjectCSV.render(subjects)))
        return files
    }

    // MARK: Enterprises

    func makeEnterprises(_ random: inout SplitMix64) -> [SampleEnterprise] {
        var codes = Set<String>()
        var names = Set<String>()
        var result: [SampleEnterprise] = []
        let organisation = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let stages: [EnterpriseStage] = [.startup, .growth, .stable]
        while result.count < enterpriseCount {
            var body = ""
            for _ in 0..<9 { body.append(random.pick(organisation)) }
            let prefix17 = "91" + Self.divisionCode + body
            guard !codes.contains(prefix17), let code = try? UnifiedSocialCreditCode.make(prefix17: prefix17) else { continue }
            let industry = random.pick(Self.industries)
            var name = "张家港" + random.pick(Self.namePrefixes) + random.pick(Self.namePrefixes) + industry.name
                + random.pick(Self.suffixes)
            if names.contains(name) {
                name = "张家港" + random.pick(Self.namePrefixes) + "\(result.count + 1)号" + industry.name + "有限公司"
            }
            guard !names.contains(name) else { continue }
            codes.insert(prefix17)
            names.insert(name)
            let stage = stages[random.weightedIndex([30, 45, 25])]
            // Revenue bands in 万元: startup 50–1 800, growth 1 500–30 000, stable 8 000–500 000 (a few giants).
            let revenue10k: Int
            switch stage {
            case .startup: revenue10k = random.int(in: 50...1_800)
            case .growth: revenue10k = random.int(in: 1_500...30_000)
            case .stable: revenue10k = random.chance(10) ? random.int(in: 100_000...500_000) : random.int(in: 8_000...100_000)
            }
            let intensity: Int
            switch stage {
            case .startup: intensity = random.int(in: 200...1_500)
            case .growth: intensity = random.int(in: 250...900)
            case .stable: intensity = random.int(in: 80...500)
            }
            let staff = max(5, revenue10k / random.int(in: 60...180) + random.int(in: 3...30))
            result.append(SampleEnterprise(
                creditCode: code, name: name, town: Self.towns[random.weightedIndex(Self.towns.map(\.weight))].name,
                stage: stage, industrial: industry.industrial,
                baseRevenueCents: revenue10k * 100 + random.int(in: 0...99), rdIntensityBasisPoints: intensity,
                baseStaff: staff))
        }
        return result
    }

    // MARK: Filings

    func makeFiling(_ enterprise: SampleEnterprise, year: Int, yearIndex: Int, random: inout SplitMix64) -> EnterpriseFiling {
        // Revenue drifts by −8 % … +25 % a year.
        var revenueCents = enterprise.baseRevenueCents
        var staff = enterprise.baseStaff
        for _ in 0..<yearIndex {
            revenueCents = revenueCents * random.int(in: 92...125) / 100
            staff = max(3, staff * random.int(in: 95...115) / 100)
        }
        let intensity = max(10, enterprise.rdIntensityBasisPoints + random.int(in: -40...40))
        let rdCents = revenueCents * intensity / 10_000
        let domesticCents = rdCents * random.int(in: 85...100) / 100
        let highTechCents = revenueCents * random.int(in: 0...85) / 100
        let stStaff = max(1, staff * random.int(in: 8...35) / 100)
        let rdStaff = max(1, stStaff * random.int(in: 50...95) / 100)
        let aboveScale = revenueCents >= 2_000 * 100
        let hasInstitution = aboveScale && enterprise.industrial ? random.chance(75) : random.chance(20)
        let level: RecognitionLevel? = hasInstitution
            ? [RecognitionLevel.county, .suzhou, .provincial, .national][random.weightedIndex([50, 30, 15, 5])] : nil
        var awards: [FilingAward] = []
        if random.chance(4) {
            awards.append(FilingAward(
                name: "\(year)年度科学技术奖", level: random.chance(70) ? .suzhou : .provincial,
                grade: random.pick(["一等奖", "二等奖", "三等奖"]), year: year))
        }
        return EnterpriseFiling(
            year: year, creditCode: enterprise.creditCode, enterpriseName: enterprise.name,
            operatingRevenue: Self.money10k(revenueCents), rdExpense: Self.money10k(rdCents),
            rdExpenseDomestic: Self.money10k(domesticCents), totalStaff: staff, stStaff: stStaff, rdStaff: rdStaff,
            highTechRevenue: Self.money10k(highTechCents),
            netAssets: Self.money10k(revenueCents * random.int(in: -10...60) / 100),
            inventionPatents: random.int(in: 0...(2 + revenueCents / 1_000_000)), ipClassI: random.int(in: 0...6),
            ipClassII: random.int(in: 0...25),
            techContractTurnover: random.chance(30) ? Self.money10k(random.int(in: 500...200_000)) : nil,
            scienceProjects: random.int(in: 0...3), hasRDInstitution: hasInstitution, rdInstitutionLevel: level,
            awards: awards, creditFlags: random.chance(2) ? CreditFlags(environmentalViolation: true) : .clean,
            aboveScale: aboveScale, industrial: enterprise.industrial, town: enterprise.town)
    }

    // MARK: Events

    /// Program events of every type, sorted by date (ties keep generation order).
    func makeEvents(_ enterprises: [SampleEnterprise], random: inout SplitMix64) -> [ProgramEvent] {
        var dated: [(date: LocalDate, order: Int, event: ProgramEvent)] = []
        func add(_ event: ProgramEvent) { dated.append((event.date, dated.count, event)) }
        func date(_ year: Int, _ random: inout SplitMix64) -> LocalDate {
            let month = random.int(in: 1...12)
            return Self.day(year, month, random.int(in: 1...LocalDate.daysIn(month: month, year: year)))
        }
        func subject(_ enterprise: SampleEnterprise) -> EventSubject {
            EventSubject(creditCode: enterprise.creditCode, name: enterprise.name)
        }
        func tenK(_ low: Int, _ high: Int, _ random: inout SplitMix64) -> Money {
            Money(Decimal(random.int(in: low...high)), .wanYuan)
        }
        let tiers = ["培育一库", "培育二库", "培育三库"]
        var demandNumber = 0
        for year in Self.years {
            // C计划基金 joint meetings: two to four a year.
            let meetings = random.int(in: 2...4)
            for session in 1...meetings {
                add(.fundMeetingHeld(date: date(year, &random), session: (year - 2021) * 10 + session,
                                     projectsReviewed: random.int(in: 3...9)))
            }
        }
        for (index, enterprise) in enterprises.enumerated() {
            let who = subject(enterprise)
            let first = date(Self.years[0], &random)
            // 高企培育库: enter, maybe move up, maybe leave.
            if enterprise.stage != .stable || random.chance(30) {
                let entered = random.int(in: 0...2)
                add(.cultivationTierEntered(date: first, subject: who, tier: tiers[entered]))
                if entered > 0, random.chance(40) {
                    add(.cultivationTierMoved(date: date(Self.years[1], &random), subject: who,
                                              fromTier: tiers[entered], toTier: tiers[entered - 1]))
                } else if random.chance(15) {
                    add(.cultivationTierLeft(date: date(Self.years[2], &random), subject: who, tier: tiers[entered],
                                             reason: random.pick(["认定为高新技术企业", "不再符合入库条件"])))
                }
            }
            // 高新技术企业: recommended, certified; certificates granted in the first year expire three years later.
            if enterprise.stage != .startup || random.chance(20) {
                if random.chance(60) {
                    add(.highTechApplicationRecommended(date: date(Self.years[index % 3], &random), subject: who))
                }
                if random.chance(55) {
                    let granted = date(Self.years[index % 2], &random)
                    let number = "GR\(granted.year)32\(String(format: "%06d", 1000 + index))"
                    add(.highTechCertificateGranted(date: granted, subject: who, certificateNumber: number))
                    if granted.year == Self.years[0], random.chance(30) {
                        let expiry = granted.adding(years: ProgramEvent.highTechCertificateYears)
                        if expiry.year <= Self.years[Self.years.count - 1] {
                            add(.highTechCertificateExpired(date: expiry, subject: who, certificateNumber: number))
                        }
                    }
                }
            }
            // 专项“科技贷”: pool first, then loans.
            if random.chance(40) {
                let pool = date(Self.years[0], &random)
                add(.techLoanPoolEntered(date: pool, subject: who))
                for year in Self.years.dropFirst() where random.chance(45) {
                    add(.techLoanGranted(date: date(year, &random), subject: who, amount: tenK(100, 1_000, &random),
                                         lender: random.pick(Self.lenders)))
                }
            }
            // C计划基金 projects.
            if enterprise.stage != .stable, random.chance(12) {
                let year = random.pick(Self.years)
                let planned = random.int(in: 300...3_000)
                add(.fundProjectPassed(date: date(year, &random), subject: who,
                                       plannedInvestment: Money(Decimal(planned), .wanYuan),
                                       leveragedFunds: Money(Decimal(planned * random.int(in: 2...4)), .wanYuan)))
                if year < Self.years[Self.years.count - 1], random.chance(70) {
                    add(.fundProjectInvested(date: date(year + 1, &random), subject: who,
                                             amount: Money(Decimal(planned), .wanYuan),
                                             leveragedFunds: Money(Decimal(planned * 2), .wanYuan)))
                }
            }
            // 科研悬赏: visits, demands, matches.
            if random.chance(50) {
                let year = random.pick(Self.years)
                add(.enterpriseVisited(date: date(year, &random), subject: who))
                if random.chance(55) {
                    demandNumber += 1
                    let demandID = "XQ\(year)-\(String(format: "%04d", demandNumber))"
                    add(.demandPublished(date: date(year, &random), subject: who, demandID: demandID,
                                         title: random.pick(["关键工艺优化", "新材料配方研发", "智能检测系统开发", "节能降耗技术改造"]),
                                         bounty: random.chance(50) ? tenK(10, 200, &random) : nil))
                    if year < Self.years[Self.years.count - 1], random.chance(45) {
                        add(.demandMatched(date: date(year + 1, &random), subject: who, demandID: demandID,
                                           partner: random.pick(Self.universities), amount: tenK(20, 300, &random)))
                    }
                }
            }
            // 产学研 and 校市 cooperation, co-built platforms.
            if random.chance(25) {
                add(.cooperationSigned(date: date(random.pick(Self.years), &random), subject: who,
                                       partner: random.pick(Self.universities), kind: .iurProject,
                                       amount: tenK(20, 500, &random)))
            }
            // Consortia, 揭榜挂帅, platforms, talent, investment, awards: rarer.
            if enterprise.stage == .stable, random.chance(12) {
                add(.consortiumRecognised(date: date(random.pick(Self.years), &random), subject: who,
                                          consortium: "\(enterprise.name.dropFirst(3).prefix(4))创新联合体",
                                          level: random.chance(70) ? .suzhou : .provincial))
            }
            if random.chance(5) {
                add(.jiebangProjectAwarded(date: date(random.pick(Self.years), &random), subject: who,
                                           project: "关键核心技术攻关项目", level: .suzhou, funding: tenK(100, 500, &random)))
            }
            if random.chance(8) {
                add(.platformRecognised(date: date(random.pick(Self.years), &random), subject: who,
                                        platform: "\(enterprise.name.dropFirst(3).prefix(4))工程技术研究中心",
                                        level: [RecognitionLevel.suzhou, .provincial][random.int(in: 0...1)]))
            }
            if random.chance(8) {
                let programs: [(String, RecognitionLevel)] = [
                    ("national_talent_plan", .national), ("provincial_shuangchuang", .provincial),
                    ("gusu_innovation_team", .suzhou),
                ]
                let (program, level) = random.pick(programs)
                add(.talentSelected(date: date(random.pick(Self.years), &random), subject: who, program: program,
                                    level: level, person: random.pick(["张", "王", "李", "陈", "刘", "周"]) + random.pick(["博士", "教授", "研究员"])))
            }
            if random.chance(6) {
                add(.investmentProjectSigned(date: date(random.pick(Self.years), &random), subject: who,
                                             project: "\(enterprise.name.dropFirst(3).prefix(4))产业化项目",
                                             amount: tenK(1_000, 50_000, &random)))
            }
            if random.chance(4) {
                add(.awardWon(date: date(random.pick(Self.years), &random), subject: who, award: "江苏省科学技术奖",
                              level: .provincial, grade: random.pick(["一等奖", "二等奖", "三等奖"])))
            }
        }
        // County-level items every data set has: university-city agreements, incubator ratings, and at least one
        // event of every type (small data sets may miss rare ones).
        for (offset, university) in Self.universities.prefix(2).enumerated() {
            add(.cooperationSigned(date: date(Self.years[offset], &random), subject: EventSubject(name: "张家港市人民政府"),
                                   partner: university, kind: .universityCity, amount: nil))
        }
        add(.cooperationSigned(date: date(Self.years[2], &random), subject: EventSubject(name: "张家港市人民政府"),
                               partner: "中国科学院", kind: .platformCoBuild, amount: tenK(1_000, 5_000, &random)))
        add(.incubatorRated(date: date(Self.years[2], &random), subject: EventSubject(name: "张家港国际科技创业园"),
                            level: .national, rating: "优秀（A类）"))
        add(.incubatorRated(date: date(Self.years[2], &random), subject: EventSubject(name: "张家港保税区科技创业园"),
                            level: .provincial, rating: "良好（B类）"))
        ensureEveryType(&dated, enterprises: enterprises, random: &random)
        return dated.sorted { ($0.date, $0.order) < ($1.date, $1.order) }.map(\.event)
    }

    /// Adds one well-formed event for each type not generated yet (always by the first enterprise).
    private func ensureEveryType(
        _ dated: inout [(date: LocalDate, order: Int, event: ProgramEvent)], enterprises: [SampleEnterprise],
        random: inout SplitMix64
    ) {
        guard let first = enterprises.first else { return }
        let who = EventSubject(creditCode: first.creditCode, name: first.name)
        let present = Set(dated.map(\.event.type))
        let year = Self.years[Self.years.count - 1]
        let day = Self.day(year, 6, 30)
        let early = Self.day(Self.years[0], 3, 15)
        for type in ProgramEventType.allCases where !present.contains(type) {
            let event: ProgramEvent
            switch type {
            case .cultivationTierEntered: event = .cultivationTierEntered(date: early, subject: who, tier: "培育二库")
            case .cultivationTierMoved: event = .cultivationTierMoved(date: day, subject: who, fromTier: "培育二库", toTier: "培育一库")
            case .cultivationTierLeft: event = .cultivationTierLeft(date: day, subject: who, tier: "培育一库", reason: "认定为高新技术企业")
            case .techLoanPoolEntered: event = .techLoanPoolEntered(date: early, subject: who)
            case .techLoanGranted: event = .techLoanGranted(date: day, subject: who, amount: Money(300, .wanYuan), lender: Self.lenders[0])
            case .fundMeetingHeld: event = .fundMeetingHeld(date: day, session: 1, projectsReviewed: 5)
            case .fundProjectPassed: event = .fundProjectPassed(date: early, subject: who, plannedInvestment: Money(500, .wanYuan), leveragedFunds: Money(1_500, .wanYuan))
            case .fundProjectInvested: event = .fundProjectInvested(date: day, subject: who, amount: Money(500, .wanYuan), leveragedFunds: Money(1_000, .wanYuan))
            case .consortiumRecognised: event = .consortiumRecognised(date: day, subject: who, consortium: "沙洲创新联合体", level: .suzhou)
            case .jiebangProjectAwarded: event = .jiebangProjectAwarded(date: day, subject: who, project: "关键核心技术攻关项目", level: .suzhou, funding: Money(200, .wanYuan))
            case .demandPublished: event = .demandPublished(date: early, subject: who, demandID: "XQ-ENSURE-1", title: "关键工艺优化", bounty: Money(50, .wanYuan))
            case .demandMatched: event = .demandMatched(date: day, subject: who, demandID: "XQ-ENSURE-1", partner: Self.universities[0], amount: Money(80, .wanYuan))
            case .enterpriseVisited: event = .enterpriseVisited(date: early, subject: who)
            case .cooperationSigned: event = .cooperationSigned(date: day, subject: who, partner: Self.universities[1], kind: .iurProject, amount: Money(100, .wanYuan))
            case .talentSelected: event = .talentSelected(date: day, subject: who, program: "provincial_shuangchuang", level: .provincial, person: "王博士")
            case .platformRecognised: event = .platformRecognised(date: day, subject: who, platform: "企业技术中心", level: .suzhou)
            case .incubatorRated: event = .incubatorRated(date: day, subject: EventSubject(name: "张家港国际科技创业园"), level: .national, rating: "优秀（A类）")
            case .investmentProjectSigned: event = .investmentProjectSigned(date: day, subject: who, project: "产业化项目", amount: Money(5_000, .wanYuan))
            case .highTechCertificateGranted: event = .highTechCertificateGranted(date: early, subject: who, certificateNumber: "GR202232000001")
            case .highTechCertificateExpired: event = .highTechCertificateExpired(date: early.adding(years: 3), subject: who, certificateNumber: "GR202232000001")
            case .highTechApplicationRecommended: event = .highTechApplicationRecommended(date: early, subject: who)
            case .awardWon: event = .awardWon(date: day, subject: who, award: "江苏省科学技术奖", level: .provincial, grade: "三等奖")
            }
            dated.append((event.date, dated.count, event))
        }
        _ = random.next()
    }

    // MARK: Encoding

    /// A calendar date the caller knows to be valid (month 1…12, day within the month).
    static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
        guard let date = LocalDate(year: year, month: month, day: day) else {
            preconditionFailure("invalid sample date \(year)-\(month)-\(day)")
        }
        return date
    }

    /// An amount of 万元 given in hundredths.
    static func money10k(_ cents: Int) -> Money {
        Money(Decimal(cents) / 100, .wanYuan)
    }

    /// One JSON object on one line, keys sorted (deterministic).
    static func jsonLine<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
