import Contracts
import Domain
import Foundation
import Hummingbird
import Logging
import Messaging
@testable import WebService

/// A backend answering from fixed replies (no ZeroMQ).
struct StubBackend: WebBackend {
    var subjectReply = SubjectReply(matches: [], subject: nil, scores: [], highTech: nil, history: [])
    var rankingReply = RankingReply(schemeID: "innovation_points", schemeNameZh: "创新积分", rows: [])

    func subject(query: String) async throws(WebError) -> SubjectReply { subjectReply }
    func ranking(_ request: RankingRequest) async throws(WebError) -> RankingReply { rankingReply }
    func history(indicator: String, limit: Int) async throws(WebError) -> MetricHistory {
        MetricHistory(indicator: indicator, points: [])
    }
}

enum WebFixtures {
    static let logger = Logger(label: "kechuang.web.tests")

    static func catalog() throws -> Catalog { try Catalog.bundled() }

    static func metricEnvelope(_ update: MetricUpdate, sequence: UInt64) throws -> Envelope {
        try Envelope(update, header: MessageHeader(
            type: MetricUpdate.messageType, id: "m\(sequence)", source: "metrics", sequence: sequence, timestamp: 0))
    }

    static func scoreEnvelope(_ update: ScoreUpdate, sequence: UInt64) throws -> Envelope {
        try Envelope(update, header: MessageHeader(
            type: ScoreUpdate.messageType, id: "s\(sequence)", source: "scoring", sequence: sequence, timestamp: 0))
    }

    static func score(name: String, id: String = "91320582MA1XXXXX0X", points: Decimal = 72.5) -> ScoreUpdate {
        ScoreUpdate(
            subjectKind: "enterprise", subjectID: id, subjectName: name, town: "杨舍镇", period: "2024",
            schemeID: "innovation_points", schemeVersion: 1, points: points,
            categories: [ScoreCategoryPoints(id: "tech", nameZh: "技术创新", nameEn: "Technology", points: 30, cap: 40)],
            breakdown: [ScoreBreakdownLine(
                indicator: "rd_ratio", nameZh: "研发投入占比", nameEn: "R&D intensity", category: "tech", raw: 4.2,
                normalised: 0.8, weight: 20, points: 16, missing: nil)],
            negatives: [], vetoedBy: [], stage: nil, cohort: "revenue_band=成长期",
            grade: ScoreGrade(id: "A", nameZh: "A级", nameEn: "A"), rank: 1, cohortSize: 3, previousPoints: nil,
            ingestSequence: 1)
    }

    static func router(
        state: SharedWebState = SharedWebState(), hub: LiveHub? = nil, backend: StubBackend = StubBackend(),
        token: String? = nil
    ) throws -> (Router<BasicRequestContext>, LiveHub) {
        let hub = hub ?? LiveHub(maxClients: 4, bufferLimit: 16, logger: logger)
        let routes = WebRouter(
            catalog: try catalog(), state: state, hub: hub, backend: backend, token: token, logger: logger)
        return (routes.makeRouter(), hub)
    }
}
