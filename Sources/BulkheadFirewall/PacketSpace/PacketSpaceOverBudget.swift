/// The refusal to answer when an exact answer needs more memory than the packet space's budget: Bulkhead never
/// gives an approximate or a truncated answer instead.
public struct PacketSpaceOverBudget: Error, Sendable, Equatable, CustomStringConvertible {
  /// The budget that was not enough, in bytes.
  public var memoryLimit: Int

  /// Creates the refusal for a budget.
  public init(memoryLimit: Int) {
    self.memoryLimit = memoryLimit
  }

  /// The budget in whole mebibytes, as `--max-memory` takes it.
  public var megabytes: Int { memoryLimit >> 20 }

  public var description: String {
    "ruleset too large for an exact answer within \(megabytes) MB (raise with --max-memory)"
  }
}
