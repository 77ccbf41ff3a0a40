#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// MAC vendor names from the IEEE OUI registry as Debian's `ieee-data` ships it (`oui.txt`).
struct OUIRegistry {
  private var vendors: [UInt32: String] = [:]

  /// Loads `path`; returns nil when it cannot be read.
  init?(path: String) {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(line) }
    // Lines look like `00-1B-1B   (hex)\t\tSiemens AG`; only those carry a prefix and a name.
    while getline(&line, &capacity, file) > 0 {
      guard let line else { continue }
      let text = String(cString: line)
      guard let marker = text.firstRange(of: "(hex)") else { continue }
      let prefix = text[..<marker.lowerBound].filter { $0.isHexDigit }
      guard prefix.count == 6, let value = UInt32(prefix, radix: 16) else { continue }
      let name = text[marker.upperBound...].drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace)
      vendors[value] = String(name.reversed())
    }
  }

  /// The vendor of a MAC address's OUI, or nil.
  func vendor(of oui: UInt32) -> String? { vendors[oui] }
}
