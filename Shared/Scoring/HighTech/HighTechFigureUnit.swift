/// The unit of a condition's or gap's figures.
public enum HighTechFigureUnit: String, Codable, Sendable, Hashable {
    /// Percent: `4` means 4 %.
    case percent
    /// Whole years.
    case years
    /// A count (of IP items, of people).
    case count
    /// Evaluation points.
    case points
}
