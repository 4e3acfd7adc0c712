import Domain

extension RejectionCode {
    /// The rejection a document gets when its text could not be obtained: the one mapping ingest and
    /// `kechuang extract` share.
    public init(_ error: ConversionError) {
        self = switch error {
        case .noTextLayer: .noTextLayer
        case .corrupt: .corruptDocument
        case .encrypted: .encryptedDocument
        case .tooManyPages: .tooManyPages
        case .outputTooLarge: .tooLarge
        case .timedOut, .converterFailed: .conversionFailed
        case .unsupported: .unsupportedFormat
        }
    }
}
