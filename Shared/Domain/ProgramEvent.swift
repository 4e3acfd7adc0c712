/// Something that happened in a bureau program, one case per real event.
///
/// JSON is flat: `{"type": "tech_loan_granted", "date": "2024-03-01", "creditCode": "…", "subjectName": "…",
/// "amount": {"amount": "500", "unit": "万元"}, …}`; see docs/domain.md for every type's fields.
public enum ProgramEvent: Sendable, Hashable, Codable {
    /// Entered tier `tier` of the 高企培育库.
    case cultivationTierEntered(date: LocalDate, subject: EventSubject, tier: String)
    /// Moved from one tier of the 高企培育库 to another.
    case cultivationTierMoved(date: LocalDate, subject: EventSubject, fromTier: String, toTier: String)
    /// Left the 高企培育库 (e.g. certified, or removed), with an optional reason.
    case cultivationTierLeft(date: LocalDate, subject: EventSubject, tier: String, reason: String?)
    /// Entered the 专项“科技贷” enterprise pool.
    case techLoanPoolEntered(date: LocalDate, subject: EventSubject)
    /// Granted a 科技贷 loan of `amount` (by `lender` when known).
    case techLoanGranted(date: LocalDate, subject: EventSubject, amount: Money, lender: String?)
    /// A C计划基金 joint meeting was held (session number and projects reviewed when known).
    case fundMeetingHeld(date: LocalDate, session: Int?, projectsReviewed: Int?)
    /// A project passed a C计划基金 joint meeting, with planned investment and expected leveraged funds.
    case fundProjectPassed(date: LocalDate, subject: EventSubject, plannedInvestment: Money?, leveragedFunds: Money?)
    /// The C计划基金 invested `amount` in a project.
    case fundProjectInvested(date: LocalDate, subject: EventSubject, amount: Money, leveragedFunds: Money?)
    /// An innovation consortium led by the subject was recognised at `level`.
    case consortiumRecognised(date: LocalDate, subject: EventSubject, consortium: String, level: RecognitionLevel)
    /// A 揭榜挂帅 project was awarded to the subject.
    case jiebangProjectAwarded(date: LocalDate, subject: EventSubject, project: String, level: RecognitionLevel, funding: Money?)
    /// An effective enterprise demand was published (科研悬赏), with an optional bounty.
    case demandPublished(date: LocalDate, subject: EventSubject, demandID: String, title: String?, bounty: Money?)
    /// A published demand was matched with a solver (`partner`).
    case demandMatched(date: LocalDate, subject: EventSubject, demandID: String, partner: String?, amount: Money?)
    /// The bureau visited the enterprise (走访).
    case enterpriseVisited(date: LocalDate, subject: EventSubject)
    /// A cooperation agreement was signed with `partner`.
    case cooperationSigned(date: LocalDate, subject: EventSubject, partner: String, kind: CooperationKind, amount: Money?)
    /// The subject (a person, team or its employer) was selected into the talent plan `program` (catalog id).
    case talentSelected(date: LocalDate, subject: EventSubject, program: String, level: RecognitionLevel, person: String?)
    /// An R&D institution or platform of the subject was recognised at `level`.
    case platformRecognised(date: LocalDate, subject: EventSubject, platform: String, level: RecognitionLevel)
    /// An incubator of `level` received `rating` (e.g. `优秀（A类）`).
    case incubatorRated(date: LocalDate, subject: EventSubject, level: RecognitionLevel, rating: String)
    /// A 科技招商 project was signed.
    case investmentProjectSigned(date: LocalDate, subject: EventSubject, project: String, amount: Money?)
    /// A high-tech enterprise certificate was granted (valid three years from `date`).
    case highTechCertificateGranted(date: LocalDate, subject: EventSubject, certificateNumber: String?)
    /// A high-tech enterprise certificate expired or was revoked.
    case highTechCertificateExpired(date: LocalDate, subject: EventSubject, certificateNumber: String?)
    /// The enterprise was recommended to apply for high-tech status.
    case highTechApplicationRecommended(date: LocalDate, subject: EventSubject)
    /// An S&T award was won.
    case awardWon(date: LocalDate, subject: EventSubject, award: String, level: RecognitionLevel, grade: String?)

    /// Years a high-tech enterprise certificate stays valid.
    public static let highTechCertificateYears = 3

