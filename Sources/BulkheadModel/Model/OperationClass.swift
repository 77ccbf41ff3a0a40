/// What an industrial-protocol operation does to the plant, coarse enough for a conduit to allow or forbid it: the
/// classes dissectors map function codes onto, and the ones a conduit's flow declares (`operations:`).
public enum OperationClass: String, Hashable, Comparable, Sendable, Codable, CaseIterable {
  /// Reads process values or state (Modbus FC 1–4, S7 read var, OPC UA Read, BACnet ReadProperty).
  case read
  /// Writes process values or set points (Modbus FC 5/6/15/16, S7 write var, OPC UA Write, MMS write).
  case write
  /// Changes the program or configuration of a device (S7 download/upload, Modbus FC 90 UMAS, MMS domain download).
  case program
  /// Operates the process or the device (DNP3 select/operate, S7 PLC stop, BACnet ReinitializeDevice).
  case control
  /// Diagnostics and status (Modbus FC 8, counters, event logs, alarm summaries).
  case diagnostics
  /// Moves files to or from a device (DNP3 file transfer, MMS file services, BACnet AtomicReadFile).
  case fileTransfer = "file-transfer"
  /// Finds devices and their identity (Modbus FC 43/14, EtherNet/IP ListIdentity, BACnet Who-Is, MMS getNameList).
  case discovery
  /// Session management and everything else; observed, never declared on a conduit.
  case other

  /// The classes a conduit's flow may declare (every class but ``other``).
  public static let declarable: [OperationClass] = allCases.filter { $0 != .other }

  /// Position in declaration order (a switch: `allCases.firstIndex` would allocate on every comparison).
  public var rank: Int {
    switch self {
    case .read: 0
    case .write: 1
    case .program: 2
    case .control: 3
    case .diagnostics: 4
    case .fileTransfer: 5
    case .discovery: 6
    case .other: 7
    }
  }

  public static func < (lhs: OperationClass, rhs: OperationClass) -> Bool { lhs.rank < rhs.rank }
}
