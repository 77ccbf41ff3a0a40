import Foundation

/// Wall-clock seconds per stage of one assessment, for `bulkhead bench assess`; never part of the result (which
/// must not depend on the machine).
public final class AssessmentStages: @unchecked Sendable {
  /// The stages, in pipeline order.
  public enum Stage: String, CaseIterable, Sendable {
    /// Parsing every firewall export and building the path model.
    case firewalls
    /// Reading every capture with all dissectors, reconciling each flow as it finishes.
    case captures
    /// The zone matrix: declared, permitted and undeclared services per zone pair, with the observed traffic.
    case zonePairs
    /// Every rule, security levels and ranking.
    case rules
    /// Waiting for the input digests once the rest is done (they hash beside the reading).
    case digests
  }

  private let lock = NSLock()
  private var seconds: [Stage: Double] = [:]

  /// An empty record.
  public init() {}

  /// The seconds spent in `stage` (0 when it did not run).
  public subscript(stage: Stage) -> Double { lock.withLock { seconds[stage] ?? 0 } }

  /// Runs `body`, adding its wall-clock time to `stage`.
  func time<T>(_ stage: Stage, _ body: () -> T) -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = body()
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    lock.withLock { seconds[stage, default: 0] += elapsed }
    return value
  }
}

extension Optional where Wrapped == AssessmentStages {
  /// Times `body` when there is a record to keep, else just runs it.
  func time<T>(_ stage: AssessmentStages.Stage, _ body: () -> T) -> T {
    switch self {
    case .some(let stages): stages.time(stage, body)
    case .none: body()
    }
  }
}
