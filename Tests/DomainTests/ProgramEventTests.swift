import Foundation
import Testing
@testable import Domain

@Suite("Program events")
struct ProgramEventTests {
    static func subject() throws -> EventSubject {
        EventSubject(creditCode: try UnifiedSocialCreditCode(parsing: "91320582MA1ABCDE0R"), name: "张家港某科技有限公司")
    }

    /// One event of every type.
    static func allEvents() throws -> [ProgramEvent] {
        let s = try subject()
        let d = try #require(LocalDate(iso: "2024-03-01"))
        let team = EventSubject(name: "某创新团队")
        return [
            .cultivationTierEntered(date: d, subject: s, tier: "A"),
            .cultivationTierMoved(date: d, subject: s, fromTier: "B", toTier: "A"),
            .cultivationTierLeft(date: d, subject: s, tier: "A", reason: "认定为高企"),
            .techLoanPoolEntered(date: d, subject: s),
            .techLoanGranted(date: d, subject: s, amount: Money(500, .wanYuan), lender: "张家港农商行"),
            .fundMeetingHeld(date: d, session: 12, projectsReviewed: 3),
            .fundProjectPassed(date: d, subject: s, plannedInvestment: Money(2_000, .wanYuan), leveragedFunds: nil),
            .fundProjectInvested(date: d, subject: s, amount: Money(1_500, .wanYuan), leveragedFunds: Money(1, .yiYuan)),
            .consortiumRecognised(date: d, subject: s, consortium: "某创新联合体", level: .suzhou),
            .jiebangProjectAwarded(date: d, subject: s, project: "关键核心技术", level: .suzhou, funding: Money(300, .wanYuan)),
            .demandPublished(date: d, subject: s, demandID: "D-1", title: "耐高温涂层", bounty: Money(50, .wanYuan)),
            .demandMatched(date: d, subject: s, demandID: "D-1", partner: "南京工业大学", amount: nil),
            .enterpriseVisited(date: d, subject: s),
            .cooperationSigned(date: d, subject: s, partner: "中科院某所", kind: .iurProject, amount: Money(80, .wanYuan)),
            .talentSelected(date: d, subject: team, program: "gusu_innovation_team", level: .suzhou, person: nil),
            .platformRecognised(date: d, subject: s, platform: "企业技术中心", level: .provincial),
            .incubatorRated(date: d, subject: EventSubject(name: "某孵化器"), level: .national, rating: "优秀（A类）"),
            .investmentProjectSigned(date: d, subject: s, project: "某项目", amount: Money(1, .yiYuan)),
            .highTechCertificateGranted(date: d, subject: s, certificateNumber: "GR202432000001"),
            .highTechCertificateExpired(date: d, subject: s, certificateNumber: nil),
            .highTechApplicationRecommended(date: d, subject: s),
            .awardWon(date: d, subject: s, award: "国家科学技术进步奖", level: .national, grade: "二等奖"),
        ]
    }

    @Test("there is one sample per event type and every type round-trips")
    func everyTypeRoundTrips() throws {
        let events = try Self.allEvents()
        #expect(Set(events.map(\.type)) == Set(ProgramEventType.allCases))
        let catalog = try Catalog.bundled()
        for event in events {
            let data = try JSONEncoder().encode(event)
            let decoded = try JSONDecoder().decode(ProgramEvent.self, from: data)
            #expect(decoded == event, "\(event.type)")
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["type"] as? String == event.type.rawValue)
            #expect(object["date"] as? String == "2024-03-01")
            if let program = event.programID {
                #expect(catalog.program(id: program) != nil, "\(event.type) → unknown program \(program)")
            }
        }
    }

    @Test("the documented JSON example decodes")
    func documentedExample() throws {
        let json = """
        {"type": "tech_loan_granted", "date": "2024-03-01", "creditCode": "91320582MA1ABCDE0R",
         "subjectName": "张家港某科技有限公司", "amount": {"amount": "500", "unit": "万元"}, "lender": "张家港农商行"}
        """
        let event = try JSONDecoder().decode(ProgramEvent.self, from: Data(json.utf8))
        #expect(event == .techLoanGranted(
            date: try #require(LocalDate(iso: "2024-03-01")), subject: try Self.subject(),
            amount: Money(500, .wanYuan), lender: "张家港农商行"))
        #expect(event.programID == "tech_loan")
        #expect(event.amount?.yuan == 5_000_000)
        #expect(event.subject?.creditCode?.rawValue == "91320582MA1ABCDE0R")
    }

    @Test("bad event JSON is rejected: unknown type, no subject, bad code, bad date")
    func rejects() {
        let bad = [
            #"{"type": "rocket_launched", "date": "2024-03-01", "subjectName": "x"}"#,
            #"{"type": "enterprise_visited", "date": "2024-03-01"}"#,
            #"{"type": "enterprise_visited", "date": "2024-03-01", "creditCode": "91350100M000100Y4Z"}"#,
            #"{"type": "enterprise_visited", "date": "2024-02-30", "subjectName": "x"}"#,
            #"{"type": "tech_loan_granted", "date": "2024-03-01", "subjectName": "x"}"#,
        ]
        for json in bad {
            #expect(throws: DecodingError.self, "\(json)") {
                try JSONDecoder().decode(ProgramEvent.self, from: Data(json.utf8))
            }
        }
    }

    @Test("awards map to award programs by level; cooperation by kind")
    func programs() throws {
        let d = try #require(LocalDate(iso: "2024-01-01"))
        let s = try Self.subject()
        #expect(ProgramEvent.awardWon(date: d, subject: s, award: "省科学技术奖", level: .provincial, grade: nil).programID
            == "provincial_st_award")
        #expect(ProgramEvent.awardWon(date: d, subject: s, award: "市奖", level: .county, grade: nil).programID == nil)
        #expect(ProgramEvent.cooperationSigned(date: d, subject: s, partner: "某大学", kind: .universityCity, amount: nil)
            .programID == "university_city_cooperation")
        #expect(ProgramEvent.fundMeetingHeld(date: d, session: nil, projectsReviewed: nil).subject == nil)
        let catalog = try Catalog.bundled()
        for kind in CooperationKind.allCases {
            #expect(catalog.program(id: kind.programID) != nil, "\(kind) → \(kind.programID)")
        }
        for level in RecognitionLevel.allCases {
            let award = ProgramEvent.awardWon(date: d, subject: s, award: "奖", level: level, grade: nil)
            if let program = award.programID {
                #expect(catalog.program(id: program)?.category == .award)
            }
        }
    }
}
