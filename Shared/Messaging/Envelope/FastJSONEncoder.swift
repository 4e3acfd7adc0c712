import Foundation
import JSONText

/// A streaming JSON encoder for message bodies: `Encodable` values are written straight into a byte buffer,
/// without the intermediate tree Foundation's `JSONEncoder` builds. Output is compact JSON with keys in
/// encoding order, matching `JSONEncoder`'s default strategies (`Data` as base64, `URL` as its absolute
/// string, `Date` as its `Encodable` form, `Decimal` as a JSON number, nil optionals omitted by
/// `encodeIfPresent`, no escaping of `/`). Strings are quoted by `JSONText` (which, unlike `JSONEncoder`, also
/// escapes U+2028/U+2029; both spellings decode to the same string).
///
/// Nested containers (what synthesized `Codable` of enums with associated values uses) are written in place and
/// closed when their parent writes its next element or finishes. Patterns a streaming writer cannot follow (writing
/// to a nested container after its parent moved on, super encoders, asking one encoder for two containers) make
/// ``encode(_:)`` throw ``Unsupported``; callers then use `JSONEncoder`.
enum FastJSONEncoder {
    /// The value needs `JSONEncoder`.
    struct Unsupported: Error {}

    /// The JSON bytes of `value`.
    /// - Throws: ``Unsupported``, or `EncodingError.invalidValue` for non-finite numbers.
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let output = JSONOutput()
        output.bytes.reserveCapacity(256)
        try output.encodeValue(value, parent: nil, key: nil)
        return output.bytes
    }
}

/// The byte buffer shared by all containers of one encoding.
final class JSONOutput {
    var bytes: [UInt8] = []
    var unsupported = false
    /// Nested containers still open, innermost last; each is closed when an encoder below it writes or finishes.
    var openNested: [StreamingEncoder] = []

    /// Closes (innermost first) the nested containers at stack positions `base` and above.
    func closeNested(from base: Int) {
        while openNested.count > base, let innermost = openNested.popLast() {
            innermost.closeAsNested()
        }
    }

    @inline(__always) func append(_ byte: UInt8) { bytes.append(byte) }

    func appendLiteral(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    func appendString(_ text: String) {
        JSONText.appendQuoted(text, to: &bytes)
    }

    func appendInteger<I: BinaryInteger>(_ value: I) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        HeaderJSONWriter.appendInteger(UInt64(value.magnitude), into: &bytes)
    }

    func appendFloatingPoint<F: BinaryFloatingPoint & LosslessStringConvertible>(
        _ value: F, codingPath: @autoclosure () -> [any CodingKey]
    ) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: codingPath(), debugDescription: "non-finite number \(value)"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes any encodable value, with fast paths for common leaf types. The value sits at `key` of `parent`'s
    /// container (`nil`: the root, or an element of an unkeyed container); its coding path is only built when asked
    /// for (an error, or the value's own `encode(to:)` reading it) — building it per value was an allocation per
    /// field.
    func encodeValue<T: Encodable>(_ value: T, parent: StreamingEncoder?, key: (any CodingKey)?) throws {
        // The common leaf types by their static type first: one successful cast instead of a chain of failing ones.
        if T.self == Decimal.self, let decimal = value as? Decimal {
            try appendDecimal(decimal, parent: parent, key: key)
            return
        }
        // Dynamic casts are costly: a concrete type that is none of the leaf types goes straight to its own
        // `encode(to:)` (existentials and class hierarchies still take the casting path below).
        if T.self != String.self && T.self != Int.self && T.self != Bool.self && T.self != Double.self
            && T.self != UInt64.self && T.self != Int64.self && T.self != Decimal.self && T.self != Data.self
            && T.self != URL.self && type(of: value) == T.self
        {
            let encoder = StreamingEncoder(output: self, parent: parent, key: key)
            try value.encode(to: encoder)
            try encoder.finish()
            if unsupported { throw FastJSONEncoder.Unsupported() }
            return
        }
        switch value {
        case let string as String: appendString(string)
        case let int as Int: appendInteger(int)
        case let bool as Bool: appendLiteral(bool ? "true" : "false")
        case let double as Double: try appendFloatingPoint(double, codingPath: StreamingEncoder.path(parent, key))
        case let uint64 as UInt64: appendInteger(uint64)
        case let int64 as Int64: appendInteger(int64)
        case let decimal as Decimal: try appendDecimal(decimal, parent: parent, key: key)
        case let data as Data: appendString(data.base64EncodedString())
        case let url as URL: appendString(url.absoluteString)
        default:
            let encoder = StreamingEncoder(output: self, parent: parent, key: key)
            try value.encode(to: encoder)
            try encoder.finish()
        }
        if unsupported { throw FastJSONEncoder.Unsupported() }
    }

