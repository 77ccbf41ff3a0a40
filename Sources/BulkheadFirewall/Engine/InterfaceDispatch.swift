/// The rules of one chain a packet can match, by its input and output interface: the tracer's index for long chains
/// whose rules name interfaces (a FortiGate or PAN-OS policy list binds every policy to a `srcintf`/`dstintf` or zone
/// pair, and a flat list of 10k policies was scanned whole for every packet).
///
/// A rule whose first non-negated input (output) interface match names exact interfaces can only match a packet
/// entering (leaving) by one of them; every other rule, wildcard or negated, is a candidate for every packet. The
/// candidates of an interface pair are in chain order, so first match over them is first match over the chain.
struct InterfaceDispatch: Sendable {
  /// Exact input interface names → key; a name no rule names, or none, is key `inputs.count`.
  private let inputs: [String: Int]
  /// Exact output interface names → key; likewise.
  private let outputs: [String: Int]
  /// Candidate rule positions, ascending, for key `input * (outputs.count + 1) + output`.
  private let candidates: [[Int32]]

  /// Chains shorter than this are scanned whole: the index would cost more than it saves.
  static let minimumRules = 64

  /// Builds the index of a chain, or `nil` when it is short, names no exact interfaces, or its candidate lists would
  /// hold more than a few times its rules (many interface-free rules under many interface names).
  init?(_ chain: Chain) {
    guard chain.rules.count >= Self.minimumRules else { return nil }
    let bound = chain.rules.map { rule in
      (Self.names(rule, input: true), Self.names(rule, input: false))
    }
    var inputs: [String: Int] = [:]
    var outputs: [String: Int] = [:]
    for (ins, outs) in bound {
      for name in ins ?? [] where inputs[name] == nil { inputs[name] = inputs.count }
      for name in outs ?? [] where outputs[name] == nil { outputs[name] = outputs.count }
    }
    guard !inputs.isEmpty || !outputs.isEmpty else { return nil }
    let inKeys = inputs.count + 1
    let outKeys = outputs.count + 1
    var size = 0
    for (ins, outs) in bound {
      size += (ins.map { Set($0).count } ?? inKeys) * (outs.map { Set($0).count } ?? outKeys)
    }
    guard size <= 4 * chain.rules.count + 4 * inKeys * outKeys else { return nil }
    var candidates = [[Int32]](repeating: [], count: inKeys * outKeys)
    for (position, (ins, outs)) in bound.enumerated() {
      let inSet = ins.map { Set($0.compactMap { inputs[$0] }).sorted() } ?? Array(0..<inKeys)
      let outSet = outs.map { Set($0.compactMap { outputs[$0] }).sorted() } ?? Array(0..<outKeys)
      for i in inSet { for o in outSet { candidates[i * outKeys + o].append(Int32(position)) } }
    }
    self.inputs = inputs
    self.outputs = outputs
    self.candidates = candidates
  }

  /// The positions of the rules that can match a packet entering by `input` and leaving by `output`, in order.
  func rules(input: String?, output: String?) -> [Int32] {
    let i = input.flatMap { inputs[$0] } ?? inputs.count
    let o = output.flatMap { outputs[$0] } ?? outputs.count
    return candidates[i * (outputs.count + 1) + o]
  }

  /// The exact names of a rule's first non-negated interface match of one direction, `nil` when it has none or the
  /// match has a wildcard (the rule is then a candidate whatever the interface).
  private static func names(_ rule: Rule, input: Bool) -> [String]? {
    binding(rule, input: input)?.names
  }

  /// The position in `rule.matches` and the exact names of the rule's first non-negated interface match of one
  /// direction whose patterns are all exact; `nil` when it has none. The rule can only match a packet entering
  /// (leaving) by one of these names, whatever its other conditions.
  static func binding(_ rule: Rule, input: Bool) -> (match: Int, names: [String])? {
    for (position, match) in rule.matches.enumerated() {
      switch match {
      case .inInterface(let patterns, negated: false) where input,
        .outInterface(let patterns, negated: false) where !input:
        guard patterns.allSatisfy({ !$0.isWildcard }) else { continue }
        return (position, patterns.map(\.name))
      default: continue
      }
    }
    return nil
  }
}
