/// The fixed order rows are written and read in, so the same input gives the same database and the same results.
enum StoredOrder {
  static func precedes(_ a: FlowBucketKey, _ b: FlowBucketKey) -> Bool {
    if a.bucket != b.bucket { return a.bucket < b.bucket }
    if a.capturePoint != b.capturePoint { return a.capturePoint < b.capturePoint }
    if a.initiator != b.initiator { return a.initiator < b.initiator }
    if a.responder != b.responder { return a.responder < b.responder }
    if a.transport != b.transport { return a.transport < b.transport }
    if a.responderPort != b.responderPort { return a.responderPort < b.responderPort }
    if a.vlan != b.vlan { return a.vlan < b.vlan }
    if a.application != b.application { return a.application < b.application }
    if a.securityMode != b.securityMode { return a.securityMode < b.securityMode }
    if a.authenticated != b.authenticated { return a.authenticated < b.authenticated }
    if a.encrypted != b.encrypted { return a.encrypted < b.encrypted }
    if a.answered != b.answered { return !a.answered }
    if a.initiatorCertain != b.initiatorCertain { return !a.initiatorCertain }
    return false
  }

  static func precedes(_ a: HostBucketKey, _ b: HostBucketKey) -> Bool {
    if a.bucket != b.bucket { return a.bucket < b.bucket }
    if a.capturePoint != b.capturePoint { return a.capturePoint < b.capturePoint }
    if a.address != b.address { return a.address < b.address }
    if a.mac != b.mac { return (a.mac?.value ?? 0, a.mac == nil ? 0 : 1) < (b.mac?.value ?? 0, b.mac == nil ? 0 : 1) }
    return !a.inFlow && b.inFlow
  }
}
