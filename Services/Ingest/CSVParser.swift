/// An RFC 4180 CSV parser: comma-separated fields, records ending in CRLF or LF (a final line end is optional),
/// fields optionally enclosed in double quotes, `""` inside a quoted field for one quote, line breaks and commas
/// allowed inside quoted fields. A quote inside an unquoted field, text after a closing quote and an unterminated
/// quoted field are errors naming the line and column. Blank lines are skipped.
struct CSVParser {
    /// One record: its fields and where it starts.
    struct Record: Sendable, Hashable {
        /// The field values, unquoted.
        var fields: [String]
        /// 1-based line on which the record starts.
        var line: Int
        /// 1-based column (in characters) where each field starts.
        var columns: [Int]
    }

    /// Parses every record of `bytes` (valid UTF-8).
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(CSVError) -> [Record] {
        var records: [Record] = []
        var index = 0
        var line = 1
        var lineStart = 0
        let count = bytes.count
        var columnCounter = ColumnCounter()
        // Records usually have as many fields as the one before: reserve that much.
        var fieldsPerRecord = 0

        func position(_ offset: Int, _ line: Int, _ lineStart: Int) -> TextPosition {
            TextPosition.of(offset: offset, in: bytes, lineStart: lineStart, line: line)
        }

        while index < count {
            // Skip blank lines.
            if bytes[index] == UInt8(ascii: "\n") {
                index += 1
                line += 1
                lineStart = index
                continue
            }
            if bytes[index] == UInt8(ascii: "\r"), index + 1 < count, bytes[index + 1] == UInt8(ascii: "\n") {
                index += 2
                line += 1
                lineStart = index
                continue
            }
            let recordLine = line
            var fields: [String] = []
            var columns: [Int] = []
            fields.reserveCapacity(fieldsPerRecord)
            columns.reserveCapacity(fieldsPerRecord)
            var endOfRecord = false
            while !endOfRecord {
                columns.append(columnCounter.column(at: index, lineStart: lineStart, in: bytes))
                if index < count, bytes[index] == UInt8(ascii: "\"") {
                    var field: [UInt8] = []
                    // Only remembered: computing a position for every quoted field would make long lines quadratic.
                    let (openingIndex, openingLine, openingLineStart) = (index, line, lineStart)
                    index += 1
                    var closed = false
                    while index < count {
                        let byte = bytes[index]
                        if byte == UInt8(ascii: "\"") {
                            if index + 1 < count, bytes[index + 1] == UInt8(ascii: "\"") {
                                field.append(byte)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == UInt8(ascii: "\n") {
                            line += 1
                            lineStart = index + 1
                        }
                        field.append(byte)
                        index += 1
                    }
                    guard closed else {
                        throw CSVError(
                            message: "unterminated quoted field (opened here)",
                            position: position(openingIndex, openingLine, openingLineStart))
                    }
                    // After the closing quote: a separator, a line end or the end of the text.
                    if index < count {
                        let next = bytes[index]
                        let isLineEnd = next == UInt8(ascii: "\n")
                            || (next == UInt8(ascii: "\r") && index + 1 < count && bytes[index + 1] == UInt8(ascii: "\n"))
                            || (next == UInt8(ascii: "\r") && index + 1 == count)
                        if next != UInt8(ascii: ","), !isLineEnd {
                            throw CSVError(
                                message: "unexpected text after a closing quote (expected ',' or a line end)",
                                position: position(index, line, lineStart))
                        }
                    }
                    fields.append(String(decoding: field, as: UTF8.self))
                } else {
                    // An unquoted field is a slice of the text as it is: read straight from the bytes.
                    let start = index
                    while index < count {
                        let byte = bytes[index]
                        if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") { break }
                        if byte == UInt8(ascii: "\r"), index + 1 == count || bytes[index + 1] == UInt8(ascii: "\n") {
                            break
                        }
                        if byte == UInt8(ascii: "\"") {
                            throw CSVError(
                                message: "a quote inside an unquoted field (enclose the field in quotes and double the quote)",
                                position: position(index, line, lineStart))
                        }
                        index += 1
                    }
                    fields.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                }
                if index >= count {
                    endOfRecord = true
                } else if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else {
                    // Line end: `\n`, `\r\n` or a final `\r`.
                    if bytes[index] == UInt8(ascii: "\r") { index += 1 }
                    if index < count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                    line += 1
                    lineStart = index
                    endOfRecord = true
                }
            }
            fieldsPerRecord = fields.count
            records.append(Record(fields: fields, line: recordLine, columns: columns))
        }
        return records
    }
}
