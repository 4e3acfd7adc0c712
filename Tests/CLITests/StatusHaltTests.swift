import Contracts
import Testing
@testable import KechuangCLI

/// `kechuang status` turns a halted follower into a fault: marked in the details and the JSON, exit status 1.
@Suite struct StatusHaltTests {
    @Test func aHaltedFollowerMarksTheProbe() {
        let probe = StatusCommand.Probe(answered: true, details: "已应用 applied 5/5", fields: [("values", "3")])
        let healthy = StatusCommand.withHalts(
            [FollowerHealth(stream: "ingest", phase: "live", lastApplied: 5)], probe)
        #expect(healthy.halted == nil)
        #expect(healthy.details == probe.details)

        let halted = StatusCommand.withHalts(
            [FollowerHealth(stream: "ingest", phase: "halted", halt: "owner_behind", ownerHead: 3, lastApplied: 5)], probe)
        #expect(halted.halted?.contains("ingest: owner_behind (owner head 3 < applied 5)") == true)
        #expect(halted.details.hasPrefix("已停止应用 HALTED"))
        #expect(halted.fields.contains { $0.0 == "halted" && $0.1.contains("owner_behind") })
        #expect(StatusCommand.withHalts(nil, probe).halted == nil, "older services send no followers")
    }
}
