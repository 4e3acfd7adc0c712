/// What ``KechuangDirectories/prepare()`` did to a directory (for a start-up log line). Kechuang never changes the
/// mode of a directory it did not create.
public enum DirectoryAction: Sendable, Equatable {
    /// Created (with any missing parent) with mode 0700.
    case created(path: String)
    /// Already existed, owned by the current user, with no access for group or others.
    case unchanged(path: String)
}
