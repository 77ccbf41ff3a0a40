/// Cuts one direction of a text protocol (FTP, HTTP headers, SSH's identification) into lines ending in LF, across
/// any segment boundary, with a bound on a line's length.
///
/// A complete line is moved out with ``take(_:)`` so the caller can parse it while changing its own state, then
/// handed back with ``reuse(_:)`` to keep the buffer's capacity: one allocation per direction, not per line.
struct LineBuffer {
  /// The longest line accepted (LF included); a longer one ends line framing for the direction.
  let limit: Int
  private var line: [UInt8] = []

  init(limit: Int) { self.limit = limit }

  enum Step {
    /// A complete line, without its CR LF (or LF).
    case line([UInt8])
    /// The input ended inside a line, which is kept for the next chunk.
    case partial
    /// The line grew past ``limit`` without an LF: not this text protocol, or not its line phase.
    case tooLong
  }

  /// Takes bytes from the front of `input` up to and including the next LF.
  mutating func take(_ input: inout UnsafeRawBufferPointer) -> Step {
    let end = input.firstIndex(of: 0x0A)
    let take = end.map { $0 + 1 } ?? input.count
    guard line.count + take <= limit else {
      line.removeAll(keepingCapacity: true)
      input = input.suffix(from: input.count)
      return .tooLong
    }
    line.append(contentsOf: input.prefix(take))
    input = input.suffix(from: take)
    guard end != nil else { return .partial }
    var complete = line
    line = []
    complete.removeLast()
    if complete.last == 0x0D { complete.removeLast() }
    return .line(complete)
  }

  /// Gives a line's storage back for the next one.
  mutating func reuse(_ storage: consuming [UInt8]) {
    guard line.isEmpty else { return }
    line = storage
    line.removeAll(keepingCapacity: true)
  }

  /// Bytes of an unfinished line.
  var pendingCount: Int { line.count }

  /// Forgets an unfinished line (a gap).
  mutating func reset() { line.removeAll(keepingCapacity: true) }
}

extension Array where Element == UInt8 {
  /// Whether the bytes start with ASCII `prefix`, letters compared without case.
  func hasASCIIPrefix(_ prefix: StaticString, ignoringCase: Bool = false) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard self.count >= count else { return false }
    let start = prefix.utf8Start
    for index in 0..<count {
      var a = self[index]
      var b = start[index]
      if ignoringCase {
        if a >= 0x61 && a <= 0x7A { a -= 0x20 }
        if b >= 0x61 && b <= 0x7A { b -= 0x20 }
      }
      if a != b { return false }
    }
    return true
  }
}

extension UnsafeRawBufferPointer {
  /// Whether the bytes start with ASCII `prefix`.
  func hasASCIIPrefix(_ prefix: StaticString) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard self.count >= count else { return false }
    let start = prefix.utf8Start
    for index in 0..<count where self[index] != start[index] { return false }
    return true
  }
}
