/// A proposed firewall change: the enforcement point and the file holding its proposed configuration (same vendor
/// as the model declares, or detected when the model says `auto`).
public struct ProposedConfig: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The enforcement point's id in the model (`fw-itot`).
  public var enforcementPoint: String
  /// The proposed configuration file, as given.
  public var path: String

  /// Creates a proposed change.
  public init(enforcementPoint: String, path: String) {
    self.enforcementPoint = enforcementPoint
    self.path = path
  }

  /// Reads `FW=FILE` (the enforcement point's id, `=`, the file); nil when either side is empty or there is no `=`.
  public init?(argument: String) {
    guard let equals = argument.firstIndex(of: "=") else { return nil }
    let id = String(argument[..<equals])
    let path = String(argument[argument.index(after: equals)...])
    guard !id.isEmpty, !path.isEmpty else { return nil }
    self.init(enforcementPoint: id, path: path)
  }

  /// `fw-itot=proposed/fw-itot.rules`.
  public var description: String { "\(enforcementPoint)=\(path)" }
}
