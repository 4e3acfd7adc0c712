import Contracts

/// The summary `kechuang feed` prints: one row per file, totals, then every rejection with its problems.
enum FeedSummary {
    /// Renders `outcomes` as a table followed by totals and rejection details.
    static func render(_ outcomes: [FeedOutcome], elapsedSeconds: Double) -> String {
        var table = TextTable(
            headers: ["文件 file", "类型 kind", "结果 result", "重试 retries", "文档 document", "序号 sequences", "计数 counts"])
        var accepted = 0, duplicates = 0, rejected = 0, failed = 0, retried = 0, retries = 0
        var details: [String] = []
        for outcome in outcomes {
            let kind = outcome.kind.map { "\($0.nameZh) \($0.rawValue)" } ?? "—"
            let retryCell = outcome.retries > 0 ? String(outcome.retries) : ""
            if outcome.retries > 0 {
                retried += 1
                retries += outcome.retries
            }
            switch outcome.result {
            case let .accepted(reply):
                if reply.duplicate { duplicates += 1 } else { accepted += 1 }
                let range = reply.firstSequence.map { first in "\(first)…\(reply.lastSequence ?? first)" } ?? "—"
                let counts = reply.counts.keys.sorted().map { "\($0)=\(reply.counts[$0] ?? 0)" }.joined(separator: " ")
                table.append([
                    outcome.path, kind, reply.duplicate ? "重复 duplicate" : "接收 accepted", retryCell,
                    String(reply.documentID.prefix(16)), range, counts,
                ])
            case let .rejected(reply):
                rejected += 1
                table.append([outcome.path, kind, "拒绝 rejected", retryCell, "—", "—", reply.code.rawValue])
                details.append("拒绝 rejected \(outcome.path): \(reply.code): \(reply.message)")
                for problem in reply.problems.prefix(50) {
                    details.append("  - \(problem)")
                }
                if reply.problems.count > 50 {
                    details.append("  … \(reply.problems.count - 50) more problems")
                }
            case let .failed(reason):
                failed += 1
                table.append([outcome.path, kind, "失败 failed", retryCell, "—", "—", ""])
                let after = outcome.attempts > 1 ? " (after \(outcome.attempts) attempts)" : ""
                details.append("失败 failed \(outcome.path): \(reason)\(after)")
            }
        }
        var text = table.render()
        let rate = elapsedSeconds > 0 ? Double(outcomes.count) / elapsedSeconds : 0
        text += "共 \(outcomes.count) 份 documents: 接收 accepted \(accepted), 重复 duplicate \(duplicates), "
            + "拒绝 rejected \(rejected), 失败 failed \(failed) — \(Self.format(elapsedSeconds)) s, "
            + "\(Self.format(rate)) documents/s\n"
        if retried > 0 {
            text += "重试 retried \(retried) 份 documents (\(retries) retries; resubmission is safe: ingest deduplicates "
                + "by content hash, so a document stored by a lost attempt shows as 重复 duplicate)\n"
        }
        if !details.isEmpty {
            text += details.joined(separator: "\n") + "\n"
        }
        return text
    }

    static func format(_ value: Double) -> String {
        let scaled = (value * 10).rounded() / 10
        return scaled == scaled.rounded() ? String(Int(scaled)) + ".0" : String(scaled)
    }
}
