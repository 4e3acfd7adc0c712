import Domain
import Foundation

/// What is wrong at one place of a scheme file. ``description`` is the reason shown to a person.
public enum SchemeProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(String)
    /// The text is not valid YAML (the parser's message).
    case syntax(String)
    /// The value has the wrong shape; `expected` says what was wanted (`a mapping`, `a list`, `a number` …).
    case wrongType(expected: String)
    /// A required field is absent.
    case missingField(String)
    /// A field that is not part of the format (often a typo).
    case unknownField(String, allowed: [String])
    /// An id is empty or uses other characters than ASCII letters, digits, `_`, `-` and `.`.
    case invalidID(String)
    /// Two entries of one list share an id.
    case duplicateID(String, list: String)
    /// The text is not a plain decimal number.
    case notANumber(String)
    /// The text is not a whole number.
    case notAnInteger(String)
    /// A number that must not be negative is (weights, caps, points, deductions).
    case negative(field: String, value: Decimal)
    /// A number lies outside its allowed range, described as text (e.g. `0…1`).
    case outOfRange(field: String, value: Decimal, allowed: String)
    /// The scale is not a number, `open`, or a mapping of `base`, `bonusCap`, `max`.
    case invalidScale(String)
    /// The scale's maximum is below its base.
    case maxBelowBase(max: Decimal, base: Decimal)
    /// The subject kind is not in the catalog.
    case unknownSubjectKind(String, known: [String])
    /// A source or condition names an input the subject kind does not provide.
    case unknownInput(String, kind: String)
    /// A source is not `name`, `name * factor`, `a / b` or `a / b * factor`.
    case invalidSource(String)
    /// The normalisation type is not one of ``Normalisation/typeNames``.
    case unknownNormalisation(String)
    /// A linear normalisation whose reference is not above its floor.
    case referenceNotAboveFloor(reference: Decimal, floor: Decimal)
    /// A weight mapping names a stage the scheme does not declare.
    case unknownStage(String, known: [String])
    /// A weight mapping leaves out a declared stage.
    case stageWeightMissing(String)
    /// Weights are given per stage but the scheme declares no stages.
    case noStagesDeclared
    /// Weights do not add up to what was declared; `stage` is `nil` for a scheme without stages.
    case weightsDoNotSum(what: String, stage: String?, sum: Decimal, declared: Decimal, declaredBy: String)
    /// A band's lower end is not below its upper end.
    case emptyBand(min: Decimal, below: Decimal)
    /// Bands are not in the required order (`order` names it, e.g. `lowest first`).
    case bandsOutOfOrder(previous: String, next: String, order: String)
    /// Two neighbouring bands overlap.
    case bandsOverlap(previous: String, next: String)
    /// Two neighbouring bands leave values between them uncovered.
    case bandsGap(previous: String, next: String)
    /// Percentile tiers must widen: each tier's share larger than the one before.
    case tiersOutOfOrder(previous: String, next: String)
    /// A cohort dimension that is neither `stage`, `revenueBand` nor a known attribute.
    case unknownCohortDimension(String, known: [String])
    /// A cohort dimension listed twice.
    case duplicateCohortDimension(String)
    /// The cohort uses `stage` but the scheme has no stages.
    case cohortNeedsStages
    /// The cohort uses `revenueBand` but declares no `revenueBands`.
    case cohortNeedsRevenueBands
    /// A list that must not be empty is.
    case emptyList(String)
    /// A negative item must have exactly one of `veto`, `deduct`, `deductPerUnit`.
    case negativeEffect(found: [String])
    /// The `id` does not match the file name.
    case idDoesNotMatchFileName(id: String, fileName: String)

    /// The reason, in English, naming the values involved.
    public var description: String {
        switch self {
        case .unreadable(let reason):
            return "cannot read file: \(reason)"
        case .syntax(let message):
            return "invalid YAML: \(message)"
        case .wrongType(let expected):
            return "expected \(expected)"
        case .missingField(let field):
            return "missing field \"\(field)\""
        case .unknownField(let field, let allowed):
            return "unknown field \"\(field)\" (expected one of: \(allowed.joined(separator: ", ")))"
        case .invalidID(let id):
            return "invalid id \"\(id)\" (start with a letter or digit; use letters, digits, _, - and .)"
        case .duplicateID(let id, let list):
            return "duplicate id \"\(id)\" in \(list)"
        case .notANumber(let text):
            return "\"\(text)\" is not a number"
        case .notAnInteger(let text):
            return "\"\(text)\" is not a whole number"
        case .negative(let field, let value):
            return "\(field) must not be negative, found \(DecimalText.string(value))"
        case .outOfRange(let field, let value, let allowed):
            return "\(field) \(DecimalText.string(value)) is out of range (allowed: \(allowed))"
        case .invalidScale(let text):
            return "scale \"\(text)\" is not a number, \"open\", or a mapping of base, bonusCap, max"
        case .maxBelowBase(let max, let base):
            return "scale max \(DecimalText.string(max)) is below base \(DecimalText.string(base))"
        case .unknownSubjectKind(let kind, let known):
            return "unknown subject kind \"\(kind)\" (catalog kinds: \(known.joined(separator: ", ")))"
        case .unknownInput(let name, let kind):
            return "unknown input \"\(name)\" for subject kind \(kind)"
        case .invalidSource(let text):
            return "source \"\(text)\" is not one of: name, name * factor, a / b, a / b * factor"
        case .unknownNormalisation(let type):
            return "unknown normalisation \"\(type)\" (known: \(Normalisation.typeNames.joined(separator: ", ")))"
        case .referenceNotAboveFloor(let reference, let floor):
            return "reference \(DecimalText.string(reference)) must be above floor \(DecimalText.string(floor))"
        case .unknownStage(let stage, let known):
            return "unknown stage \"\(stage)\" (stages: \(known.joined(separator: ", ")))"
        case .stageWeightMissing(let stage):
            return "no weight for stage \"\(stage)\""
        case .noStagesDeclared:
            return "weights are given per stage but the scheme declares no stages"
        case .weightsDoNotSum(let what, let stage, let sum, let declared, let declaredBy):
            let place = stage.map { " in stage \($0)" } ?? ""
            return "\(what) sum to \(DecimalText.string(sum))\(place), but \(declaredBy) declares \(DecimalText.string(declared))"
        case .emptyBand(let min, let below):
            return "band is empty: min \(DecimalText.string(min)) is not below \(DecimalText.string(below))"
        case .bandsOutOfOrder(let previous, let next, let order):
            return "bands out of order: \(next) follows \(previous) (list them \(order))"
        case .bandsOverlap(let previous, let next):
            return "bands overlap: \(previous) and \(next)"
        case .bandsGap(let previous, let next):
            return "bands leave a gap: \(previous) then \(next)"
        case .tiersOutOfOrder(let previous, let next):
            return "tiers out of order: \(next) follows \(previous) (list tiers from the smallest share up)"
        case .unknownCohortDimension(let name, let known):
            return "unknown cohort dimension \"\(name)\" (known: \(known.joined(separator: ", ")))"
        case .duplicateCohortDimension(let name):
            return "cohort dimension \"\(name)\" listed twice"
        case .cohortNeedsStages:
            return "cohort uses stage but the scheme declares no stages"
        case .cohortNeedsRevenueBands:
            return "cohort uses revenueBand but declares no revenueBands"
        case .emptyList(let field):
            return "\(field) must not be empty"
        case .negativeEffect(let found):
            let listed = found.isEmpty ? "none" : found.joined(separator: ", ")
            return "a negative item needs exactly one of veto, deduct, deductPerUnit (found: \(listed))"
        case .idDoesNotMatchFileName(let id, let fileName):
            return "id \"\(id)\" does not match the file name \(fileName)"
        }
    }
}
