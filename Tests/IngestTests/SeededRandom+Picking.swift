import KechuangTestSupport

/// Choices the ingest property tests make from a seeded sequence.
extension SeededRandom {
    /// One of `values`.
    mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }
    /// A coin toss.
    mutating func maybe() -> Bool { next() % 2 == 0 }
}
