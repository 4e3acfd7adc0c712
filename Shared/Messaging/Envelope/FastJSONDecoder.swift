import Foundation
import JSONText

/// A JSON decoder for message bodies and event lines that is faster than Foundation's `JSONDecoder` on them, with
/// `JSONDecoder` as its safety net: ``decode(_:from:)`` gives a value only when it is certain `JSONDecoder` (default
/// strategies) would give the same one, and `nil` otherwise — the caller then decodes with `JSONDecoder`, which
/// also produces the error for bad input. So errors, and every rarely used path, stay exactly Foundation's.
///
/// Why our own: `JSONDecoder` was 27 % of the metrics service's CPU per applied ingest event and 14 % of ingest's per
/// one-event document (`perf record`, docs/performance.md, "Per-event cost"); decoding the same values here costs a
/// fraction of that (`kechuang-benchmarks envelope`, `envelope.decode_fast`).
///
/// Certainty rules: the input must be strict JSON (``FastJSONValue/parse(_:)``; duplicate member names included);
/// any error thrown by this decoder at any depth — even one the decoded type catches to try an alternative —
/// discards the result; `Date`, `Data`, `URL`, `Float` and `Decimal` (which `JSONDecoder` treats specially) are
/// left to it, except a `Decimal` from a plain JSON number of at most 19 digits (`JSONDecimal.parsePlain`, byte for
/// byte `JSONDecoder`'s value); integers only from plain digits (`-?[0-9]+`), doubles only finite and normal; coding paths are not kept
/// (they only matter in errors, which come from `JSONDecoder`).
public enum FastJSONDecoder {
    /// `value` decoded from `bytes`, or `nil` when `JSONDecoder` must decide.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) -> T? {
        guard let root = FastJSONValue.parse(bytes) else { return nil }
        return decode(type, from: root)
    }

    /// `value` decoded from a parsed tree, or `nil` when `JSONDecoder` must decide.
    static func decode<T: Decodable>(_ type: T.Type, from root: FastJSONValue) -> T? {
        let state = FastDecodingState()
        do {
            let value = try FastValueDecoder(value: root, state: state).decodeValue(type)
            return state.failed ? nil : value
        } catch {
            return nil
        }
    }

    /// The same for `Data`.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) -> T? {
        data.withUnsafeBytes { decode(type, from: $0) }
    }
}

/// Shared by every container of one decoding: set once anything was thrown.
final class FastDecodingState {
    var failed = false

    /// Records the failure and returns the error to throw.
    func fail(_ what: String = "not decodable by the fast path") -> any Error {
        failed = true
        return DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: what))
    }
}

/// A `Decoder` over one ``FastJSONValue``.
struct FastValueDecoder: Decoder {
    let value: FastJSONValue
    let state: FastDecodingState

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw state.fail("expected an object") }
        return KeyedDecodingContainer(FastKeyedContainer<Key>(members: members, state: state))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw state.fail("expected an array") }
        return FastUnkeyedContainer(elements: elements, state: state)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        FastSingleValueContainer(value: value, state: state)
    }

    /// Decodes `type` from this value, routing the primitives and refusing the types `JSONDecoder` special-cases.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if type == String.self, case .string(let text) = value, let result = text as? T { return result }
        if type == Decimal.self, case .number(let text) = value, let decimal = JSONDecimal.parsePlain(text),
           let result = decimal as? T {
            return result
        }
        if type == Date.self || type == Data.self || type == URL.self || type == Decimal.self || type == Float.self {
            throw state.fail("left to JSONDecoder")
        }
        return try T(from: self)
    }
}

/// The primitive conversions, shared by the three container kinds.
extension FastJSONValue {
    func bool(_ state: FastDecodingState) throws -> Bool {
        guard case .bool(let flag) = self else { throw state.fail("expected a boolean") }
        return flag
    }

    func string(_ state: FastDecodingState) throws -> String {
        guard case .string(let text) = self else { throw state.fail("expected a string") }
        return text
    }

    func integer<I: FixedWidthInteger>(_: I.Type, _ state: FastDecodingState) throws -> I {
        guard case .number(let text) = self,
              !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
              I.isSigned || text.utf8.first != UInt8(ascii: "-"), let integer = I(text, radix: 10)
        else { throw state.fail("expected an integer") }
        return integer
    }

