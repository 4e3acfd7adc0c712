import Domain
import Foundation

/// The converter subprocess (`kechuang-ingest convert-document --format pdf|docx|html --max-pages N
/// --max-text-bytes M`): reads the document on standard input, writes its text on standard output and exits 0; on
/// failure writes one line `code<TAB>reason` on standard error and exits 65. For PDF it limits its memory and
/// replaces itself with `pdftotext -layout -enc UTF-8 -l N+1 - -` (poppler-utils; `KECHUANG_PDFTOTEXT` overrides
/// the program).
public enum ConversionChild {
    /// The first argument that selects the converter instead of the service.
    public static let subcommand = "convert-document"

    /// Failure codes on standard error.
    public enum ErrorCode: String, Sendable {
        /// Damaged input.
        case corrupt
        /// Password-protected input.
        case encrypted
        /// Output past the cap (the reason is the cap).
        case tooLarge = "too_large"
        /// Not a format this converts.
        case unsupported
        /// Anything else (bad arguments, a missing program).
        case failed
    }

    /// Runs the child with the arguments after ``subcommand``; returns the exit status.
    public static func main(_ arguments: [String]) -> Int32 {
        var options: [String: String] = [:]
        var index = 0
        while index + 1 < arguments.count {
            options[arguments[index]] = arguments[index + 1]
            index += 2
        }
        guard let format = options["--format"].flatMap(DocumentFormat.init(rawValue:)), format != .text else {
            return fail(.failed, "usage: \(subcommand) --format pdf|docx|html [--max-pages N] [--max-text-bytes M]")
        }
        let maxPages = options["--max-pages"].flatMap { Int($0) } ?? 300
        let maxTextBytes = options["--max-text-bytes"].flatMap { Int($0) } ?? (16 << 20)
        var core = rlimit(rlim_cur: 0, rlim_max: 0)
        setrlimit(Int32(RLIMIT_CORE.rawValue), &core)
        switch format {
        case .pdf:
            var memory = rlimit(rlim_cur: 2 << 30, rlim_max: 2 << 30)
            setrlimit(Int32(RLIMIT_AS.rawValue), &memory)
            let program = ProcessInfo.processInfo.environment["KECHUANG_PDFTOTEXT"] ?? "pdftotext"
            let argv = [program, "-layout", "-enc", "UTF-8", "-l", "\(maxPages + 1)", "-", "-"]
            var cArguments = argv.map { strdup($0) }
            cArguments.append(nil)
            execvp(program, cArguments)
            return fail(.failed, "cannot run \(program) (install poppler-utils): \(String(cString: strerror(errno)))", status: 69)
        case .docx, .html:
            let input = FileHandle.standardInput.readDataToEndOfFile()
            let text: String
            if format == .html {
                text = HTMLText.text(of: String(decoding: input, as: UTF8.self))
            } else {
                do {
                    text = try DOCXText.text(of: input, maxXMLBytes: 4 * maxTextBytes)
                } catch {
                    switch error {
                    case .outputTooLarge(let limit): return fail(.tooLarge, "\(limit)")
                    case .encrypted: return fail(.encrypted, "password-protected")
                    case .corrupt(_, let reason): return fail(.corrupt, reason)
                    default: return fail(.failed, "\(error)")
                    }
                }
            }
            if text.utf8.count > maxTextBytes { return fail(.tooLarge, "\(maxTextBytes)") }
            FileHandle.standardOutput.write(Data(text.utf8))
            return 0
        case .text:
            return fail(.failed, "text needs no conversion")
        }
    }

    private static func fail(_ code: ErrorCode, _ reason: String, status: Int32 = 65) -> Int32 {
        let line = code.rawValue + "\t" + reason.replacingOccurrences(of: "\n", with: " ") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
        return status
    }
}
