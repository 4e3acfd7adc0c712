import ServiceLifecycle

/// A service group member under a short name: what swift-service-lifecycle logs (`sl-service`) and keeps as the
/// member's name, instead of `"\(service)"`.
///
/// Why: `ServiceGroupConfiguration.ServiceConfiguration` names a service by string interpolation, which for a struct
/// without `CustomStringConvertible` reflects every stored property recursively — for ingest's request service the
/// whole indicator catalog: 54 kB per debug log line, and a sixth of the start-up CPU (`perf record` of a start,
/// docs/performance.md) spent in `Mirror` and protocol-conformance scans that also fault in pages of every loaded
/// library.
struct NamedService: Service, CustomStringConvertible {
    /// The wrapped service.
    let base: any Service
    /// The member's name: the wrapped service's type name unless given.
    let description: String

    init(_ base: any Service, name: String? = nil) {
        self.base = base
        description = name ?? String(describing: type(of: base))
    }

    func run() async throws {
        try await base.run()
    }
}
