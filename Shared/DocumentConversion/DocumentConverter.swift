import Domain
import Foundation

/// Turns a PDF, DOCX or HTML document into text in a subprocess, so that a hostile file can at worst kill the
/// converter, never its caller: `<executable> convert-document --format F …` (``ConversionChild``), which reads the
/// file on standard input and writes UTF-8 text on standard output (for PDF it becomes poppler's
/// `pdftotext -layout`). The caller's limits apply: a deadline (the child is killed), an output cap and a PDF page cap.
public struct DocumentConverter: Sendable {
    /// The program that understands ``ConversionChild/subcommand`` (ingest runs its own executable).
    public var executable: String
    /// The caps.
    public var limits: ConversionLimits

    /// Creates a converter that runs `executable`.
    public init(executable: String, limits: ConversionLimits) {
        self.executable = executable
        self.limits = limits
    }

    /// The path of the running executable (`/proc/self/exe` on Linux).
    public static func currentExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    /// The text of `data` in `format` (not `.text`), or why there is none.
    public func convert(_ data: Data, format: DocumentFormat) async -> Result<String, ConversionError> {
        let milliseconds = Int(limits.timeout.components.seconds * 1000)
            + Int(limits.timeout.components.attoseconds / 1_000_000_000_000_000)
        let result: SubprocessResult
        do {
            result = try await Subprocess.run(
                executable: executable,
                arguments: [ConversionChild.subcommand, "--format", format.rawValue,
                            "--max-pages", "\(limits.maxPDFPages)", "--max-text-bytes", "\(limits.maxTextBytes)"],
                input: data, timeout: limits.timeout, maxOutputBytes: limits.maxTextBytes)
        } catch {
            return .failure(.converterFailed(format: format, reason: "cannot start \(executable): \(error)"))
        }
        if result.timedOut { return .failure(.timedOut(format: format, milliseconds: milliseconds)) }
        if result.outputOverflow { return .failure(.outputTooLarge(limit: limits.maxTextBytes)) }
        let errors = String(decoding: result.errorOutput, as: UTF8.self)
        if result.signaled {
            return .failure(.converterFailed(format: format, reason: "killed by signal \(result.status)"))
        }
        guard result.status == 0 else {
            return .failure(Self.failure(format: format, status: result.status, errors: errors))
        }
        let output = String(decoding: result.output, as: UTF8.self)
        guard format == .pdf else { return .success(output) }
        let (text, pages) = PDFText.clean(output)
        if pages > limits.maxPDFPages { return .failure(.tooManyPages(limit: limits.maxPDFPages)) }
        guard PDFText.hasText(text) else { return .failure(.noTextLayer(pages: pages)) }
        return .success(text)
    }

    /// Maps a failed child to an error: the child's `code<TAB>reason` line, or pdftotext's exit status.
    static func failure(format: DocumentFormat, status: Int32, errors: String) -> ConversionError {
        let firstLine = errors.split(separator: "\n").first.map(String.init) ?? ""
        let parts = firstLine.split(separator: "\t", maxSplits: 1).map(String.init)
        if parts.count == 2, let code = ConversionChild.ErrorCode(rawValue: parts[0]) {
            switch code {
            case .corrupt: return .corrupt(format: format, reason: parts[1])
            case .encrypted: return .encrypted(format: format)
            case .tooLarge: return .outputTooLarge(limit: Int(parts[1]) ?? 0)
            case .unsupported: return .unsupported(reason: parts[1])
            case .failed: return .converterFailed(format: format, reason: parts[1])
            }
        }
        if format == .pdf {
            // pdftotext: 1 = cannot open the PDF (damaged, or a password is needed), 3 = permissions.
            if status == 3 || errors.localizedCaseInsensitiveContains("password") { return .encrypted(format: .pdf) }
            if status == 1 {
                let reason = errors.split(separator: "\n").last.map(String.init) ?? "pdftotext cannot read it"
                return .corrupt(format: .pdf, reason: String(reason.prefix(200)))
            }
        }
        return .converterFailed(format: format, reason: "exit status \(status): \(String(errors.prefix(200)))")
    }
}
