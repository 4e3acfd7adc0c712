extension KeyedDecodingContainer {
    /// Decodes the integer at `key` and requires it to lie in `range`. A JSON number the type cannot hold (negative
    /// for an unsigned field, a fraction, beyond 64 bits) or a value outside `range` throws `dataCorrupted` naming
    /// the key, so the error reply is `invalid_request` with that `field` (Foundation itself reports such numbers
    /// as "not valid JSON" with no field).
    public func decodeInteger<T: FixedWidthInteger & Decodable>(
        _: T.Type, forKey key: Key, in range: ClosedRange<T>
    ) throws -> T {
        let value: T
        do {
            value = try decode(T.self, forKey: key)
        } catch DecodingError.dataCorrupted {
            throw outOfRange(key, range)
        }
        guard range.contains(value) else { throw outOfRange(key, range) }
        return value
    }

    /// ``decodeInteger(_:forKey:in:)`` for an optional field (absent or `null` → `nil`).
    public func decodeIntegerIfPresent<T: FixedWidthInteger & Decodable>(
        _: T.Type, forKey key: Key, in range: ClosedRange<T>
    ) throws -> T? {
        let value: T?
        do {
            value = try decodeIfPresent(T.self, forKey: key)
        } catch DecodingError.dataCorrupted {
            throw outOfRange(key, range)
        }
        guard let value else { return nil }
        guard range.contains(value) else { throw outOfRange(key, range) }
        return value
    }

    private func outOfRange<T: FixedWidthInteger>(_ key: Key, _ range: ClosedRange<T>) -> DecodingError {
        DecodingError.dataCorruptedError(
            forKey: key, in: self,
            debugDescription: "must be an integer from \(range.lowerBound) to \(range.upperBound)")
    }
}
