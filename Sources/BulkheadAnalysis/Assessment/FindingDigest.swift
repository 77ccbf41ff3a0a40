import Foundation

/// A finding reduced to "rule-id file[:line[:column]]" for comparing an assessment with an expected list
/// (capture locations keep only the file name: packet numbers change with every recording).
public enum FindingDigest {
  /// The digest line of one finding.
  public static func line(_ finding: Finding) -> String {
    let name = finding.location.file.split(separator: "/").last.map(String.init) ?? finding.location.file
    let isCapture = name.hasSuffix(".pcap") || name.hasSuffix(".pcapng")
    guard !isCapture, finding.location.line > 0 else { return "\(finding.ruleID) \(name)" }
    let column = finding.location.column > 0 ? ":\(finding.location.column)" : ""
    return "\(finding.ruleID) \(name):\(finding.location.line)\(column)"
  }

  /// The sorted digest lines of an expected-findings file (comments and blank lines skipped).
  public static func expected(fromFileText text: String) -> [String] {
    text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && !$0.hasPrefix("#") }.sorted()
  }
}
