/// An input Bulkhead read, for the evidence appendix: an auditor re-runs the assessment on the same bytes.
public struct InputFile: Hashable, Comparable, Sendable, Codable {
  /// What the file is.
  public enum Kind: String, Hashable, Sendable, Codable {
    case model, inventory, firewall, capture
    case acceptedFindings = "accepted-findings"
  }

  /// Path relative to the model directory.
  public var path: String
  /// Kind of input.
  public var kind: Kind
  /// Size in bytes.
  public var size: Int
  /// SHA-256 of the contents, lower-case hex.
  public var sha256: String

  /// Creates an entry.
  public init(path: String, kind: Kind, size: Int, sha256: String) {
    self.path = path
    self.kind = kind
    self.size = size
    self.sha256 = sha256
  }

  public static func < (lhs: InputFile, rhs: InputFile) -> Bool { lhs.path < rhs.path }
}
