import Foundation

/// Converts between messages, ``Envelope``s and the three wire frames `[topic, header JSON, body JSON]`.
///
/// Headers use a hand-written fast path (``HeaderJSONWriter`` / a purpose-built scanner with a
/// `JSONDecoder` fallback); bodies use shared Foundation coders and are decoded only on demand.
/// Frame-level functions working on ZeroMQ frames are in `EnvelopeCodec+Frames.swift`.
public enum EnvelopeCodec {
    /// Number of frames in an envelope.
    public static let frameCount = 3

    // MARK: Encoding

    /// The JSON body of `message`.
    /// Uses the streaming ``FastJSONEncoder`` and falls back to `JSONEncoder` for patterns it cannot stream.
    public static func encodeBody<M: WireMessage>(_ message: M) throws(EnvelopeError) -> Data {
        do {
            return Data(try FastJSONEncoder.encode(message))
        } catch is FastJSONEncoder.Unsupported {
            return try encodeBodyWithFoundation(message)
        } catch {
            throw .encodingFailed(type: M.messageType, reason: String(describing: error))
        }
    }

    /// The JSON body of `message` from Foundation's `JSONEncoder` (the reference for ``encodeBody(_:)``).
    public static func encodeBodyWithFoundation<M: WireMessage>(_ message: M) throws(EnvelopeError) -> Data {
        do {
            return try JSONCoders.encoder.encode(message)
        } catch {
            throw .encodingFailed(type: M.messageType, reason: String(describing: error))
        }
    }

    /// The header frame's bytes.
    public static func encodeHeader(_ header: MessageHeader) -> [UInt8] {
        HeaderJSONWriter.bytes(header)
    }

    /// The three frames of `envelope` as byte arrays.
    public static func encodeParts(_ envelope: Envelope) -> [Data] {
        [Data(envelope.topic.rawValue.utf8), Data(encodeHeader(envelope.header)), envelope.body]
    }

    // MARK: Decoding

    /// Parses a header frame.
    /// - Throws: ``EnvelopeError/invalidUTF8(_:)``, ``EnvelopeError/invalidJSON(_:detail:)``,
    ///   ``EnvelopeError/invalidHeader(field:reason:)`` or ``EnvelopeError/unsupportedVersion(_:)``.
    public static func decodeHeader(_ bytes: UnsafeRawBufferPointer) throws(EnvelopeError) -> MessageHeader {
        let header: MessageHeader
        switch HeaderJSONScanner.scan(bytes) {
        case let .header(parsed):
            header = parsed
        case .invalidUTF8:
            throw .invalidUTF8(.header)
        case .fallback:
            header = try decodeHeaderWithFoundation(bytes)
        }
        try validate(header)
        return header
    }

    /// Parses a header frame.
    public static func decodeHeader(_ data: Data) throws(EnvelopeError) -> MessageHeader {
        let result: Result<MessageHeader, EnvelopeError> = data.withUnsafeBytes { raw in
            Result { () throws(EnvelopeError) -> MessageHeader in try decodeHeader(raw) }
        }
        return try result.get()
    }

    /// Parses a header with `JSONDecoder` only (the reference the fast path must agree with; also
    /// the baseline in benchmarks). Applies the same validation as ``decodeHeader(_:)-(Data)``.
    public static func decodeHeaderWithFoundation(_ bytes: UnsafeRawBufferPointer) throws(EnvelopeError)
        -> MessageHeader
    {
        // Foundation does not validate UTF-8 inside values it skips (unknown keys), so check first.
        guard HeaderJSONScanner.string(bytes) != nil else { throw .invalidUTF8(.header) }
        // Foundation accepts a byte-order mark and trailing commas; §5 does not.
        if let problem = StrictJSON.check(bytes) { throw .invalidJSON(.header, detail: problem.description) }
        let data = Data(bytes)
        let header: MessageHeader
        do {
            header = try JSONCoders.decoder.decode(MessageHeader.self, from: data)
        } catch let error as DecodingError {
            throw mapDecodingError(error, frame: .header, data: data, type: nil)
        } catch {
            throw .invalidJSON(.header, detail: String(describing: error))
        }
        try validate(header)
        return header
    }

