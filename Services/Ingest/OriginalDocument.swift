import Domain
import Foundation

/// A submitted file that was converted to text: its format and bytes, stored beside the extracted text.
struct OriginalDocument: Sendable, Hashable {
    /// The detected format.
    var format: DocumentFormat
    /// The bytes as submitted (their SHA-256 is the document's content hash).
    var bytes: Data
}
