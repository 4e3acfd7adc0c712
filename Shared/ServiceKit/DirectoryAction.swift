/// What ``KechuangDirectories/prepare()`` did to a directory (for a start-up log line).
public enum DirectoryAction: Sendable, Equatable {
    /// Created with mode 0700.
    case created(path: String)
    /// Existed with a looser mode (given, octal) and was tightened to 0700.
    case fixedMode(path: String, previousMode: UInt32)
    /// Already existed with mode 0700.
    case unchanged(path: String)
}
