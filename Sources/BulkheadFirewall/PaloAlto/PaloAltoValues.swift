import BulkheadModel

/// PAN-OS value syntax: addresses as a rule or an address object writes them (`10.1.1.1`, `10.1.0.0/16`,
/// `10.1.1.1-10.1.1.9`, IPv6 alike), port lists (`80,8080-8090`), protocol names, `yes`/`no` (PAN-OS
/// Administrator's Guide, "Objects").
enum PaloAltoValues {
  /// A literal address, block or range; `nil` when the text is none of them.
  static func addressRange(_ text: String) -> AddressRange? {
    if text.contains("/") { return IPNetwork(text).map(AddressRange.init) }
    if let dash = text.firstIndex(of: "-") {
      guard let first = IPAddress(text[..<dash]), let last = IPAddress(text[text.index(after: dash)...]) else {
        return nil
      }
      return AddressRange(first: first, last: last)
    }
    return IPAddress(text).map { AddressRange(IPNetwork(address: $0, prefixLength: $0.family.bitWidth)) }
  }

  /// A comma-separated list of ports and ranges; `nil` when any part does not parse.
  static func ports(_ text: String) -> [PortRange]? {
    var ranges: [PortRange] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let trimmed = String(part.filter { $0 != " " })
      guard let range = PortRange(Substring(trimmed)), !trimmed.contains(":") else { return nil }
      ranges.append(range)
    }
    return ranges.isEmpty ? nil : ranges
  }

  /// The protocol number of a service protocol (`tcp`, `udp`, `sctp`).
  static func serviceProtocol(_ text: String) -> UInt8? {
    switch text {
    case "tcp": 6
    case "udp": 17
    case "sctp": 132
    default: nil
    }
  }

  /// `yes` → true, `no` → false, anything else `nil`.
  static func flag(_ text: String?) -> Bool? {
    switch text {
    case "yes": true
    case "no": false
    default: nil
    }
  }
}
