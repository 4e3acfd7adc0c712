import Messaging

/// Every Kechuang wire message type, for building a `MessageRegistry` that rejects unknown types.
public enum KechuangMessages {
    /// All concrete message types of Kechuang's services (requests, replies and stream events).
    public static let all: [any WireMessage.Type] = [
        SubmitDocument.self, SubmitAccepted.self, SubmitRejected.self,
        IngestStatusRequest.self, IngestStatus.self, GetDocument.self, GetDocumentReply.self,
        DocumentStored.self, ObservationExtracted.self, FilingRecorded.self, ProgramEventRecorded.self,
        SubjectRecorded.self,
        MetricUpdate.self, MetricHistoryRequest.self, MetricHistory.self,
        MetricsStatusRequest.self, MetricsStatus.self,
        ScoreUpdate.self, GradeChanged.self, HighTechUpdate.self, HighTechChanged.self,
        ScoringStatusRequest.self, ScoringStatus.self, SubjectRequest.self, SubjectReply.self,
        RankingRequest.self, RankingReply.self, SettleRequest.self, SettleReply.self,
        NotifyStatusRequest.self, NotifyStatus.self, SilenceRequest.self, SilenceList.self,
        NotificationsRequest.self, NotificationList.self, WebStatusRequest.self, WebStatus.self,
        ErrorReply.self, ReplayRequest.self, ReplayBatch.self, SnapshotRequest.self, SnapshotBatch.self, Heartbeat.self,
    ]
}
