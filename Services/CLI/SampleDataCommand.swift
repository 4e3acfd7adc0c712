import ArgumentParser
import Foundation

/// `kechuang sample-data`: writes a deterministic synthetic data set (filings, program events, subject records).
struct SampleDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-data",
        abstract: "Write deterministic synthetic filings, program events and subject records (生成样例数据).",
        discussion: """
            Writes filings-2022.csv, filings-2023.jsonl, filings-2024.jsonl, events.jsonl and subjects-2024.csv \
            (records of the other subject kinds: 研发机构, 孵化载体, 高校院所, 人才团队, 镇（区）) into OUTDIR. \
            Enterprises carry valid credit \
            codes under Zhangjiagang's division code 320582 and are spread over the county's towns and parks. The \
            same --enterprises and --seed always produce byte-identical files. Feed them with `kechuang feed OUTDIR`.
            """)

    @Option(help: "Number of enterprises (1…1000000).")
    var enterprises: Int = 200

    @Option(help: "Seed of the generator (same seed, same files).")
    var seed: UInt64 = 2024

    @Argument(help: "Output folder (created if missing).")
    var outdir: String

    func validate() throws {
        guard (1...1_000_000).contains(enterprises) else {
            throw ValidationError("--enterprises must be between 1 and 1000000, got \(enterprises)")
        }
    }

    func run() throws {
        let files = SampleDataGenerator(enterpriseCount: enterprises, seed: seed).generate()
        do {
            try FileManager.default.createDirectory(atPath: outdir, withIntermediateDirectories: true)
        } catch {
            throw CLIError.writeFailed(path: outdir, reason: "\(error)")
        }
        var table = TextTable(headers: ["文件 file", "行数 lines", "字节 bytes"], alignments: [.left, .right, .right])
        for file in files {
            let path = (outdir as NSString).appendingPathComponent(file.name)
            let data = Data(file.content.utf8)
            do {
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw CLIError.writeFailed(path: path, reason: "\(error)")
            }
            let lines = file.content.reduce(into: 0) { count, character in if character == "\n" { count += 1 } }
            table.append([path, String(lines), String(data.count)])
        }
        print("样例数据 sample data: \(enterprises) 家企业 enterprises, seed \(seed)")
        print(table.render(), terminator: "")
    }
}
