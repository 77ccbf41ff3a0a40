/// A rule's position in a ruleset: table, chain and rule index (stable for one parse).
public struct RuleID: Hashable, Comparable, Sendable, Codable {
  /// Index of the table in ``Ruleset/tables``.
  public var table: Int
  /// Index of the chain in the table.
  public var chain: Int
  /// Index of the rule in the chain.
  public var rule: Int

  /// Creates an id.
  public init(table: Int, chain: Int, rule: Int) {
    self.table = table
    self.chain = chain
    self.rule = rule
  }

  public static func < (lhs: RuleID, rhs: RuleID) -> Bool {
    (lhs.table, lhs.chain, lhs.rule) < (rhs.table, rhs.chain, rhs.rule)
  }
}
