import BulkheadModel

/// Port conditions of Cisco access lists and service objects: `eq P…`, `neq P…`, `lt P`, `gt P`, `range A B`.
enum CiscoPorts {
  /// The words that start a port condition.
  static let operators: Set<String> = ["eq", "neq", "lt", "gt", "range"]

  /// Parses the port condition at `words[index]`, advancing `index` past it. `proto` selects the keyword table
  /// (6 TCP, 17 UDP, `nil` a keyword valid for both, the ASA's `tcp-udp`); `multiple`: `eq` and `neq` may list
  /// several ports (IOS). Returns the ports matched, or why the words are not a port condition.
  static func parse(
    _ words: [String], _ index: inout Int, proto: UInt8?, platform: CiscoNames.Platform, multiple: Bool
  ) -> Result<[PortRange], CiscoSyntaxError> {
    guard index < words.count else { return .failure(CiscoSyntaxError("a port condition is missing")) }
    let op = words[index].lowercased()
    index += 1
    func port() -> UInt16? {
      guard index < words.count else { return nil }
      let word = words[index]
      let value =
        proto.map { CiscoNames.port(word, proto: $0, platform: platform) }
        ?? CiscoNames.portForBoth(word, platform: platform)
      if value != nil { index += 1 }
      return value
    }
    func missing() -> Result<[PortRange], CiscoSyntaxError> {
      let word = index < words.count ? "'\(words[index])'" : "nothing"
      let table = proto.map { $0 == 6 ? "TCP" : $0 == 17 ? "UDP" : "protocol \($0)" } ?? "TCP and UDP"
      return .failure(CiscoSyntaxError("'\(op)' needs a port number or a \(table) port keyword, found \(word)"))
    }
    switch op {
    case "eq", "neq":
      guard let first = port() else { return missing() }
      var ports = [first]
      while multiple, let next = port() { ports.append(next) }
      let listed = ports.map { PortRange($0) }
      return .success(op == "eq" ? listed : complement(listed))
    case "lt":
      guard let p = port() else { return missing() }
      return .success(p == 0 ? [] : [PortRange(lower: 0, upper: p - 1)])
    case "gt":
      guard let p = port() else { return missing() }
      return .success(p == .max ? [] : [PortRange(lower: p + 1, upper: .max)])
    case "range":
      guard let low = port(), let high = port() else { return missing() }
      guard low <= high else { return .failure(CiscoSyntaxError("range \(low) \(high) is reversed")) }
      return .success([PortRange(lower: low, upper: high)])
    default:
      index -= 1
      return .failure(CiscoSyntaxError("'\(op)' is not a port condition"))
    }
  }

  /// Every port outside the listed ones.
  static func complement(_ ranges: [PortRange]) -> [PortRange] {
    var result: [PortRange] = []
    var next: Int = 0
    for range in ranges.sorted() {
      if Int(range.lower) > next { result.append(PortRange(lower: UInt16(next), upper: range.lower - 1)) }
      next = max(next, Int(range.upper) + 1)
    }
    if next <= 65535 { result.append(PortRange(lower: UInt16(next), upper: .max)) }
    return result
  }
}

/// Why a Cisco command's words do not parse; the reader reports it at the command's line.
struct CiscoSyntaxError: Error, Equatable {
  var message: String
  init(_ message: String) { self.message = message }
}
