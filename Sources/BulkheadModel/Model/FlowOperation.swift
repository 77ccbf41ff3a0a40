/// A class of industrial-protocol operation a flow may carry; dissectors map function codes onto these.
public enum FlowOperation: String, Hashable, Comparable, Sendable, Codable, CaseIterable {
  /// Reading process values or status (Modbus FC 1–4, S7 read var, OPC UA Read/Browse).
  case read
  /// Writing process values or setpoints (Modbus FC 5/6/15/16, S7 write var, OPC UA Write).
  case write
  /// Changing controller logic or firmware (S7 download, Modbus FC 90 programming, …).
  case program
  /// Commanding the process or controller state (DNP3 operate, S7 PLC stop/start, CIP service calls).
  case control
  /// Maintenance and diagnostic functions (Modbus FC 8, identify device, read logs).
  case diagnostics
  /// Moving files (DNP3 file transfer, S7 block upload, FTP, SMB).
  case fileTransfer = "file-transfer"
  /// Enumerating devices (Modbus FC 43/14, EtherNet/IP list identity, BACnet Who-Is).
  case discovery

  private var rank: Int { FlowOperation.allCases.firstIndex(of: self) ?? 0 }

  public static func < (lhs: FlowOperation, rhs: FlowOperation) -> Bool { lhs.rank < rhs.rank }
}
