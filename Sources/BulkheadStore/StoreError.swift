/// The store could not be opened, read or written: which file and why.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The database file.
  public var path: String
  /// What went wrong (SQLite's message where it gave one).
  public var reason: String

  /// Creates an error.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  public var description: String { "\(path): error: observation store: \(reason) [BH901]" }
}
