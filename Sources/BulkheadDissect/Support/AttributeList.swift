/// A flow's attributes as a dissector collects them: each (name, value) once, a bounded number, each value cut to a
/// bounded length, so a hostile peer cannot grow a flow's state (a client sending a new SNI in every hello).
struct AttributeList {
  /// How many distinct attributes a flow keeps.
  static let limit = 32
  /// How many bytes of a value are kept.
  static let valueLimit = 256

  private(set) var kept: [ProtocolAttribute] = []
  /// Attributes not kept because the list was full.
  private(set) var dropped = 0

  /// Adds an attribute unless the same one is there.
  mutating func add(_ name: String, _ value: String) {
    let value =
      value.utf8.count > Self.valueLimit ? String(decoding: value.utf8.prefix(Self.valueLimit), as: UTF8.self) : value
    let attribute = ProtocolAttribute(name: name, value: value)
    guard !kept.contains(attribute) else { return }
    guard kept.count < Self.limit else {
      dropped += 1
      return
    }
    kept.append(attribute)
  }

  /// Adds printable text read from the wire (see ``printable(_:)``), if any.
  mutating func add(_ name: String, bytes: UnsafeRawBufferPointer) {
    guard let text = Self.printable(bytes) else { return }
    add(name, text)
  }

  /// The first value of a name, if any.
  func first(_ name: String) -> String? { kept.first { $0.name == name }?.value }

  /// Wire text as a report may print it: bytes outside printable ASCII escaped as `\xNN`, at most
  /// ``valueLimit`` bytes read; nil when empty.
  static func printable(_ bytes: UnsafeRawBufferPointer) -> String? {
    guard !bytes.isEmpty else { return nil }
    var result = ""
    for byte in bytes.prefix(valueLimit) {
      if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") {
        result.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        result += byte < 0x10 ? "\\x0" + String(byte, radix: 16) : "\\x" + String(byte, radix: 16)
      }
    }
    return result
  }

  /// `0x` and four hex digits, as tshark and the RFCs write 16-bit codes.
  static func hex(_ value: UInt16) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
  }
}
