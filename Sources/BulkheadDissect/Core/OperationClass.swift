/// What an operation does to the plant, coarse enough for a conduit to allow or forbid it.
public enum OperationClass: String, Hashable, Comparable, Sendable, Codable, CaseIterable {
  /// Reads process values or state.
  case read
  /// Writes process values (set points, coils, registers, tags).
  case write
  /// Changes the program or the configuration of a device (download, upload, block transfer).
  case program
  /// Operates the process or the device (select/operate, start/stop, restart, reset).
  case control
  /// Diagnostics and status (counters, event logs, identity of a module).
  case diagnostics
  /// Moves files to or from a device.
  case fileTransfer = "file-transfer"
  /// Finds devices and their identity (list identity, device identification).
  case discovery
  /// Session management and everything else.
  case other

  /// Position in declaration order (a switch: `allCases.firstIndex` would allocate on every comparison).
  var rank: Int {
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
