/// A conntrack state as the kernel's `nf_conntrack` classifies a packet (`-m conntrack --ctstate`, `ct state`).
public enum ConnectionState: String, Hashable, Comparable, Sendable, Codable, CaseIterable {
  case new
  case established
  case related
  case invalid

  /// The 2-bit code used in the packet space (order is fixed: it is part of the encoding).
  public var code: Int {
    switch self {
    case .new: 0
    case .established: 1
    case .related: 2
    case .invalid: 3
    }
  }

  /// The state for a 2-bit code.
  public static func from(code: Int) -> ConnectionState {
    switch code & 3 {
    case 0: .new
    case 1: .established
    case 2: .related
    default: .invalid
    }
  }

  public static func < (lhs: ConnectionState, rhs: ConnectionState) -> Bool { lhs.code < rhs.code }
}
