import BulkheadBuildStamp

/// What `bulkhead --version` prints: the version, and the commit and date Scripts/release stamped into the binary.
enum BuildInfo {
  /// The release version; Scripts/release names the archive after it.
  static let version = "0.1.0"

  /// The commit the binary was built from, nil for a development build (`swift build`).
  static var commit: String? { stamp(bulkhead_build_commit()) }

  /// The build date (UTC, YYYY-MM-DD), nil for a development build.
  static var date: String? { stamp(bulkhead_build_date()) }

  /// `0.1.0 (commit 1a2b3c4d5e6f, built 2026-12-03)`, or `0.1.0 (development build, not stamped)`.
  static var versionLine: String {
    guard let commit, let date else { return "\(version) (development build, not stamped)" }
    return "\(version) (commit \(commit), built \(date))"
  }

  private static func stamp(_ text: UnsafePointer<CChar>?) -> String? {
    guard let text else { return nil }
    let value = String(cString: text)
    return value.isEmpty ? nil : value
  }
}