    /// The `id` of a request whose header was refused (unsupported version, a bad or missing field …), whenever the
    /// header is a JSON object with a non-empty string `id`, so the error reply still carries the request's
    /// `correlation` (§6.2). Headers above 64 KiB are not searched.
    public static func readableID(inHeader data: Data) -> String? {
        if let header = try? decodeHeader(data) { return header.id }
        guard data.count <= 64 * 1024,
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let id = object["id"] as? String, !id.isEmpty
        else { return nil }
        return id
    }

    /// Decodes a topic frame.
    public static func decodeTopic(_ bytes: UnsafeRawBufferPointer) throws(EnvelopeError) -> Topic {
        guard let text = HeaderJSONScanner.string(bytes) else { throw .invalidUTF8(.topic) }
        return Topic(text)
    }

    /// Decodes an envelope from its three frames' bytes. The body is kept raw (see ``Envelope/decode(_:)``).
    /// - Parameter registry: when given, a header type outside it is ``EnvelopeError/unknownType(_:)``.
    public static func decode(
        topic: UnsafeRawBufferPointer, header: UnsafeRawBufferPointer, body: Data,
        registry: MessageRegistry? = nil
    ) throws(EnvelopeError) -> Envelope {
        let decodedTopic = try decodeTopic(topic)
        let decodedHeader = try decodeHeader(header)
        if let registry, !registry.contains(decodedHeader.type) {
            throw .unknownType(decodedHeader.type)
        }
        return Envelope(topic: decodedTopic, header: decodedHeader, body: body)
    }

    /// Decodes an envelope from a multipart message given as byte buffers.
    /// - Throws: ``EnvelopeError/wrongFrameCount(expected:actual:)`` unless there are exactly 3 parts,
    ///   then as ``decode(topic:header:body:registry:)``.
    public static func decode(parts: [Data], registry: MessageRegistry? = nil) throws(EnvelopeError) -> Envelope {
        guard parts.count == frameCount else {
            throw .wrongFrameCount(expected: frameCount, actual: parts.count)
        }
        let result: Result<Envelope, EnvelopeError> = parts[0].withUnsafeBytes { topic in
            parts[1].withUnsafeBytes { header in
                Result { () throws(EnvelopeError) -> Envelope in
                    try decode(topic: topic, header: header, body: parts[2], registry: registry)
                }
            }
        }
        return try result.get()
    }

    /// Decodes a body as `M` (no header type check; see ``Envelope/decode(_:)``).
    public static func decodeBody<M: Decodable>(_: M.Type, from body: Data, type: MessageType) throws(EnvelopeError)
        -> M
    {
        // Every body is a JSON object (§4); another JSON value is a schema error naming no field.
        let kind = jsonKind(of: body)
        // What `FastJSONDecoder` parses is strict JSON (a subset of what `StrictJSON` accepts:
        // `FastJSONDecoderTests.whatTheFastParserTakesPassesTheStrictCheck`), so an object it decodes needs no
        // separate syntax pass — that pass was 4 % of the metrics catch-up.
        if kind == "an object", let value = FastJSONDecoder.decode(M.self, from: body) { return value }
        let syntax = body.withUnsafeBytes { StrictJSON.check($0) }
        if let syntax {
            if String(validating: body, as: UTF8.self) == nil { throw .invalidUTF8(.body) }
            throw .invalidJSON(.body, detail: syntax.description)
        }
        guard kind == "an object" else { throw .invalidBody(type: type, field: nil, reason: "expected a JSON object, got \(kind)") }
        do {
            return try JSONCoders.decoder.decode(M.self, from: body)
        } catch let error as DecodingError {
            throw mapDecodingError(error, frame: .body, data: body, type: type)
        } catch {
            throw .invalidJSON(.body, detail: String(describing: error))
        }
    }

