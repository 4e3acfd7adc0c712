/// Writes a ``MessageHeader`` as compact JSON with a direct byte writer (no `JSONEncoder`, no
/// intermediate dictionaries). The output is ordinary JSON that any parser reads; keys are written in
/// the order of ``MessageHeader/CodingKeys``, absent optionals are omitted.
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
        appendString(header.type.rawValue, into: &out)
        out.append(contentsOf: #","id":"#.utf8)
        appendString(header.id, into: &out)
        out.append(contentsOf: #","source":"#.utf8)
        appendString(header.source, into: &out)
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
            appendString(correlation, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends `value` in decimal.
    static func appendInteger(_ value: UInt64, into out: inout [UInt8]) {
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

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string literal with the escapes JSON requires.
    static func appendString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Fast path: native strings are contiguous UTF-8; one tight scan, then one bulk copy.
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        if plain == nil && !text.utf8.contains(where: {
            $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
        }) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""):
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "\\"))
            case 0x0A:
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "n"))
            case 0x0D:
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "r"))
            case 0x09:
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