    private func appendDecimal(_ decimal: Decimal, parent: StreamingEncoder?, key: (any CodingKey)?) throws {
        guard decimal.isFinite else {
            throw EncodingError.invalidValue(
                decimal, EncodingError.Context(
                    codingPath: StreamingEncoder.path(parent, key), debugDescription: "non-finite Decimal"))
        }
        JSONDecimal.append(decimal, to: &bytes)
    }
}

/// The `Encoder` for one value: writes the opening bracket when a container is requested and the closing one
/// in ``finish()``.
final class StreamingEncoder: Encoder {
    enum Opened { case none, keyed, unkeyed, single }

    let output: JSONOutput
    /// The encoder whose container holds this value (`nil` at the root), and the value's key there.
    let parent: StreamingEncoder?
    let key: (any CodingKey)?
    var codingPath: [any CodingKey] { Self.path(parent, key) }

    /// The coding path of the value at `key` of `parent`'s container.
    static func path(_ parent: StreamingEncoder?, _ key: (any CodingKey)?) -> [any CodingKey] {
        var path = parent?.codingPath ?? []
        if let key { path.append(key) }
        return path
    }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var opened = Opened.none
    /// Elements written so far in the open container (for commas and `count`).
    var count = 0
    /// Nested containers at this position of ``JSONOutput/openNested`` and above belong to this encoder's value.
    let nestedBase: Int
    /// For a nested container: closed because its parent moved on (writing to it now cannot be streamed).
    var closed = false

    init(output: JSONOutput, parent: StreamingEncoder?, key: (any CodingKey)?) {
        self.output = output
        self.parent = parent
        self.key = key
        nestedBase = output.openNested.count
    }

    /// A nested container's encoder, pushed on the open stack (its own nested containers go above it).
    private init(nestedIn output: JSONOutput, parent: StreamingEncoder, key: (any CodingKey)?) {
        self.output = output
        self.parent = parent
        self.key = key
        nestedBase = output.openNested.count + 1
    }

    /// Opens a nested container of this encoder's container: `open` writes the parent's key or separator first
    /// (which closes earlier nested containers), then the child is pushed and opened.
    func nested(key: (any CodingKey)?, open: () -> Void) -> StreamingEncoder {
        open()
        let child = StreamingEncoder(nestedIn: output, parent: self, key: key)
        output.openNested.append(child)
        return child
    }

    /// Writes the closing bracket of a nested container its parent moved on from.
    func closeAsNested() {
        output.closeNested(from: nestedBase)
        switch opened {
        case .keyed: output.append(UInt8(ascii: "}"))
        case .unkeyed: output.append(UInt8(ascii: "]"))
        case .none, .single: output.unsupported = true
        }
        closed = true
    }

    /// A throwaway encoder for unsupported requests (its output is discarded; the encoding falls back).
    func unsupportedEncoder() -> StreamingEncoder {
        output.unsupported = true
        return StreamingEncoder(output: JSONOutput(), parent: parent, key: key)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        guard opened == .none else {
            return unsupportedEncoder().container(keyedBy: type)
        }
        opened = .keyed
        output.append(UInt8(ascii: "{"))
        return KeyedEncodingContainer(StreamingKeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        guard opened == .none else {
            return unsupportedEncoder().unkeyedContainer()
        }
        opened = .unkeyed
        output.append(UInt8(ascii: "["))
        return StreamingUnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        guard opened == .none else {
            return unsupportedEncoder().singleValueContainer()
        }
        opened = .single
        return StreamingSingleValueContainer(encoder: self)
    }

    /// Closes what was opened (`{}` when the value encoded nothing, as `JSONEncoder` does).
    func finish() throws {
        output.closeNested(from: nestedBase)
        switch opened {
        case .none: output.appendLiteral("{}")
        case .keyed: output.append(UInt8(ascii: "}"))
        case .unkeyed: output.append(UInt8(ascii: "]"))
        case .single: if count != 1 { throw FastJSONEncoder.Unsupported() }
        }
    }

    /// Writes the separator before the next element.
    func nextElement() {
        if closed { output.unsupported = true }
        output.closeNested(from: nestedBase)
        if count > 0 { output.append(UInt8(ascii: ",")) }
        count += 1
    }
}

/// Keyed container writing `"key":value` pairs.
struct StreamingKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func key(_ key: Key) {
        encoder.nextElement()
        encoder.output.appendString(key.stringValue)
        encoder.output.append(UInt8(ascii: ":"))
    }

