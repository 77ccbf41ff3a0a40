import BulkheadModel

/// OPC UA service request/response types by their DefaultBinary encoding id (OPC 10000-4 §5, NodeIds.csv), plus the
/// UA TCP connection messages (OPC 10000-6 §7.1.2) under their 3-letter codes.
enum OPCUAService {
  /// The request's encoding id when `code` is a response encoding id; otherwise `code`.
  static func requestCode(forResponse code: UInt32) -> UInt32? {
    switch code {
    case 12209, 12212: return code - 1
    case 397: return nil
    default: return code >= 3 && isTabled(code - 3) ? code - 3 : nil
    }
  }

  /// Whether a MSG body's type id names something this table knows: a service request or response, or a
  /// connection message code.
  static func isKnown(_ code: UInt32) -> Bool {
    isTabled(code) || requestCode(forResponse: code) != nil || isConnectionMessage(code)
  }

  /// Whether `code` has an entry in `table`: a bit test, since this runs for every message (a dictionary look-up
  /// hashes).
  @inline(__always) private static func isTabled(_ code: UInt32) -> Bool {
    let word = Int(code >> 6)
    return word < tabled.count && tabled[word] & (1 << UInt64(code & 63)) != 0
  }

  /// One bit per code below the largest tabled one, set for the tabled codes.
  private static let tabled: [UInt64] = {
    var bits = [UInt64](repeating: 0, count: Int((table.keys.max() ?? 0) >> 6) + 1)
    for code in table.keys { bits[Int(code >> 6)] |= 1 << UInt64(code & 63) }
    return bits
  }()

  /// The name and class of an operation code.
  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    if let entry = table[code] { return entry }
    if let text = connectionMessage(code) { return (text, .other) }
    return ("unknown-\(code)", .other)
  }

  /// The 3-letter UA TCP message type packed as a big-endian integer, e.g. `HEL` = 0x48454C.
  static func connectionMessage(_ code: UInt32) -> String? {
    guard isConnectionMessage(code) else { return nil }
    return String(decoding: [UInt8(code >> 16 & 0xFF), UInt8(code >> 8 & 0xFF), UInt8(code & 0xFF)], as: UTF8.self)
  }

  /// Whether `code` is three capital letters packed big-endian.
  static func isConnectionMessage(_ code: UInt32) -> Bool {
    guard code > 0xFFFF, code <= 0xFF_FFFF else { return false }
    let isLetter = { (byte: UInt32) in byte >= 0x41 && byte <= 0x5A }
    return isLetter(code >> 16 & 0xFF) && isLetter(code >> 8 & 0xFF) && isLetter(code & 0xFF)
  }

  static let anonymousIdentityToken: UInt32 = 321
  static let userNameIdentityToken: UInt32 = 324
  static let x509IdentityToken: UInt32 = 327
  static let issuedIdentityToken: UInt32 = 940
  static let serviceFault: UInt32 = 397

  // Request encoding ids; the response is the request id + 3 except the two 12208-series services (+1).
  private static let table: [UInt32: (name: String, operationClass: OperationClass)] = [
    397: ("ServiceFault", .other),
    422: ("FindServersRequest", .discovery),
    428: ("GetEndpointsRequest", .discovery),
    437: ("RegisterServerRequest", .discovery),
    446: ("OpenSecureChannelRequest", .other),
    452: ("CloseSecureChannelRequest", .other),
    461: ("CreateSessionRequest", .other),
    467: ("ActivateSessionRequest", .other),
    473: ("CloseSessionRequest", .other),
    479: ("CancelRequest", .other),
    488: ("AddNodesRequest", .program),
    494: ("AddReferencesRequest", .program),
    500: ("DeleteNodesRequest", .program),
    506: ("DeleteReferencesRequest", .program),
    527: ("BrowseRequest", .read),
    533: ("BrowseNextRequest", .read),
    554: ("TranslateBrowsePathsToNodeIdsRequest", .read),
    560: ("RegisterNodesRequest", .read),
    566: ("UnregisterNodesRequest", .read),
    615: ("QueryFirstRequest", .read),
    621: ("QueryNextRequest", .read),
    631: ("ReadRequest", .read),
    664: ("HistoryReadRequest", .read),
    673: ("WriteRequest", .write),
    700: ("HistoryUpdateRequest", .write),
    712: ("CallRequest", .control),
    751: ("CreateMonitoredItemsRequest", .read),
    763: ("ModifyMonitoredItemsRequest", .read),
    769: ("SetMonitoringModeRequest", .read),
    775: ("SetTriggeringRequest", .read),
    781: ("DeleteMonitoredItemsRequest", .read),
    787: ("CreateSubscriptionRequest", .read),
    793: ("ModifySubscriptionRequest", .read),
    799: ("SetPublishingModeRequest", .read),
    826: ("PublishRequest", .read),
    832: ("RepublishRequest", .read),
    841: ("TransferSubscriptionsRequest", .read),
    847: ("DeleteSubscriptionsRequest", .read),
    12208: ("FindServersOnNetworkRequest", .discovery),
    12211: ("RegisterServer2Request", .discovery),
  ]
}
