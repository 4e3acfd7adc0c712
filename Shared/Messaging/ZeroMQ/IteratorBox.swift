/// Holds the single iterator of an `AsyncStream` so an `AsyncStream(unfolding:)` closure can pull from it.
/// Only the one consumer of the derived stream calls ``next()``, never concurrently.
final class IteratorBox<Element: Sendable>: @unchecked Sendable {
    // @unchecked: mutated only from the derived stream's single consumer, one call at a time.
    private var iterator: AsyncStream<Element>.Iterator

    init(_ stream: AsyncStream<Element>) {
        iterator = stream.makeAsyncIterator()
    }

    func next() async -> Element? {
        await iterator.next()
    }
}