    // MARK: Helpers

    static func validate(_ header: MessageHeader) throws(EnvelopeError) {
        guard header.version.isSupported else { throw .unsupportedVersion(header.version) }
        guard !header.type.rawValue.isEmpty else { throw .invalidHeader(field: "type", reason: "must not be empty") }
        guard !header.id.isEmpty else { throw .invalidHeader(field: "id", reason: "must not be empty") }
    }

    static func path(_ codingPath: [any CodingKey]) -> String? {
        guard !codingPath.isEmpty else { return nil }
        return codingPath.map { key in
            key.intValue.map { "[\($0)]" } ?? key.stringValue
        }.joined(separator: ".")
    }

    static func mapDecodingError(
        _ error: DecodingError, frame: EnvelopeFrame, data: Data, type: MessageType?
    ) -> EnvelopeError {
        func fieldError(_ field: String?, _ reason: String) -> EnvelopeError {
            if let type {
                return .invalidBody(type: type, field: field, reason: reason)
            }
            return .invalidHeader(field: field ?? "(root)", reason: reason)
        }
        switch error {
        case let .keyNotFound(key, context):
            let parent = path(context.codingPath)
            return fieldError(parent.map { "\($0).\(key.stringValue)" } ?? key.stringValue, "missing")
        case let .typeMismatch(expected, context):
            if context.codingPath.isEmpty {
                let detail = "expected \(jsonName(expected)), got \(jsonKind(of: data))"
                return type == nil ? .invalidJSON(frame, detail: detail) : fieldError(nil, detail)
            }
            return fieldError(path(context.codingPath), "expected \(jsonName(expected))")
        case let .valueNotFound(expected, context):
            if context.codingPath.isEmpty {
                return .invalidJSON(frame, detail: "expected \(jsonName(expected)), got null")
            }
            return fieldError(path(context.codingPath), "expected \(jsonName(expected)), got null")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                if String(validating: data, as: UTF8.self) == nil { return .invalidUTF8(frame) }
                // Syntax was checked first (StrictJSON), so Foundation's "not valid JSON" here is a number no integer
                // field can hold (it reports those without a coding path): name the number's field.
                let number = data.withUnsafeBytes { raw -> String? in
                    guard StrictJSON.check(raw) == nil else { return nil }
                    return StrictJSON.firstNonIntegerNumber(raw)
                }
                if let number {
                    return fieldError(number, "number out of range for this field (expected an integer in range)")
                }
                return .invalidJSON(frame, detail: "not a valid JSON document")
            }
            return fieldError(path(context.codingPath), readableReason(context.debugDescription))
        @unknown default:
            return .invalidJSON(frame, detail: "not a valid JSON document")
        }
    }

    /// The JSON name of what a Swift type decodes from (never the Swift type's own name: replies are read by clients
    /// in any language).
    static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Substring.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is any FixedWidthInteger.Type: return "an integer"
        case is any BinaryFloatingPoint.Type, is Decimal.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Dictionary") || name.hasPrefix("KeyedDecodingContainer") { return "a JSON object" }
            if name.hasPrefix("Array") || name.hasPrefix("UnkeyedDecodingContainer") { return "a JSON array" }
            return "a value of another JSON type"
        }
    }

    /// What kind of JSON value `data` holds, from its first significant byte.
    static func jsonKind(of data: Data) -> String {
        guard let first = data.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) else { return "nothing" }
        switch first {
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
        case UInt8(ascii: "n"): return "null"
        default: return "a number"
        }
    }

    /// Foundation's explanation of a bad value without Swift type names (`Cannot initialize DocumentKind from …`,
    /// `… does not fit in Int.`); Kechuang's own range messages pass through.
    static func readableReason(_ description: String) -> String {
        if description.hasPrefix("Cannot initialize") { return "not one of the accepted values" }
        if description.contains("does not fit") || description.contains("not representable")
            || description.contains("not valid JSON")
        {
            return "number out of range for this field (expected an integer in range)"
        }
        return description
    }
}
