import BulkheadModel

/// A host the captures show that the draft puts in no zone, and why: listed in the report, never dropped.
public struct UnplacedHost: Hashable, Comparable, Sendable {
  /// Its address.
  public var address: IPAddress
  /// Why it is not an asset of a zone.
  public var reason: String

  /// Creates an entry.
  public init(address: IPAddress, reason: String) {
    self.address = address
    self.reason = reason
  }

  public static func < (lhs: UnplacedHost, rhs: UnplacedHost) -> Bool { lhs.address < rhs.address }
}