    mutating func encodeNil(forKey key: Key) throws { self.key(key); encoder.output.appendLiteral("null") }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        self.key(key); encoder.output.appendLiteral(value ? "true" : "false")
    }
    mutating func encode(_ value: String, forKey key: Key) throws { self.key(key); encoder.output.appendString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        self.key(key); try encoder.output.appendFloatingPoint(value, codingPath: codingPath + [key])
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        self.key(key); try encoder.output.appendFloatingPoint(value, codingPath: codingPath + [key])
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { self.key(key); encoder.output.appendInteger(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { self.key(key); encoder.output.appendInteger(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { self.key(key); encoder.output.appendInteger(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { self.key(key); encoder.output.appendInteger(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { self.key(key); encoder.output.appendInteger(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { self.key(key); encoder.output.appendInteger(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { self.key(key); encoder.output.appendInteger(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { self.key(key); encoder.output.appendInteger(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { self.key(key); encoder.output.appendInteger(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { self.key(key); encoder.output.appendInteger(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        try encoder.output.encodeValue(value, parent: encoder, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        encoder.nested(key: key) { self.key(key) }.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.nested(key: key) { self.key(key) }.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder.unsupportedEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.unsupportedEncoder() }
}

/// Unkeyed container writing array elements.
struct StreamingUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.count }

    mutating func encodeNil() throws { encoder.nextElement(); encoder.output.appendLiteral("null") }
    mutating func encode(_ value: Bool) throws { encoder.nextElement(); encoder.output.appendLiteral(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { encoder.nextElement(); encoder.output.appendString(value) }
    mutating func encode(_ value: Double) throws {
        encoder.nextElement(); try encoder.output.appendFloatingPoint(value, codingPath: codingPath)
    }
    mutating func encode(_ value: Float) throws {
        encoder.nextElement(); try encoder.output.appendFloatingPoint(value, codingPath: codingPath)
    }
    mutating func encode(_ value: Int) throws { encoder.nextElement(); encoder.output.appendInteger(value) }
    mutating func encode(_ value: Int64) throws { encoder.nextElement(); encoder.output.appendInteger(value) }
    mutating func encode(_ value: UInt64) throws { encoder.nextElement(); encoder.output.appendInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.nextElement()
        try encoder.output.encodeValue(value, parent: encoder, key: nil)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let encoder = encoder
        return encoder.nested(key: nil) { encoder.nextElement() }.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let encoder = encoder
        return encoder.nested(key: nil) { encoder.nextElement() }.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder.unsupportedEncoder() }
}

/// Single-value container: exactly one value.
struct StreamingSingleValueContainer: SingleValueEncodingContainer {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func value() {
        encoder.count += 1
        if encoder.count > 1 { encoder.output.unsupported = true }
    }

    mutating func encodeNil() throws { value(); encoder.output.appendLiteral("null") }
    mutating func encode(_ value: Bool) throws { self.value(); encoder.output.appendLiteral(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { self.value(); encoder.output.appendString(value) }
    mutating func encode(_ value: Double) throws {
        self.value(); try encoder.output.appendFloatingPoint(value, codingPath: codingPath)
    }
    mutating func encode(_ value: Float) throws {
        self.value(); try encoder.output.appendFloatingPoint(value, codingPath: codingPath)
    }
    mutating func encode(_ value: Int) throws { self.value(); encoder.output.appendInteger(value) }
    mutating func encode(_ value: Int8) throws { self.value(); encoder.output.appendInteger(value) }
    mutating func encode(_ value: Int16) throws { self.value(); encoder.output.appendInteger(value) }
    mutating func encode(_ value: Int32) throws { self.value(); encoder.output.appendInteger(value) }
    mutating func encode(_ value: Int64) throws { self.value(); encoder.output.appendInteger(value) }
    mutating func encode(_ value: UInt) throws { self.value(); encoder.output.appendInteger(value) }
    mutating func encode(_ value: UInt8) throws { self.value(); encoder.output.appendInteger(value) }
    mutating func encode(_ value: UInt16) throws { self.value(); encoder.output.appendInteger(value) }
    mutating func encode(_ value: UInt32) throws { self.value(); encoder.output.appendInteger(value) }
    mutating func encode(_ value: UInt64) throws { self.value(); encoder.output.appendInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        self.value()
        try encoder.output.encodeValue(value, parent: encoder, key: nil)
    }
}
