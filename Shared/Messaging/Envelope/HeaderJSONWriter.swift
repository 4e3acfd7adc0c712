import JSONText

/// Writes a ``MessageHeader`` as compact JSON with a direct byte writer (no `JSONEncoder`, no
/// intermediate dictionaries). The output is ordinary JSON that any parser reads; keys are written in
/// the order of ``MessageHeader/CodingKeys``, absent optionals are omitted; strings are quoted by `JSONText`.
public enum HeaderJSONWriter {
    /// The header as UTF-8 JSON bytes.
    public static func bytes(_ header: MessageHeader) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96 + header.id.utf8.count + header.source.utf8.count
            + header.type.rawValue.utf8.count + (header.correlation?.utf8.count ?? 0))
        write(header, into: &out)
        return out
    }

    /// Appends the header's JSON to `out`.
    public static func write(_ header: MessageHeader, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"version":""#.utf8)
        appendInteger(UInt64(max(0, header.version.major)), into: &out)
        out.append(UInt8(ascii: "."))
        appendInteger(UInt64(max(0, header.version.minor)), into: &out)
        out.append(contentsOf: #"","type":"#.utf8)
        JSONText.appendQuoted(header.type.rawValue, to: &out)
        out.append(contentsOf: #","id":"#.utf8)
        JSONText.appendQuoted(header.id, to: &out)
        out.append(contentsOf: #","source":"#.utf8)
        JSONText.appendQuoted(header.source, to: &out)
        if let sequence = header.sequence {
            out.append(contentsOf: #","sequence":"#.utf8)
            appendInteger(sequence, into: &out)
        }
        out.append(contentsOf: #","timestamp":"#.utf8)
        if header.timestamp < 0 {
            out.append(UInt8(ascii: "-"))
        }
        appendInteger(header.timestamp.magnitude, into: &out)
        if let correlation = header.correlation {
            out.append(contentsOf: #","correlation":"#.utf8)
            JSONText.appendQuoted(correlation, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends `value` in decimal (also used by hand-written message bodies).
    public static func appendInteger(_ value: UInt64, into out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            var rest = value
            while rest > 0 {
                digits[count] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
                rest /= 10
                count += 1
            }
            while count > 0 {
                count -= 1
                out.append(digits[count])
            }
        }
    }
}
