import BulkheadModel

/// OPC UA service request/response types by their DefaultBinary encoding id (OPC 10000-4 §5, NodeIds.csv), plus the
/// UA TCP connection messages (OPC 10000-6 §7.1.2) under their 3-letter codes.
enum OPCUAService {
  /// What a MSG body's type id is.
  enum Role: Equatable {
    /// The request of the service with this request encoding id.
    case request(UInt32)
    /// The response of the service with this request encoding id.
    case response(request: UInt32)
    /// ServiceFault (OPC 10000-4 §7.33), the answer to any request that failed.
    case fault
  }

  /// The role of a type id, or nil when it names no service message.
  @inline(__always) static func role(of code: UInt32) -> Role? {
    guard code < UInt32(slots.count) else { return nil }
    let slot = slots[Int(code)]
    switch slot {
    case 0: return nil
    case faultSlot: return .fault
    case responseSlots: return .response(request: services[Int(slot - responseSlots.lowerBound)].request)
    default: return .request(services[Int(slot - 1)].request)
    }
  }

  /// The request's encoding id when `code` is a response encoding id; otherwise nil.
  static func requestCode(forResponse code: UInt32) -> UInt32? {
    if case .response(let request)? = role(of: code) { return request }
    return nil
  }

  /// Whether a MSG body's type id names something this table knows: a service request or response, a
  /// ServiceFault, or a connection message code.
  static func isKnown(_ code: UInt32) -> Bool {
    role(of: code) != nil || isConnectionMessage(code)
  }

  /// The name and class of an operation code (a request encoding id, ServiceFault, or a connection message).
  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    switch role(of: code) {
    case .request?:
      if let service = services.first(where: { $0.request == code }) {
        return (service.name + "Request", service.operationClass)
      }
    case .fault?:
      return ("ServiceFault", .other)
    case .response?, nil:
      break
    }
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
  /// `ServiceFault_Encoding_DefaultBinary`.
  static let serviceFault: UInt32 = 397
  /// `OpenSecureChannelRequest_Encoding_DefaultBinary`.
  static let openSecureChannelRequest: UInt32 = 446
  /// `ActivateSessionRequest_Encoding_DefaultBinary`.
  static let activateSessionRequest: UInt32 = 467

  /// Every service of OPC 10000-4 §5 (Discovery, SecureChannel, Session, NodeManagement, View, Query, Attribute,
  /// Method, MonitoredItem, Subscription service sets), with its encodings from `NodeIds.csv`.
  static let services: [OPCUAServiceEncoding] = [
    // §5.4 Discovery
    .init(name: "FindServers", request: 422, response: 425, operationClass: .discovery),
    .init(name: "FindServersOnNetwork", request: 12208, response: 12209, operationClass: .discovery),
    .init(name: "GetEndpoints", request: 428, response: 431, operationClass: .discovery),
    .init(name: "RegisterServer", request: 437, response: 440, operationClass: .discovery),
    .init(name: "RegisterServer2", request: 12211, response: 12212, operationClass: .discovery),
    // §5.5 SecureChannel
    .init(name: "OpenSecureChannel", request: 446, response: 449, operationClass: .other),
    .init(name: "CloseSecureChannel", request: 452, response: 455, operationClass: .other),
    // §5.6 Session
    .init(name: "CreateSession", request: 461, response: 464, operationClass: .other),
    .init(name: "ActivateSession", request: 467, response: 470, operationClass: .other),
    .init(name: "CloseSession", request: 473, response: 476, operationClass: .other),
    .init(name: "Cancel", request: 479, response: 482, operationClass: .other),
    // §5.7 NodeManagement: changes the address space, i.e. the server's configuration.
    .init(name: "AddNodes", request: 488, response: 491, operationClass: .program),
    .init(name: "AddReferences", request: 494, response: 497, operationClass: .program),
    .init(name: "DeleteNodes", request: 500, response: 503, operationClass: .program),
    .init(name: "DeleteReferences", request: 506, response: 509, operationClass: .program),
    // §5.8 View
    .init(name: "Browse", request: 527, response: 530, operationClass: .read),
    .init(name: "BrowseNext", request: 533, response: 536, operationClass: .read),
    .init(name: "TranslateBrowsePathsToNodeIds", request: 554, response: 557, operationClass: .read),
    .init(name: "RegisterNodes", request: 560, response: 563, operationClass: .read),
    .init(name: "UnregisterNodes", request: 566, response: 569, operationClass: .read),
    // §5.9 Query
    .init(name: "QueryFirst", request: 615, response: 618, operationClass: .read),
    .init(name: "QueryNext", request: 621, response: 624, operationClass: .read),
    // §5.10 Attribute
    .init(name: "Read", request: 631, response: 634, operationClass: .read),
    .init(name: "HistoryRead", request: 664, response: 667, operationClass: .read),
    .init(name: "Write", request: 673, response: 676, operationClass: .write),
    .init(name: "HistoryUpdate", request: 700, response: 703, operationClass: .write),
    // §5.11 Method
    .init(name: "Call", request: 712, response: 715, operationClass: .control),
    // §5.12 MonitoredItem
    .init(name: "CreateMonitoredItems", request: 751, response: 754, operationClass: .read),
    .init(name: "ModifyMonitoredItems", request: 763, response: 766, operationClass: .read),
    .init(name: "SetMonitoringMode", request: 769, response: 772, operationClass: .read),
    .init(name: "SetTriggering", request: 775, response: 778, operationClass: .read),
    .init(name: "DeleteMonitoredItems", request: 781, response: 784, operationClass: .read),
    // §5.13 Subscription
    .init(name: "CreateSubscription", request: 787, response: 790, operationClass: .read),
    .init(name: "ModifySubscription", request: 793, response: 796, operationClass: .read),
    .init(name: "SetPublishingMode", request: 799, response: 802, operationClass: .read),
    .init(name: "Publish", request: 826, response: 829, operationClass: .read),
    .init(name: "Republish", request: 832, response: 835, operationClass: .read),
    .init(name: "TransferSubscriptions", request: 841, response: 844, operationClass: .read),
    .init(name: "DeleteSubscriptions", request: 847, response: 850, operationClass: .read),
  ]

  /// Slot values: 0 nothing, 1…64 the request of `services[slot - 1]`, 65…126 the response of
  /// `services[slot - 65]`, 127 ServiceFault.
  private static let responseSlots: ClosedRange<UInt8> = 65...126
  private static let faultSlot: UInt8 = 127

  /// One byte per type id up to the largest tabled one: an array index instead of a dictionary look-up, since this
  /// runs for every message (and a dictionary hashes).
  private static let slots: [UInt8] = {
    let largest = services.map { max($0.request, $0.response) }.max() ?? serviceFault
    var slots = [UInt8](repeating: 0, count: Int(max(largest, serviceFault)) + 1)
    for (index, service) in services.enumerated() {
      slots[Int(service.request)] = UInt8(index + 1)
      slots[Int(service.response)] = responseSlots.lowerBound + UInt8(index)
    }
    slots[Int(serviceFault)] = faultSlot
    return slots
  }()
}
