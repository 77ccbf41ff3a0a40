/// The interface names a set of rulesets can tell apart, as equivalence classes with one representative each.
///
/// Every exact name a rule mentions is a class; every wildcard prefix `P` adds the class "names starting with `P`
/// that no rule names exactly" (representative `P` + U+0001, which matches exactly the wildcards that are prefixes of
/// `P`); one more class stands for names no rule mentions. Any real interface name falls into exactly one class and
/// matches the same patterns as its representative, so the encoding is exact.
public struct InterfaceUniverse: Hashable, Sendable {
  /// Representative names, indexed by class id.
  public private(set) var representatives: [String]
  /// Display names (`eth0`, `eth*`, `(other)`), indexed by class id.
  public private(set) var displayNames: [String]

  /// Builds the universe from the patterns of rulesets plus extra names (interfaces of a topology).
  public init(patterns: [InterfacePattern], extraNames: [String] = []) {
    var exact: Set<String> = Set(extraNames)
    var prefixes: Set<String> = []
    for p in patterns {
      if p.isWildcard { prefixes.insert(p.name) } else { exact.insert(p.name) }
    }
    var reps: [String] = []
    var names: [String] = []
    for name in exact.sorted() {
      reps.append(name)
      names.append(name)
    }
    for prefix in prefixes.sorted() {
      reps.append(prefix + "\u{1}")
      names.append(prefix + "*")
    }
    reps.append("\u{1}other")
    names.append("(other)")
    representatives = reps
    displayNames = names
  }

  /// Number of classes.
  public var count: Int { representatives.count }

  /// Bits needed to number the classes.
  public var bitWidth: Int {
    var bits = 1
    while (1 << bits) < count { bits += 1 }
    return bits
  }

  /// The class of a concrete interface name.
  public func classOf(_ name: String) -> Int {
    if let exact = representatives.firstIndex(of: name) { return exact }
    var best: Int? = nil
    var bestLength = -1
    for (i, rep) in representatives.enumerated() where rep.hasSuffix("\u{1}") && rep != "\u{1}other" {
      let prefix = String(rep.dropLast())
      if name.hasPrefix(prefix) && prefix.count > bestLength {
        best = i
        bestLength = prefix.count
      }
    }
    return best ?? (count - 1)
  }

  /// The classes a pattern matches.
  public func classes(matching pattern: InterfacePattern) -> [Int] {
    representatives.indices.filter { pattern.matches(representatives[$0]) }
  }
}
