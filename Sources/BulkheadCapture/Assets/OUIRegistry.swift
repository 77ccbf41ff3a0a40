import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// MAC vendor names from the IEEE OUI registry as Debian's `ieee-data` ships it (`oui.txt`), loaded once per process.
struct OUIRegistry: Sendable {
  private var vendors: [UInt32: String] = [:]

  private static let cache = Mutex<[String: OUIRegistry?]>([:])

  /// The registry at `path`, read on first use; nil when the file cannot be read.
  static func shared(path: String) -> OUIRegistry? {
    cache.withLock { cache in
      if let known = cache[path] { return known }
      let loaded = OUIRegistry(path: path)
      cache[path] = loaded
      return loaded
    }
  }

  /// Loads `path`; returns nil when it cannot be read.
  init?(path: String) {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var data: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if n <= 0 { break }
      data.append(contentsOf: chunk[0..<n])
    }
    // Lines look like `00-1B-1B   (hex)\t\tSiemens AG`; only those carry a prefix and a name.
    var start = 0
    while start < data.count {
      var end = start
      while end < data.count && data[end] != 0x0a { end += 1 }
      parse(data[start..<end])
      start = end + 1
    }
  }

  private mutating func parse(_ line: ArraySlice<UInt8>) {
    let marker = Array("(hex)".utf8)
    guard line.count > 18, Array(line[(line.startIndex + 11)..<(line.startIndex + 16)]) == marker else { return }
    var value: UInt32 = 0
    var digits = 0
    for byte in line[line.startIndex..<(line.startIndex + 8)] {
      switch byte {
      case 0x30...0x39: value = value << 4 | UInt32(byte - 0x30)
      case 0x41...0x46: value = value << 4 | UInt32(byte - 0x41 + 10)
      case 0x61...0x66: value = value << 4 | UInt32(byte - 0x61 + 10)
      case 0x2d: continue
      default: return
      }
      digits += 1
    }
    guard digits == 6 else { return }
    var name = line[(line.startIndex + 16)...]
    while let first = name.first, first == 0x20 || first == 0x09 { name = name.dropFirst() }
    while let last = name.last, last == 0x20 || last == 0x09 || last == 0x0d { name = name.dropLast() }
    vendors[value] = String(decoding: name, as: UTF8.self)
  }

  /// The vendor of a MAC address's OUI, or nil.
  func vendor(of oui: UInt32) -> String? { vendors[oui] }
}
