/// What an industrial operation does to the process, the vocabulary conduits constrain (`operations: [read]`).
public enum OperationClass: String, CaseIterable, Hashable, Comparable, Sendable, Codable, CodingKeyRepresentable {
  case read, write, program, control, diagnostics
  case fileTransfer = "file-transfer"
  case discovery, other

  private var rank: Int { OperationClass.allCases.firstIndex(of: self) ?? 0 }

  public static func < (lhs: OperationClass, rhs: OperationClass) -> Bool { lhs.rank < rhs.rank }
}
