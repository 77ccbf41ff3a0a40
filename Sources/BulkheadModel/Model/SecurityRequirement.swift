/// The message security a flow must use (OPC UA MessageSecurityMode, IEC 62541-4 §7.20, generalised).
public enum SecurityRequirement: String, Hashable, Comparable, Sendable, Codable, CaseIterable {
  /// No message security required.
  case none
  /// Messages must be signed (integrity and authentication).
  case sign
  /// Messages must be signed and encrypted.
  case signAndEncrypt = "sign-and-encrypt"

  private var rank: Int { SecurityRequirement.allCases.firstIndex(of: self) ?? 0 }

  public static func < (lhs: SecurityRequirement, rhs: SecurityRequirement) -> Bool { lhs.rank < rhs.rank }
}
