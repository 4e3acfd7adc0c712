import Foundation
import KechuangTestSupport
import Messaging
import Testing
@testable import Streams

/// ``RecentEntries``: whatever order commits are reported in, whatever the cache kept or dropped, the owner that
/// takes from it and reads the log for the rest publishes every entry once, in order, byte for byte the log's.
@Suite struct RecentEntriesTests {
    static func entry(_ sequence: UInt64, size: Int = 10) -> StoredEnvelope {
        StoredEnvelope(
            sequence: sequence, topic: Topic("test.fact"), header: Data("{\"seq\":\(sequence)}".utf8),
            body: Data(repeating: UInt8(sequence % 251), count: size))
    }

    @Test func takesTheRunThatStartsAtTheNextSequence() {
        var recent = RecentEntries(maxEntries: 100, maxBytes: 1 << 20)
        recent.insert((4...6).map { Self.entry($0) })
        #expect(recent.take(after: 0, through: 6, limit: 10).isEmpty, "1 is not held: read the log")
        recent.insert((1...3).map { Self.entry($0) })
        #expect(recent.take(after: 0, through: 5, limit: 10).map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(recent.take(after: 5, through: 6, limit: 10).map(\.sequence) == [6])
        #expect(recent.entries.isEmpty && recent.bytes == 0)
        recent.insert((2...7).map { Self.entry($0) })
        #expect(recent.entries.map(\.sequence) == [7], "entries already taken are stale")
        #expect(recent.take(after: 9, through: 12, limit: 10).isEmpty)
        #expect(recent.entries.isEmpty, "the owner published past 7 from the log")
    }

    @Test func keepsWithinItsBounds() {
        var recent = RecentEntries(maxEntries: 3, maxBytes: 1 << 20)
        recent.insert((1...5).map { Self.entry($0) })
        #expect(recent.entries.map(\.sequence) == [1, 2, 3])
        var small = RecentEntries(maxEntries: 100, maxBytes: 2 * Self.entry(1).byteCount)
        small.insert((1...5).map { Self.entry($0) })
        #expect(small.entries.map(\.sequence) == [1, 2])
        #expect(small.bytes == 2 * Self.entry(1).byteCount)
    }

    @Test func randomReportsConvergeToTheLogInOrder() {
        for seed in UInt64(1)...300 {
            var g = SeededRandom(seed: seed)
            let count = 1 + Int(g.next() % 400)
            let log = (1...UInt64(count)).map { Self.entry($0, size: 1 + Int(g.next() % 40)) }
            var recent = RecentEntries(maxEntries: 1 + Int(g.next() % 64), maxBytes: 40 + Int(g.next() % 2_000))
            // Commits of random sizes, reported in a shuffled order (a group commit's callers race), some with
            // their entries and some without.
            var commits: [ArraySlice<StoredEnvelope>] = []
            var start = 0
            while start < count {
                let end = min(count, start + 1 + Int(g.next() % 30))
                commits.append(log[start..<end])
                start = end
            }
            var pending = commits
            for index in pending.indices.reversed() where g.next() % 3 == 0 && index > 0 {
                pending.swapAt(index, index - 1)
            }
            var head: UInt64 = 0
            var published: [StoredEnvelope] = []
            var logReads = 0
            func publishStep() {
                let from = UInt64(published.count)
                guard head > from else { return }
                let limit = 1 + Int(g.next() % 16)
                var entries = recent.take(after: from, through: head, limit: min(limit, Int(head - from)))
                if entries.isEmpty {
                    logReads += 1
                    entries = Array(log[Int(from)..<min(Int(head), Int(from) + limit)])
                }
                published += entries.filter { $0.sequence <= head }
            }
            while !pending.isEmpty || published.count < count {
                if !pending.isEmpty, g.next() % 2 == 0 {
                    let commit = pending.removeFirst()
                    if g.next() % 5 != 0 { recent.insert(Array(commit)) }
                    head = max(head, commit.last?.sequence ?? 0)
                } else {
                    publishStep()
                }
                #expect(recent.entries.count <= recent.maxEntries && recent.bytes <= recent.maxBytes)
                #expect(recent.bytes == recent.entries.reduce(0) { $0 + $1.byteCount })
                #expect(zip(recent.entries, recent.entries.dropFirst()).allSatisfy { $0.sequence < $1.sequence })
            }
            #expect(published == log, "seed \(seed): \(published.map(\.sequence).prefix(20))")
            if published != log { return }
        }
    }
}
