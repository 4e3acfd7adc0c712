/// Connection settings applied by ``KechuangDatabase`` to every SQLite connection it opens.
public struct DatabaseOptions: Sendable, Equatable {
    /// How long (in seconds) a connection waits for a lock held by another connection before failing with `SQLITE_BUSY`.
    public var busyTimeoutSeconds: Double
    /// Maximum number of concurrent reader connections in the pool.
    public var maximumReaderCount: Int

    /// Creates options. The defaults suit a single service process: 5 s busy timeout, 4 readers.
    public init(busyTimeoutSeconds: Double = 5, maximumReaderCount: Int = 4) {
        self.busyTimeoutSeconds = busyTimeoutSeconds
        self.maximumReaderCount = maximumReaderCount
    }
}
