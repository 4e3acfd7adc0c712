import Messaging

/// Request (`scoring.ranking`): the current ranking of one scheme, optionally one cohort, top N.
public struct RankingRequest: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "scoring.ranking"
    /// Scheme id (nil: the first scheme of `kind`).
    public var schemeID: String?
    /// Subject kind (default `enterprise`).
    public var kind: String
    /// Only this cohort (as printed in ``RankingRow/cohort``), nil for every cohort.
    public var cohort: String?
    /// Rows per cohort.
    public var top: Int

    /// Creates the request.
    public init(schemeID: String? = nil, kind: String = "enterprise", cohort: String? = nil, top: Int = 20) {
        self.schemeID = schemeID
        self.kind = kind
        self.cohort = cohort
        self.top = top
    }

    /// `scoring.ranking`.
    public var topic: Topic { Topic("scoring").child("ranking") }
}
