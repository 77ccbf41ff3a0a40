import BulkheadModel

/// BACnet services (ASHRAE 135-2020 clause 21: BACnetConfirmedServiceChoice, BACnetUnconfirmedServiceChoice), BVLC
/// functions (Annex J.2) and network layer messages (clause 6.2.4), with the operation class each is to a device.
enum BACnetService {
  /// Unconfirmed services: 0x100 | choice.
  static let unconfirmedBase: UInt32 = 0x100
  /// BVLC functions that carry no APDU (and Forwarded-NPDU, counted besides what it carries): 0x200 | function.
  static let bvlcBase: UInt32 = 0x200
  /// Network layer messages: 0x300 | message type.
  static let networkBase: UInt32 = 0x300
  static let segmentAck: UInt32 = 0x401
  static let reject: UInt32 = 0x402
  static let abort: UInt32 = 0x403
  static let iAm: UInt8 = 0

  private static let confirmed: [(String, OperationClass)] = [
    ("acknowledgeAlarm", .control), ("confirmedCOVNotification", .read),
    ("confirmedEventNotification", .diagnostics), ("getAlarmSummary", .diagnostics),
    ("getEnrollmentSummary", .diagnostics), ("subscribeCOV", .read), ("atomicReadFile", .fileTransfer),
    ("atomicWriteFile", .fileTransfer), ("addListElement", .write), ("removeListElement", .write),
    ("createObject", .write), ("deleteObject", .write), ("readProperty", .read),
    ("readPropertyConditional", .read), ("readPropertyMultiple", .read), ("writeProperty", .write),
    ("writePropertyMultiple", .write), ("deviceCommunicationControl", .control),
    ("confirmedPrivateTransfer", .other), ("confirmedTextMessage", .other), ("reinitializeDevice", .control),
    ("vtOpen", .other), ("vtClose", .other), ("vtData", .other), ("authenticate", .other), ("requestKey", .other),
    ("readRange", .read), ("lifeSafetyOperation", .control), ("subscribeCOVProperty", .read),
    ("getEventInformation", .diagnostics), ("subscribeCOVPropertyMultiple", .read),
    ("confirmedCOVNotificationMultiple", .read), ("confirmedAuditNotification", .diagnostics),
    ("auditLogQuery", .diagnostics),
  ]

  private static let unconfirmed: [(String, OperationClass)] = [
    ("i-Am", .discovery), ("i-Have", .discovery), ("unconfirmedCOVNotification", .read),
    ("unconfirmedEventNotification", .diagnostics), ("unconfirmedPrivateTransfer", .other),
    ("unconfirmedTextMessage", .other), ("timeSynchronization", .control), ("who-Has", .discovery),
    ("who-Is", .discovery), ("utcTimeSynchronization", .control), ("writeGroup", .write),
    ("unconfirmedCOVNotificationMultiple", .read), ("unconfirmedAuditNotification", .diagnostics),
    ("who-Am-I", .discovery), ("you-Are", .write),
  ]

  /// Annex J.2 function names; Write-Broadcast-Distribution-Table and Delete-FDT-Entry change a BBMD's tables.
  private static let bvlc: [(String, OperationClass)] = [
    ("BVLC-Result", .other), ("Write-Broadcast-Distribution-Table", .write),
    ("Read-Broadcast-Distribution-Table", .diagnostics), ("Read-Broadcast-Distribution-Table-Ack", .diagnostics),
    ("Forwarded-NPDU", .other), ("Register-Foreign-Device", .other), ("Read-Foreign-Device-Table", .diagnostics),
    ("Read-Foreign-Device-Table-Ack", .diagnostics), ("Delete-Foreign-Device-Table-Entry", .write),
    ("Distribute-Broadcast-To-Network", .other), ("Original-Unicast-NPDU", .other),
    ("Original-Broadcast-NPDU", .other), ("Secure-BVLL", .other),
  ]

  /// Clause 6.2.4 message types 0x00...0x13.
  private static let network: [String] = [
    "Who-Is-Router-To-Network", "I-Am-Router-To-Network", "I-Could-Be-Router-To-Network",
    "Reject-Message-To-Network", "Router-Busy-To-Network", "Router-Available-To-Network",
    "Initialize-Routing-Table", "Initialize-Routing-Table-Ack", "Establish-Connection-To-Network",
    "Disconnect-Connection-To-Network", "Challenge-Request", "Security-Payload", "Security-Response",
    "Request-Key-Update", "Update-Key-Set", "Update-Distribution-Key", "Request-Master-Key", "Set-Master-Key",
    "What-Is-Network-Number", "Network-Number-Is",
  ]

  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    switch code {
    case 0..<unconfirmedBase:
      return code < confirmed.count ? confirmed[Int(code)] : ("unknown-\(code)", .other)
    case unconfirmedBase..<bvlcBase:
      let choice = Int(code - unconfirmedBase)
      return choice < unconfirmed.count ? unconfirmed[choice] : ("unknown-unconfirmed-\(choice)", .other)
    case bvlcBase..<networkBase:
      let function = Int(code - bvlcBase)
      return function < bvlc.count ? bvlc[function] : ("unknown-bvlc-\(function)", .other)
    case networkBase..<segmentAck:
      let type = Int(code - networkBase)
      // Router discovery is how a network's topology is learnt; routing table writes change it.
      let operationClass: OperationClass = type <= 2 || type >= 0x12 ? .discovery : type == 6 ? .write : .other
      return (type < network.count ? network[type] : "network-message-\(type)", operationClass)
    case segmentAck: return ("segmentACK", .other)
    case reject: return ("reject", .other)
    case abort: return ("abort", .other)
    default: return ("unknown-\(code)", .other)
    }
  }
}
