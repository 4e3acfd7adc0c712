import Contracts
import Domain
import Foundation
import Messaging

/// Parses a program-events document — one ``Domain/ProgramEvent`` JSON object per line (a JSON array is accepted
/// too) — and checks what decoding cannot: no date after the current year, no negative amount. Any bad line
/// rejects the whole document, listing every problem.
enum EventsParser {
    /// Every event in document order, or the rejection naming every problem.
    static func parse(_ text: Substring, currentYear: Int) -> Result<[ParsedRecord<ProgramEvent>], SubmitRejected> {
        var copy = String(text)
        let isArray = FilingParser.format(of: text) == .jsonArray
        return copy.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            let values: [JSONScanner.Value]
            do throws(JSONSyntaxError) {
                values = isArray ? try JSONScanner.arrayElements(of: bytes) : try JSONScanner.lineValues(of: bytes)
            } catch {
                return .failure(FilingParser.malformedJSON(error))
            }
            let decoder = JSONDecoder()
            var events: [ParsedRecord<ProgramEvent>] = []
            var problems: [RejectionProblem] = []
            for (offset, value) in values.enumerated() {
                let line = value.position.line
                let data = Data(UnsafeRawBufferPointer(rebasing: bytes[value.range]))
                guard data.first == UInt8(ascii: "{") else {
                    problems.append(RejectionProblem(
                        message: "expected a JSON object (one program event)", line: line,
                        column: value.position.column))
                    continue
                }
                let event: ProgramEvent
                do {
                    event = try FastJSONDecoder.decode(ProgramEvent.self, from: data)
                        ?? decoder.decode(ProgramEvent.self, from: data)
                } catch let error as DecodingError {
                    problems.append(problem(error, line: line))
                    continue
                } catch {
                    problems.append(RejectionProblem(message: "\(error)", line: line))
                    continue
                }
                let found = check(event, line: line, currentYear: currentYear)
                if found.isEmpty {
                    events.append(ParsedRecord(index: offset + 1, line: line, value: event))
                } else {
                    problems.append(contentsOf: found)
                }
            }
            if !problems.isEmpty {
                return .failure(ProblemList.rejection(
                    problems, records: values.count, noun: "event line", fallback: .invalidEvent))
            }
            if events.isEmpty {
                return .failure(SubmitRejected(code: .empty, message: "the events document holds no events"))
            }
            return .success(events)
        }
    }

    /// Value checks decoding does not make.
    static func check(_ event: ProgramEvent, line: Int, currentYear: Int) -> [RejectionProblem] {
        var problems: [RejectionProblem] = []
        if event.date.year > currentYear {
            problems.append(RejectionProblem(
                message: "date \(event.date) is after the current year \(currentYear)", line: line, field: "date"))
        } else if event.date.year < Catalog.earliestYear {
            problems.append(RejectionProblem(
                message: "date \(event.date) is before \(Catalog.earliestYear), outside the catalog's plausible years",
                line: line, field: "date"))
        }
        if let amount = event.amount, amount.isNegative {
            problems.append(RejectionProblem(message: "amount \(amount) is negative", line: line, field: "amount"))
        }
        return problems
    }

    /// A decoding error as a problem naming the field.
    static func problem(_ error: DecodingError, line: Int) -> RejectionProblem {
        func path(_ context: DecodingError.Context, extra: (any CodingKey)? = nil) -> String? {
            let keys = context.codingPath + (extra.map { [$0] } ?? [])
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? nil : text
        }
        switch error {
        case let .keyNotFound(key, context):
            let field = path(context, extra: key)
            let detail = context.debugDescription.contains("needs") ? context.debugDescription : "required field is missing"
            return RejectionProblem(message: "\(field ?? key.stringValue): \(detail)", line: line, field: field)
        case let .typeMismatch(type, context):
            let field = path(context)
            return RejectionProblem(message: "\(field ?? "value"): expected \(type)", line: line, field: field)
        case let .valueNotFound(type, context):
            let field = path(context)
            return RejectionProblem(message: "\(field ?? "value"): expected \(type), found null", line: line, field: field)
        case let .dataCorrupted(context):
            let field = path(context)
            return RejectionProblem(
                message: "\(field ?? "value"): \(context.debugDescription)", line: line, field: field)
        @unknown default:
            return RejectionProblem(message: "\(error)", line: line)
        }
    }
}
