/// How precisely a figure is stated, beyond its ``Qualifier``: an approximation (约 近 左右), a lower bound
/// (超过 突破 逾 以上 多 余), an upper bound (不足 不到 以下 以内) or a range (10—20家, whose upper end is
/// ``ReportedObservation/upperValue``).
public enum ValueBound: String, Codable, Sendable, CaseIterable {
    /// 约 大约 近 将近 左右 上下: about the value.
    case approximate
    /// 超过 超 突破 逾 以上 多 余: the true value is the value or more.
    case lowerBound = "lower_bound"
    /// 不足 不到 以下 以内: the true value is the value or less.
    case upperBound = "upper_bound"
    /// `10—20家`, `3至5个`: between the value and the upper value.
    case range
}
