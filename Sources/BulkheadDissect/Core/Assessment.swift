/// A yes/no answer that a passive observer may not be able to give.
public enum Assessment: String, Hashable, Sendable, Codable {
  case yes
  case no
  case unknown
}
