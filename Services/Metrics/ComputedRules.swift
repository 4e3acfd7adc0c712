import Domain

/// How program events feed the computed indicators: which catalog indicator counts what, and which items are
/// "the same" (so an event repeated in two documents counts once).
public enum ComputedRules {
    /// The 高企培育库 membership timeline (feeds `cultivation.pool_size`).
    public static let cultivationTimeline = "cultivation"
    /// The high-tech certificate timeline (feeds `hightech.effective`).
    public static let highTechTimeline = "hightech"

    /// The point-in-time indicator read from each timeline.
    public static let timelineIndicators: [String: String] = [
        cultivationTimeline: "cultivation.pool_size",
        highTechTimeline: "hightech.effective",
    ]

    /// Indicators computed from enterprise filings (per filing year).
    public static let filingIndicators: [String] = [
        "enterprise.filings", "enterprise.rd_expense_total", "enterprise.operating_revenue_total",
        "enterprise.rd_intensity", "enterprise.high_tech_revenue_total", "enterprise.invention_patents",
        "enterprise.tech_contract_turnover", "enterprise.rd_staff",
        "rd_institution.coverage", "rd_institution.covered_enterprises", "rd_institution.above_scale_industrial",
    ]

    /// The identity of an event subject: its credit code, else its name.
    public static func subjectKey(_ subject: EventSubject) -> String {
        if let code = subject.creditCode { return code.rawValue }
        return "name:" + (subject.name ?? "?")
    }

    /// The contributions of `event`. `catalog` decides which talent indicators a talent plan feeds.
    public static func contributions(of event: ProgramEvent, catalog: Catalog) -> [ComputedContribution] {
        let date = event.date
        let year = String(date.year)
        let subject = event.subject.map(subjectKey) ?? ""
        func item(_ indicator: String, _ key: String, _ amount: Money? = nil) -> ComputedContribution {
            .item(indicator: indicator, key: key, date: date, amount: amount)
        }
        func member(_ timeline: String, enters: Bool, validity: Int? = nil) -> ComputedContribution {
            .membership(timeline: timeline, subject: subject,
                        change: MembershipTimeline.Change(date: date, enters: enters, validityYears: validity))
        }
        switch event {
        case .cultivationTierEntered:
            return [item("cultivation.entered", year + "|" + subject), member(cultivationTimeline, enters: true)]
        case .cultivationTierMoved:
            return [member(cultivationTimeline, enters: true)]
        case .cultivationTierLeft:
            return [member(cultivationTimeline, enters: false)]
        case .techLoanPoolEntered:
            return [item("loan.pool_size", subject)]
        case let .techLoanGranted(_, _, amount, lender):
            return [
                item("loan.granted_count", subject),
                item("loan.granted_amount", "\(subject)|\(date)|\(DecimalText.string(amount.yuan))|\(lender ?? "")", amount),
            ]
        case let .fundMeetingHeld(_, session, _):
            return [item("fund.meetings", session.map { "session:\($0)" } ?? "date:\(date)")]
        case let .fundProjectPassed(_, _, planned, leveraged):
            let key = "\(subject)|\(date)"
            var result = [item("fund.projects_passed", key)]
            if let planned { result.append(item("fund.planned_investment", key, planned)) }
            if let leveraged { result.append(item("fund.leveraged_funds", key, leveraged)) }
            return result
        case let .fundProjectInvested(_, _, amount, _):
            return [item("fund.invested_amount", "\(subject)|\(date)|\(DecimalText.string(amount.yuan))", amount)]
        case let .consortiumRecognised(_, _, consortium, level):
            var result = [item("consortium.cumulative", consortium)]
            if level == .suzhou { result.append(item("consortium.suzhou_level", year + "|" + consortium)) }
            return result
        case let .jiebangProjectAwarded(_, _, project, _, _):
            return [item("jiebang.projects", year + "|" + project)]
        case let .demandPublished(_, _, demandID, _, _):
            return [item("demand.published", demandID)]
        case let .demandMatched(_, _, demandID, _, _):
            return [item("demand.matched", demandID)]
        case .enterpriseVisited:
            return [item("demand.enterprises_visited", year + "|" + subject)]
        case let .cooperationSigned(_, _, partner, kind, _):
            switch kind {
            case .iurProject:
                return [item("cooperation.iur_projects", "\(subject)|\(partner)|\(date)")]
            case .universityCity:
                return [item("cooperation.university_city_new", year + "|" + partner),
                        item("cooperation.university_city_total", partner)]
            case .platformCoBuild:
                return []
            }
        case let .talentSelected(_, _, program, _, person):
            let key = "\(year)|\(subject)|\(person ?? "")"
            return catalog.indicators(ofProgram: program)
                .filter { $0.kind == .count }
                .map { item($0.id, key) }
        case let .platformRecognised(_, _, platform, level):
            return [item("platform.recognized", "\(subject)|\(platform)|\(level.rawValue)")]
        case let .incubatorRated(_, _, level, rating):
            guard level == .national, rating.contains("A") || rating.contains("优秀") else { return [] }
            return [item("incubator.national_rated_a", year + "|" + subject)]
        case let .investmentProjectSigned(_, _, project, _):
            return [item("investment.tech_projects", "\(subject)|\(project)")]
        case .highTechCertificateGranted:
            return [item("hightech.certified", year + "|" + subject),
                    member(highTechTimeline, enters: true, validity: ProgramEvent.highTechCertificateYears)]
        case .highTechCertificateExpired:
            return [item("hightech.expired", year + "|" + subject), member(highTechTimeline, enters: false)]
        case .highTechApplicationRecommended:
            return [item("hightech.applications_recommended", year + "|" + subject)]
        case let .awardWon(_, _, award, level, grade):
            let key = "\(year)|\(award)|\(subject)|\(grade ?? "")"
            switch level {
            case .national: return [item("award.national_st", key)]
            case .provincial: return [item("award.provincial_st", key)]
            case .town, .county, .suzhou: return []
            }
        }
    }
}
