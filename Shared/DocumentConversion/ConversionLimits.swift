/// Caps on one conversion.
public struct ConversionLimits: Sendable, Hashable {
    /// Longest a conversion may run before the converter is killed.
    public var timeout: Duration
    /// Most PDF pages converted; a longer PDF is rejected (`too_many_pages`).
    public var maxPDFPages: Int
    /// Largest extracted text (and largest uncompressed `word/document.xml` is four times this).
    public var maxTextBytes: Int

    /// Creates limits.
    public init(timeout: Duration = .seconds(30), maxPDFPages: Int = 300, maxTextBytes: Int = 16 << 20) {
        self.timeout = timeout
        self.maxPDFPages = maxPDFPages
        self.maxTextBytes = maxTextBytes
    }
}
