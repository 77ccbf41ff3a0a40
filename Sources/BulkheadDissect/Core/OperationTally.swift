import BulkheadModel

/// How often one operation (function code, service) was seen on a flow.
public struct OperationTally: Hashable, Comparable, Sendable, Codable {
  /// The wire code of the operation (function code, service code, node id), protocol specific.
  public var code: UInt32
  /// The operation's name as the protocol's specification spells it, e.g. `READ_HOLDING_REGISTERS`.
  public var name: String
  /// What the operation does.
  public var operationClass: OperationClass
  /// Requests seen (initiator to responder, or a master's command).
  public var requests: Int
  /// Normal responses seen.
  public var responses: Int
  /// Exception or error responses seen.
  public var exceptions: Int

  /// Creates a tally.
  public init(
    code: UInt32, name: String, operationClass: OperationClass, requests: Int = 0, responses: Int = 0,
    exceptions: Int = 0
  ) {
    self.code = code
    self.name = name
    self.operationClass = operationClass
    self.requests = requests
    self.responses = responses
    self.exceptions = exceptions
  }

  /// All PDUs of this operation.
  public var total: Int { requests + responses + exceptions }

  public static func < (lhs: OperationTally, rhs: OperationTally) -> Bool {
    (lhs.code, lhs.name) < (rhs.code, rhs.name)
  }
}
