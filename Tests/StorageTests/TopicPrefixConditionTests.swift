import Foundation
import GRDB
import KechuangTestSupport
import Testing
@testable import Storage

/// ``TopicPrefixCondition`` selects exactly the rows whose text starts with the prefix (byte for byte, as
/// `substr` did), and lets SQLite answer from the column's index.
@Suite struct TopicPrefixConditionTests {
    static let pieces = ["score", ".", "enterprise", "9132058", "A", "z", "/", "-", "研发", "é", "e\u{301}", "~", "\u{7F}", "0"]

    static func topic(_ random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...5, using: &random)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &random)] }.joined()
    }

    @Test func selectsExactlyTheRowsStartingWithThePrefix() throws {
        let queue = try DatabaseQueue()
        var random = SeededRandom(seed: 31)
        let topics = (0..<400).map { _ in Self.topic(&random) }
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE entry (id INTEGER PRIMARY KEY, topic TEXT NOT NULL)")
            try db.execute(sql: "CREATE INDEX entry_topic ON entry(topic)")
            for (id, topic) in topics.enumerated() {
                try db.execute(sql: "INSERT INTO entry (id, topic) VALUES (?, ?)", arguments: [id, topic])
            }
        }
        for _ in 0..<300 {
            // Prefixes of stored topics (cut at a scalar boundary), and random ones.
            let prefix: String
            if Bool.random(using: &random), let stored = topics.randomElement(using: &random) {
                let scalars = Array(stored.unicodeScalars)
                var cut = String.UnicodeScalarView()
                cut.append(contentsOf: scalars.prefix(Int.random(in: 0...scalars.count, using: &random)))
                prefix = String(cut)
            } else {
                prefix = Self.topic(&random)
            }
            let condition = TopicPrefixCondition(column: "topic", prefix: prefix)
            let selected = try queue.read { db in
                try Int.fetchAll(db, sql: "SELECT id FROM entry WHERE \(condition.sql) ORDER BY id", arguments: condition.arguments)
            }
            let expected = topics.indices.filter { Array(topics[$0].utf8).starts(with: prefix.utf8) }
            #expect(selected == expected, "prefix \(prefix.debugDescription)")
        }
    }

    @Test func anASCIIEndedPrefixIsARangeOnTheIndex() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE entry (sequence INTEGER PRIMARY KEY, topic TEXT NOT NULL)")
            try db.execute(sql: "CREATE INDEX entry_topic ON entry(topic, sequence)")
        }
        let condition = TopicPrefixCondition(column: "topic", prefix: "score.enterprise.91320582MA1XYZ0001.")
        let plan = try queue.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN SELECT sequence FROM entry WHERE \(condition.sql) ORDER BY sequence DESC",
                arguments: condition.arguments
            ).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("USING INDEX entry_topic") || $0.contains("USING COVERING INDEX entry_topic") }, "\(plan)")
    }
}
