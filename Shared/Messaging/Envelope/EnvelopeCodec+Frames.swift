import Foundation
import ZeroMQ

extension EnvelopeCodec {
    /// Encodes `message` as the three frames `[topic, header, body]`.
    /// - Throws: ``EnvelopeError/unexpectedType(expected:actual:)`` or ``EnvelopeError/encodingFailed(type:reason:)``.
    public static func encode<M: WireMessage>(_ message: M, header: MessageHeader) throws(EnvelopeError) -> [Frame] {
        guard header.type == M.messageType else {
            throw .unexpectedType(expected: M.messageType, actual: header.type)
        }
        let body: Frame
        do {
            body = Frame(try FastJSONEncoder.encode(message))
        } catch is FastJSONEncoder.Unsupported {
            body = Frame(try encodeBodyWithFoundation(message))
        } catch {
            throw .encodingFailed(type: M.messageType, reason: String(describing: error))
        }
        return [Frame(string: message.topic.rawValue), Frame(encodeHeader(header)), body]
    }

    /// The three frames of `envelope`.
    public static func frames(_ envelope: Envelope) -> [Frame] {
        [Frame(string: envelope.topic.rawValue), Frame(encodeHeader(envelope.header)), Frame(envelope.body)]
    }

    /// The three frames of a stored log entry, exactly as they were published.
    public static func frames(_ stored: StoredEnvelope) -> [Frame] {
        [Frame(string: stored.topic.rawValue), Frame(stored.header), Frame(stored.body)]
    }

    /// Decodes a received multipart message.
    /// - Throws: ``EnvelopeError/wrongFrameCount(expected:actual:)`` unless there are exactly 3 frames, then
    ///   as ``decode(topic:header:body:registry:)``.
    public static func decode(_ frames: [Frame], registry: MessageRegistry? = nil) throws(EnvelopeError) -> Envelope {
        try decode(frames[...], registry: registry)
    }

    /// Decodes the envelope part of a multipart message (e.g. after a ROUTER's routing frames).
    public static func decode(_ frames: ArraySlice<Frame>, registry: MessageRegistry? = nil) throws(EnvelopeError)
        -> Envelope
    {
        guard frames.count == frameCount else {
            throw .wrongFrameCount(expected: frameCount, actual: frames.count)
        }
        let start = frames.startIndex
        let result: Result<Envelope, EnvelopeError> = frames[start].withUnsafeBytes { topic in
            frames[start + 1].withUnsafeBytes { header in
                Result { () throws(EnvelopeError) -> Envelope in
                    try decode(topic: topic, header: header, body: frames[start + 2].data, registry: registry)
                }
            }
        }
        return try result.get()
    }
}