    /// The JSON type of the event.
    public var type: ProgramEventType {
        switch self {
        case .cultivationTierEntered: .cultivationTierEntered
        case .cultivationTierMoved: .cultivationTierMoved
        case .cultivationTierLeft: .cultivationTierLeft
        case .techLoanPoolEntered: .techLoanPoolEntered
        case .techLoanGranted: .techLoanGranted
        case .fundMeetingHeld: .fundMeetingHeld
        case .fundProjectPassed: .fundProjectPassed
        case .fundProjectInvested: .fundProjectInvested
        case .consortiumRecognised: .consortiumRecognised
        case .jiebangProjectAwarded: .jiebangProjectAwarded
        case .demandPublished: .demandPublished
        case .demandMatched: .demandMatched
        case .enterpriseVisited: .enterpriseVisited
        case .cooperationSigned: .cooperationSigned
        case .talentSelected: .talentSelected
        case .platformRecognised: .platformRecognised
        case .incubatorRated: .incubatorRated
        case .investmentProjectSigned: .investmentProjectSigned
        case .highTechCertificateGranted: .highTechCertificateGranted
        case .highTechCertificateExpired: .highTechCertificateExpired
        case .highTechApplicationRecommended: .highTechApplicationRecommended
        case .awardWon: .awardWon
        }
    }

    /// When the event happened.
    public var date: LocalDate {
        switch self {
        case .cultivationTierEntered(let date, _, _), .cultivationTierMoved(let date, _, _, _),
             .cultivationTierLeft(let date, _, _, _), .techLoanPoolEntered(let date, _),
             .techLoanGranted(let date, _, _, _), .fundMeetingHeld(let date, _, _),
             .fundProjectPassed(let date, _, _, _), .fundProjectInvested(let date, _, _, _),
             .consortiumRecognised(let date, _, _, _), .jiebangProjectAwarded(let date, _, _, _, _),
             .demandPublished(let date, _, _, _, _), .demandMatched(let date, _, _, _, _),
             .enterpriseVisited(let date, _), .cooperationSigned(let date, _, _, _, _),
             .talentSelected(let date, _, _, _, _), .platformRecognised(let date, _, _, _),
             .incubatorRated(let date, _, _, _), .investmentProjectSigned(let date, _, _, _),
             .highTechCertificateGranted(let date, _, _), .highTechCertificateExpired(let date, _, _),
             .highTechApplicationRecommended(let date, _), .awardWon(let date, _, _, _, _):
            date
        }
    }

    /// Who the event is about; `nil` only for ``fundMeetingHeld(date:session:projectsReviewed:)``.
    public var subject: EventSubject? {
        switch self {
        case .fundMeetingHeld: nil
        case .cultivationTierEntered(_, let subject, _), .cultivationTierMoved(_, let subject, _, _),
             .cultivationTierLeft(_, let subject, _, _), .techLoanPoolEntered(_, let subject),
             .techLoanGranted(_, let subject, _, _), .fundProjectPassed(_, let subject, _, _),
             .fundProjectInvested(_, let subject, _, _), .consortiumRecognised(_, let subject, _, _),
             .jiebangProjectAwarded(_, let subject, _, _, _), .demandPublished(_, let subject, _, _, _),
             .demandMatched(_, let subject, _, _, _), .enterpriseVisited(_, let subject),
             .cooperationSigned(_, let subject, _, _, _), .talentSelected(_, let subject, _, _, _),
             .platformRecognised(_, let subject, _, _), .incubatorRated(_, let subject, _, _),
             .investmentProjectSigned(_, let subject, _, _), .highTechCertificateGranted(_, let subject, _),
             .highTechCertificateExpired(_, let subject, _), .highTechApplicationRecommended(_, let subject),
             .awardWon(_, let subject, _, _, _):
            subject
        }
    }

    /// The catalog id of the program the event belongs to (awards below provincial level have none).
    public var programID: String? {
        switch self {
        case .cultivationTierEntered, .cultivationTierMoved, .cultivationTierLeft: "hightech_cultivation"
        case .techLoanPoolEntered, .techLoanGranted: "tech_loan"
        case .fundMeetingHeld, .fundProjectPassed, .fundProjectInvested: "c_plan_fund"
        case .consortiumRecognised: "innovation_consortium"
        case .jiebangProjectAwarded: "jiebang_guashuai"
        case .demandPublished, .demandMatched, .enterpriseVisited: "research_bounty"
        case .cooperationSigned(_, _, _, let kind, _): kind.programID
        case .talentSelected(_, _, let program, _, _): program
        case .platformRecognised: "rd_institution"
        case .incubatorRated: "incubator"
        case .investmentProjectSigned: "tech_investment"
        case .highTechCertificateGranted, .highTechCertificateExpired, .highTechApplicationRecommended:
            "hightech_certification"
        case .awardWon(_, _, _, let level, _):
            switch level {
            case .national: "national_st_award"
            case .provincial: "provincial_st_award"
            case .town, .county, .suzhou: nil
            }
        }
    }

