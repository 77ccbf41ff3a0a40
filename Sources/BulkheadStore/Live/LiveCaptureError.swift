/// The interface could not be opened or read: which one and why (libpcap's message).
public struct LiveCaptureError: Error, Hashable, Sendable, CustomStringConvertible {
  public var interface: String
  public var reason: String

  /// Creates an error.
  public init(interface: String, reason: String) {
    self.interface = interface
    self.reason = reason
  }

  public var description: String { "\(interface): error: cannot capture: \(reason) [BH910]" }
}
