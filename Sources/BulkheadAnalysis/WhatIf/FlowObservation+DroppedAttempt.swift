extension FlowObservation {
  /// The flow as a firewall that drops its first packet would leave it: the initiator's attempt, unanswered, with
  /// nothing its protocol said (no payload crossed, so no application, operations or security facts; the packet and
  /// byte counts stay as captured).
  var droppedAttempt: FlowObservation {
    var flow = self
    flow.answered = false
    flow.application = nil
    flow.operations = [:]
    flow.operationNames = [:]
    flow.authenticated = nil
    flow.encrypted = nil
    flow.securityMode = nil
    return flow
  }
}
