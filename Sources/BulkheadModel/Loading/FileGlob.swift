#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Expands shell globs (`captures/*.pcap`) with the C library's `glob(3)`.
public enum FileGlob {
  /// The existing paths matching `pattern`, sorted; a pattern without wildcards matches itself if it exists.
  public static func expand(_ pattern: String) -> [String] {
    var result = glob_t()
    defer { globfree(&result) }
    guard glob(pattern, 0, nil, &result) == 0 else { return [] }
    var paths: [String] = []
    for i in 0..<Int(result.gl_pathc) {
      if let cString = result.gl_pathv[i] { paths.append(String(cString: cString)) }
    }
    return paths.sorted()
  }
}