    /// Only finite normal values, or a zero written with zero digits only: underflow and subnormals (which
    /// `JSONDecoder` may refuse, as it does `1e-9999`) are left to it.
    func double(_ state: FastDecodingState) throws -> Double {
        guard case .number(let text) = self, let number = Double(text), number.isFinite else {
            throw state.fail("expected a finite number")
        }
        if number.magnitude < Double.leastNormalMagnitude {
            let significand = text.utf8.prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
            guard number == 0, !significand.contains(where: { (UInt8(ascii: "1")...UInt8(ascii: "9")).contains($0) }) else {
                throw state.fail("number underflows")
            }
        }
        return number
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

struct FastKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(key: String, value: FastJSONValue)]
    let state: FastDecodingState

    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    private func find(_ key: Key) -> FastJSONValue? {
        let name = key.stringValue
        for member in members where member.key == name { return member.value }
        return nil
    }

    private func require(_ key: Key) throws -> FastJSONValue {
        guard let value = find(key) else { throw state.fail("missing key") }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try require(key).isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try require(key).bool(state) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try require(key).string(state) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try require(key).double(state) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw state.fail("left to JSONDecoder") }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try require(key).integer(type, state) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try require(key).integer(type, state) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try require(key).integer(type, state) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try require(key).integer(type, state) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try require(key).integer(type, state) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try require(key).integer(type, state) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try require(key).integer(type, state) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try require(key).integer(type, state) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try require(key).integer(type, state) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try require(key).integer(type, state) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try FastValueDecoder(value: require(key), state: state).decodeValue(type)
    }

    // `decodeIfPresent` with one lookup: the standard library's default asks `contains`, `decodeNil` and `decode`,
    // three scans of the members for every optional field. Same answers: absent or null → nil, else `decode`.

    /// The member at `key` unless it is absent or null.
    private func present(_ key: Key) -> FastJSONValue? {
        guard let value = find(key), !value.isNull else { return nil }
        return value
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key)?.bool(state) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key)?.string(state) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key)?.double(state) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        guard present(key) != nil else { return nil }
        throw state.fail("left to JSONDecoder")
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key)?.integer(type, state) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present(key)?.integer(type, state) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present(key)?.integer(type, state) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present(key)?.integer(type, state) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(key)?.integer(type, state) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present(key)?.integer(type, state) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present(key)?.integer(type, state) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present(key)?.integer(type, state) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present(key)?.integer(type, state) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present(key)?.integer(type, state) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = present(key) else { return nil }
        return try FastValueDecoder(value: value, state: state).decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try FastValueDecoder(value: require(key), state: state).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try FastValueDecoder(value: require(key), state: state).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { throw state.fail("super decoders are left to JSONDecoder") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw state.fail("super decoders are left to JSONDecoder") }
}

struct FastUnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [FastJSONValue]
    let state: FastDecodingState
    private(set) var currentIndex = 0

    init(elements: [FastJSONValue], state: FastDecodingState) {
        self.elements = elements
        self.state = state
    }

    var codingPath: [any CodingKey] { [] }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> FastJSONValue {
        guard currentIndex < elements.count else { throw state.fail("unkeyed container is at its end") }
        defer { currentIndex += 1 }
        return elements[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < elements.count else { throw state.fail("unkeyed container is at its end") }
        if elements[currentIndex].isNull {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().bool(state) }
    mutating func decode(_ type: String.Type) throws -> String { try next().string(state) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().double(state) }
    mutating func decode(_ type: Float.Type) throws -> Float { throw state.fail("left to JSONDecoder") }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().integer(type, state) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().integer(type, state) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().integer(type, state) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().integer(type, state) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().integer(type, state) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next().integer(type, state) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().integer(type, state) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().integer(type, state) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().integer(type, state) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().integer(type, state) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try FastValueDecoder(value: next(), state: state).decodeValue(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try FastValueDecoder(value: next(), state: state).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try FastValueDecoder(value: next(), state: state).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { throw state.fail("super decoders are left to JSONDecoder") }
}

struct FastSingleValueContainer: SingleValueDecodingContainer {
    let value: FastJSONValue
    let state: FastDecodingState

    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try value.bool(state) }
    func decode(_ type: String.Type) throws -> String { try value.string(state) }
    func decode(_ type: Double.Type) throws -> Double { try value.double(state) }
    func decode(_ type: Float.Type) throws -> Float { throw state.fail("left to JSONDecoder") }
    func decode(_ type: Int.Type) throws -> Int { try value.integer(type, state) }
    func decode(_ type: Int8.Type) throws -> Int8 { try value.integer(type, state) }
    func decode(_ type: Int16.Type) throws -> Int16 { try value.integer(type, state) }
    func decode(_ type: Int32.Type) throws -> Int32 { try value.integer(type, state) }
    func decode(_ type: Int64.Type) throws -> Int64 { try value.integer(type, state) }
    func decode(_ type: UInt.Type) throws -> UInt { try value.integer(type, state) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try value.integer(type, state) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try value.integer(type, state) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try value.integer(type, state) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try value.integer(type, state) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try FastValueDecoder(value: value, state: state).decodeValue(type)
    }
}
