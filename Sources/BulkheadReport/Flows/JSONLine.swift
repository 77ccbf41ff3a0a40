/// Builds one line of JSON into a byte buffer, for outputs written a line per flow (JSON Lines): a hundred thousand
/// flows a second, where an `Encodable` round trip per line costs tens of microseconds.
///
/// Callers write keys in sorted order (the outputs' contract, as `JSONEncoder`'s `.sortedKeys` gives the documents).
/// Strings are escaped per RFC 8259 §7; numbers are written as Swift prints them (the shortest text that reads back
/// to the same double).
struct JSONLine {
  private(set) var bytes: [UInt8] = []
  private var needsComma = false

  init() { bytes.reserveCapacity(512) }

  mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    needsComma = false
  }

  mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    needsComma = true
  }

  mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    needsComma = false
  }

  mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    needsComma = true
  }

  mutating func key(_ name: String) {
    separate()
    string(name, separated: false)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  mutating func value(_ text: String) {
    separate()
    string(text, separated: false)
    needsComma = true
  }

  mutating func value(_ number: Int) {
    separate()
    bytes.append(contentsOf: String(number).utf8)
    needsComma = true
  }

  mutating func value(_ number: UInt64) {
    separate()
    bytes.append(contentsOf: String(number).utf8)
    needsComma = true
  }

  mutating func value(_ number: Double) {
    separate()
    if number.isFinite {
      bytes.append(
        contentsOf: (number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)").utf8)
    } else {
      bytes.append(contentsOf: "null".utf8)
    }
    needsComma = true
  }

  /// Leaves room for a value written later at the returned byte offset (the line continues as if it were there).
  mutating func slot() -> Int {
    separate()
    needsComma = true
    return bytes.count
  }

  mutating func value(_ flag: Bool) {
    separate()
    bytes.append(contentsOf: (flag ? "true" : "false").utf8)
    needsComma = true
  }

  mutating func null() {
    separate()
    bytes.append(contentsOf: "null".utf8)
    needsComma = true
  }

  /// `"name": value` for an optional value, or nothing when it is nil (keys absent rather than null).
  mutating func field(_ name: String, _ text: String?) {
    guard let text else { return }
    key(name)
    value(text)
  }

  mutating func field(_ name: String, _ number: Int) {
    key(name)
    value(number)
  }

  mutating func field(_ name: String, _ flag: Bool?) {
    guard let flag else { return }
    key(name)
    value(flag)
  }

  /// `{"a": 1, "b": 2}` with keys sorted.
  mutating func field(_ name: String, counts: [String: Int]) {
    key(name)
    beginObject()
    for (label, count) in counts.sorted(by: { $0.key < $1.key }) {
      key(label)
      value(count)
    }
    endObject()
  }

  /// Ends the line.
  mutating func newline() {
    bytes.append(UInt8(ascii: "\n"))
    needsComma = false
  }

  private mutating func separate() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
  }

  /// Appends `text` quoted and escaped: runs of bytes that need no escape are copied at once (flow lines are
  /// almost all addresses, names and digits), the rest escaped one by one.
  private mutating func string(_ text: String, separated: Bool) {
    bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      var start = 0
      for index in 0..<utf8.count {
        let byte = utf8[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
        escape(byte)
        start = index + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// The escape of one byte that may not appear raw in a JSON string (RFC 8259 §7).
  private mutating func escape(_ byte: UInt8) {
    switch byte {
    case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
    case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
    case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
    case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
    case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
    default:
      let hex = Array("0123456789abcdef".utf8)
      bytes.append(contentsOf: [
        UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)],
      ])
    }
  }
}
