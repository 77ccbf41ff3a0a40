/// A yes/no answer about a flow that a passive observer may not be able to give (was it authenticated, encrypted?).
public enum ObservedAnswer: String, Hashable, Sendable, Codable {
  case yes
  case no
  case unknown
}
