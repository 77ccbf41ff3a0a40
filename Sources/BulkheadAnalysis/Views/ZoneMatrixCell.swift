/// The three views of one zone pair at a glance: intent, configuration, observation.
public struct ZoneMatrixCell: Hashable, Sendable, Codable {
  /// A conduit declares flows for this pair.
  public var declared: Bool
  /// The firewalls let some new connection through.
  public var configured: Bool
  /// Traffic was seen.
  public var observed: Bool
  /// The firewalls allow more than declared.
  public var undeclaredPermits: Bool
  /// Traffic the firewalls should drop was answered (a bypass).
  public var observedDenied: Bool

  /// Creates a cell.
  public init(declared: Bool, configured: Bool, observed: Bool, undeclaredPermits: Bool, observedDenied: Bool) {
    self.declared = declared
    self.configured = configured
    self.observed = observed
    self.undeclaredPermits = undeclaredPermits
    self.observedDenied = observedDenied
  }

  /// Short text: `D C O` letters for the views present, `-` for absent, `!` when something disagrees.
  public var code: String {
    let letters = (declared ? "D" : "-") + (configured ? "C" : "-") + (observed ? "O" : "-")
    return (undeclaredPermits || observedDenied || (observed && !declared) || (declared && !configured))
      ? letters + "!" : letters
  }
}