    /// The main amount of money the event carries, if any (loan, investment, funding, bounty…).
    public var amount: Money? {
        switch self {
        case .techLoanGranted(_, _, let amount, _), .fundProjectInvested(_, _, let amount, _): amount
        case .fundProjectPassed(_, _, let planned, _): planned
        case .jiebangProjectAwarded(_, _, _, _, let funding): funding
        case .demandPublished(_, _, _, _, let bounty): bounty
        case .demandMatched(_, _, _, _, let amount), .cooperationSigned(_, _, _, _, let amount),
             .investmentProjectSigned(_, _, _, let amount):
            amount
        default: nil
        }
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case type, date, creditCode, subjectName
        case tier, fromTier, toTier, reason, amount, lender, session, projectsReviewed
        case plannedInvestment, leveragedFunds, consortium, level, project, funding
        case demandID, title, bounty, partner, kind, program, person, platform, rating, certificateNumber
        case award, grade
    }

    /// Decodes the flat JSON form; an unknown `type` or a subject with neither `creditCode` nor `subjectName`
    /// is a `DecodingError` naming the field.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let typeName = try c.decode(String.self, forKey: .type)
        guard let type = ProgramEventType(rawValue: typeName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c, debugDescription: "unknown program event type \"\(typeName)\"")
        }
        let date = try c.decode(LocalDate.self, forKey: .date)
        func subject() throws -> EventSubject {
            let code = try c.decodeIfPresent(UnifiedSocialCreditCode.self, forKey: .creditCode)
            let name = try c.decodeIfPresent(String.self, forKey: .subjectName)
            if let code { return EventSubject(creditCode: code, name: name) }
            if let name, !name.isEmpty { return EventSubject(name: name) }
            // Named `subjectName` (not `creditCode`): a missing subject is an invalid event, not an invalid credit code.
            throw DecodingError.keyNotFound(CodingKeys.subjectName, DecodingError.Context(
                codingPath: c.codingPath, debugDescription: "\(typeName) needs creditCode or subjectName"))
        }
        func text(_ key: CodingKeys) throws -> String { try c.decode(String.self, forKey: key) }
        func optionalText(_ key: CodingKeys) throws -> String? { try c.decodeIfPresent(String.self, forKey: key) }
        func money(_ key: CodingKeys) throws -> Money? { try c.decodeIfPresent(Money.self, forKey: key) }
        func level() throws -> RecognitionLevel { try c.decode(RecognitionLevel.self, forKey: .level) }
        switch type {
        case .cultivationTierEntered:
            self = .cultivationTierEntered(date: date, subject: try subject(), tier: try text(.tier))
        case .cultivationTierMoved:
            self = .cultivationTierMoved(
                date: date, subject: try subject(), fromTier: try text(.fromTier), toTier: try text(.toTier))
        case .cultivationTierLeft:
            self = .cultivationTierLeft(
                date: date, subject: try subject(), tier: try text(.tier), reason: try optionalText(.reason))
        case .techLoanPoolEntered:
            self = .techLoanPoolEntered(date: date, subject: try subject())
        case .techLoanGranted:
            self = .techLoanGranted(
                date: date, subject: try subject(), amount: try c.decode(Money.self, forKey: .amount),
                lender: try optionalText(.lender))
        case .fundMeetingHeld:
            self = .fundMeetingHeld(
                date: date, session: try c.decodeIfPresent(Int.self, forKey: .session),
                projectsReviewed: try c.decodeIfPresent(Int.self, forKey: .projectsReviewed))
        case .fundProjectPassed:
            self = .fundProjectPassed(
                date: date, subject: try subject(), plannedInvestment: try money(.plannedInvestment),
                leveragedFunds: try money(.leveragedFunds))
        case .fundProjectInvested:
            self = .fundProjectInvested(
                date: date, subject: try subject(), amount: try c.decode(Money.self, forKey: .amount),
                leveragedFunds: try money(.leveragedFunds))
        case .consortiumRecognised:
            self = .consortiumRecognised(
                date: date, subject: try subject(), consortium: try text(.consortium), level: try level())
        case .jiebangProjectAwarded:
            self = .jiebangProjectAwarded(
                date: date, subject: try subject(), project: try text(.project), level: try level(),
                funding: try money(.funding))
        case .demandPublished:
            self = .demandPublished(
                date: date, subject: try subject(), demandID: try text(.demandID), title: try optionalText(.title),
                bounty: try money(.bounty))
        case .demandMatched:
            self = .demandMatched(
                date: date, subject: try subject(), demandID: try text(.demandID),
                partner: try optionalText(.partner), amount: try money(.amount))
        case .enterpriseVisited:
            self = .enterpriseVisited(date: date, subject: try subject())
        case .cooperationSigned:
            self = .cooperationSigned(
                date: date, subject: try subject(), partner: try text(.partner),
                kind: try c.decode(CooperationKind.self, forKey: .kind), amount: try money(.amount))
        case .talentSelected:
            self = .talentSelected(
                date: date, subject: try subject(), program: try text(.program), level: try level(),
                person: try optionalText(.person))
        case .platformRecognised:
            self = .platformRecognised(
                date: date, subject: try subject(), platform: try text(.platform), level: try level())
        case .incubatorRated:
            self = .incubatorRated(date: date, subject: try subject(), level: try level(), rating: try text(.rating))
        case .investmentProjectSigned:
            self = .investmentProjectSigned(
                date: date, subject: try subject(), project: try text(.project), amount: try money(.amount))
        case .highTechCertificateGranted:
            self = .highTechCertificateGranted(
                date: date, subject: try subject(), certificateNumber: try optionalText(.certificateNumber))
        case .highTechCertificateExpired:
            self = .highTechCertificateExpired(
                date: date, subject: try subject(), certificateNumber: try optionalText(.certificateNumber))
        case .highTechApplicationRecommended:
            self = .highTechApplicationRecommended(date: date, subject: try subject())
        case .awardWon:
            self = .awardWon(
                date: date, subject: try subject(), award: try text(.award), level: try level(),
                grade: try optionalText(.grade))
        }
    }

    /// Encodes the flat JSON form (absent optionals are omitted).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(date, forKey: .date)
        if let subject {
            try c.encodeIfPresent(subject.creditCode, forKey: .creditCode)
            try c.encodeIfPresent(subject.name, forKey: .subjectName)
        }
        switch self {
        case .cultivationTierEntered(_, _, let tier):
            try c.encode(tier, forKey: .tier)
        case .cultivationTierMoved(_, _, let fromTier, let toTier):
            try c.encode(fromTier, forKey: .fromTier)
            try c.encode(toTier, forKey: .toTier)
        case .cultivationTierLeft(_, _, let tier, let reason):
            try c.encode(tier, forKey: .tier)
            try c.encodeIfPresent(reason, forKey: .reason)
        case .techLoanPoolEntered, .enterpriseVisited, .highTechApplicationRecommended:
            break
        case .techLoanGranted(_, _, let amount, let lender):
            try c.encode(amount, forKey: .amount)
            try c.encodeIfPresent(lender, forKey: .lender)
        case .fundMeetingHeld(_, let session, let projectsReviewed):
            try c.encodeIfPresent(session, forKey: .session)
            try c.encodeIfPresent(projectsReviewed, forKey: .projectsReviewed)
        case .fundProjectPassed(_, _, let planned, let leveraged):
            try c.encodeIfPresent(planned, forKey: .plannedInvestment)
            try c.encodeIfPresent(leveraged, forKey: .leveragedFunds)
        case .fundProjectInvested(_, _, let amount, let leveraged):
            try c.encode(amount, forKey: .amount)
            try c.encodeIfPresent(leveraged, forKey: .leveragedFunds)
        case .consortiumRecognised(_, _, let consortium, let level):
            try c.encode(consortium, forKey: .consortium)
            try c.encode(level, forKey: .level)
        case .jiebangProjectAwarded(_, _, let project, let level, let funding):
            try c.encode(project, forKey: .project)
            try c.encode(level, forKey: .level)
            try c.encodeIfPresent(funding, forKey: .funding)
        case .demandPublished(_, _, let demandID, let title, let bounty):
            try c.encode(demandID, forKey: .demandID)
            try c.encodeIfPresent(title, forKey: .title)
            try c.encodeIfPresent(bounty, forKey: .bounty)
        case .demandMatched(_, _, let demandID, let partner, let amount):
            try c.encode(demandID, forKey: .demandID)
            try c.encodeIfPresent(partner, forKey: .partner)
            try c.encodeIfPresent(amount, forKey: .amount)
        case .cooperationSigned(_, _, let partner, let kind, let amount):
            try c.encode(partner, forKey: .partner)
            try c.encode(kind, forKey: .kind)
            try c.encodeIfPresent(amount, forKey: .amount)
        case .talentSelected(_, _, let program, let level, let person):
            try c.encode(program, forKey: .program)
            try c.encode(level, forKey: .level)
            try c.encodeIfPresent(person, forKey: .person)
        case .platformRecognised(_, _, let platform, let level):
            try c.encode(platform, forKey: .platform)
            try c.encode(level, forKey: .level)
        case .incubatorRated(_, _, let level, let rating):
            try c.encode(level, forKey: .level)
            try c.encode(rating, forKey: .rating)
        case .investmentProjectSigned(_, _, let project, let amount):
            try c.encode(project, forKey: .project)
            try c.encodeIfPresent(amount, forKey: .amount)
        case .highTechCertificateGranted(_, _, let number), .highTechCertificateExpired(_, _, let number):
            try c.encodeIfPresent(number, forKey: .certificateNumber)
        case .awardWon(_, _, let award, let level, let grade):
            try c.encode(award, forKey: .award)
            try c.encode(level, forKey: .level)
            try c.encodeIfPresent(grade, forKey: .grade)
        }
    }
}
