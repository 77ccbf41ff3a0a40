import BulkheadAnalysis
import BulkheadModel
import Foundation

/// Drift: what the store shows after the baseline that it did not show up to it, as findings (category `drift`),
/// each with the time it was first seen and the capture file and packet it rests on.
///
/// - `drift-conduit-first-use`: a declared conduit flow carried traffic for the first time.
/// - `drift-new-host`: a host sent traffic for the first time (with its zone, or none).
/// - `drift-new-operation`: a flow seen before carried an operation class it never had (first write on a read-only
///   conduit is high).
/// - `drift-security-downgrade`: a flow seen protected before ran with less protection (OPC UA SignAndEncrypt →
///   None, TLS → cleartext).
/// - `drift-identity-change`: a device reported another identity (firmware, serial, product) than before.
public struct DriftDetector: Sendable {
  /// The rule ids, in the order findings are produced.
  public static let ruleIDs = [
    "drift-conduit-first-use", "drift-new-host", "drift-new-operation", "drift-security-downgrade",
    "drift-identity-change",
  ]

  public let plant: Plant
  /// The plant directory: stored paths are relative to it.
  public let root: String

  public init(plant: Plant, root: String) {
    self.plant = plant
    self.root = root
  }

  /// The drift findings of `store` against `baseline`, over `window` (what came after the baseline and lies in it).
  public func findings(store: ObservationStore, baseline: Baseline, window: StoreWindow = StoreWindow())
    throws(StoreError) -> [Finding]
  {
    guard let end = baseline.windowEnd else { return [] }
    let periods = DriftPeriods(flows: try store.flowRows(), hosts: try store.hostRows(), end: end, window: window)
    let since = "since baseline \(baseline.id) (\(BaselineTime.text(end)), accepted by \(baseline.acceptedBy))"
    var findings: [Finding] = []
    findings += conduitFirstUse(periods, since: since)
    findings += newHosts(periods, since: since)
    findings += newOperations(periods, since: since)
    findings += downgrades(periods, since: since)
    findings += identityChanges(periods, since: since)
    return findings
  }

  // MARK: rules

  private func conduitFirstUse(_ periods: DriftPeriods, since: String) -> [Finding] {
    var used: Set<String> = []
    for flow in periods.before where flow.key.answered {
      if let (conduit, index) = explaining(flow.key) { used.insert("\(conduit.id)#\(index)") }
    }
    var first: [String: (Conduit, Int, StoredFlow)] = [:]
    for flow in periods.after where flow.key.answered {
      guard let (conduit, index) = explaining(flow.key) else { continue }
      let id = "\(conduit.id)#\(index)"
      guard !used.contains(id) else { continue }
      if let known = first[id], known.2.counts.firstSeen <= flow.counts.firstSeen { continue }
      first[id] = (conduit, index, flow)
    }
    return first.keys.sorted().compactMap { id in
      guard let (conduit, index, flow) = first[id] else { return nil }
      let key = DriftFlowKey(flow.key)
      return Finding(
        ruleID: "drift-conduit-first-use", severity: .low, category: .drift,
        message:
          "conduit \(conduit.id) flow \(index + 1) carried traffic for the first time \(since): \(key.summary) at "
          + BaselineTime.text(flow.counts.firstSeen),
        location: conduit.flows[index].location,
        evidence: [evidence(flow)], zones: conduit.zones, subject: id)
    }
  }

  private func newHosts(_ periods: DriftPeriods, since: String) -> [Finding] {
    periods.hostsAfter.keys.sorted().map { address in
      let first = periods.hostsAfter[address] ?? 0
      let zone = plant.zone(containing: address)?.id
      let asset = plant.asset(at: address)
      // A host of the model appearing is a change to note; one the model does not know, in a zone, more; outside
      // every zone, most.
      let severity: FindingSeverity = zone == nil ? .high : asset == nil ? .medium : .low
      let flow = periods.after.filter {
        $0.key.initiator == address || ($0.key.responder == address && $0.key.answered)
      }
      .min { $0.counts.firstSeen < $1.counts.firstSeen }
      let place = flow.map(location) ?? SourceLocation(file: "")
      return Finding(
        ruleID: "drift-new-host", severity: severity, category: .drift,
        message:
          "\(address)\(asset.map { " (\($0.id))" } ?? ", not in the model,") sent traffic for the first time "
          + "\(since), in \(zone.map { "zone \($0)" } ?? "no zone of the model"), at \(BaselineTime.text(first))",
        location: place, evidence: flow.map { [evidence($0)] } ?? [], zones: zone.map { [$0] } ?? [],
        subject: "\(address)")
    }
  }

  private func newOperations(_ periods: DriftPeriods, since: String) -> [Finding] {
    // Only flows whose operations could be seen: an encrypted session hides them, so its first readable read is
    // no new operation (the downgrade rule reports the change).
    var before: [DriftFlowKey: Set<String>] = [:]
    for flow in periods.before where flow.key.encrypted != 1 {
      before[DriftFlowKey(flow.key), default: []].formUnion(
        flow.counts.operations.filter { $0.value > 0 }.map(\.key.operationClass))
    }
    var firstOf: [String: (DriftFlowKey, String, StoredFlow)] = [:]
    for flow in periods.after {
      let key = DriftFlowKey(flow.key)
      guard let known = before[key] else { continue }  // A flow new as a whole is a new host or a first conduit use.
      for (operation, count) in flow.counts.operations where count > 0 && !known.contains(operation.operationClass) {
        let id = "\(key.summary) \(operation.operationClass)"
        if let existing = firstOf[id], existing.2.counts.firstSeen <= flow.counts.firstSeen { continue }
        firstOf[id] = (key, operation.operationClass, flow)
      }
    }
    return firstOf.keys.sorted().compactMap { id in
      guard let (key, operationClass, flow) = firstOf[id] else { return nil }
      let declared = explaining(flow.key)
      let allowed = declared.map { conduit, index in
        OperationClass(rawValue: operationClass).map { conduit.flows[index].allows($0) } ?? true
      }
      let changes = ["write", "program", "control", "file-transfer"].contains(operationClass)
      let severity: FindingSeverity = allowed == false ? .high : changes ? .medium : .low
      var message = "first \(operationClass) on \(key.summary) \(since), at \(BaselineTime.text(flow.counts.firstSeen))"
      if let (conduit, index) = declared, allowed == false {
        let permitted = conduit.flows[index].operations.map(\.rawValue).joined(separator: ", ")
        message += "; conduit \(conduit.id) allows only \(permitted)"
      }
      return Finding(
        ruleID: "drift-new-operation", severity: severity, category: .drift, message: message,
        location: location(flow), evidence: [evidence(flow)], zones: zones(key),
        subject: "\(key.initiator)>\(key.responder)/\(key.transport)/\(key.responderPort)/\(operationClass)")
    }
  }

  private func downgrades(_ periods: DriftPeriods, since: String) -> [Finding] {
    var best: [DriftFlowKey: (level: Int, mode: String)] = [:]
    for flow in periods.before {
      guard
        let level = SecurityLevelOrder.level(
          mode: flow.key.securityMode, authenticated: flow.key.authenticated, encrypted: flow.key.encrypted)
      else { continue }
      let key = DriftFlowKey(flow.key)
      if level > (best[key]?.level ?? -1) { best[key] = (level, flow.key.securityMode) }
    }
    var worst: [DriftFlowKey: (level: Int, flow: StoredFlow)] = [:]
    for flow in periods.after {
      let key = DriftFlowKey(flow.key)
      guard let before = best[key],
        let level = SecurityLevelOrder.level(
          mode: flow.key.securityMode, authenticated: flow.key.authenticated, encrypted: flow.key.encrypted),
        level < before.level
      else { continue }
      if let known = worst[key],
        known.level < level || (known.level == level && known.flow.counts.firstSeen <= flow.counts.firstSeen)
      {
        continue
      }
      worst[key] = (level, flow)
    }
    return worst.keys.sorted().compactMap { key in
      guard let (level, flow) = worst[key], let before = best[key] else { return nil }
      let from = SecurityLevelOrder.name(before.level, mode: before.mode)
      let to = SecurityLevelOrder.name(level, mode: flow.key.securityMode)
      return Finding(
        ruleID: "drift-security-downgrade", severity: .high, category: .drift,
        message: "\(key.summary) ran with \(to) where it ran with \(from) up to the baseline (\(since)), at "
          + BaselineTime.text(flow.counts.firstSeen),
        location: location(flow), evidence: [evidence(flow)], zones: zones(key),
        subject: "\(key.initiator)>\(key.responder)/\(key.transport)/\(key.responderPort)/\(key.application)")
    }
  }

  private func identityChanges(_ periods: DriftPeriods, since: String) -> [Finding] {
    // A device's identity: what flows answered by it (or opened by it) revealed, by source (modbus-43/14, …).
    func identities(_ flows: [StoredFlow]) -> [String: (Set<FlowBucketCounts.Identity>, StoredFlow)] {
      var result: [String: (Set<FlowBucketCounts.Identity>, StoredFlow)] = [:]
      for flow in flows where !flow.counts.identities.isEmpty {
        for identity in flow.counts.identities {
          let id = "\(flow.key.responder)|\(identity.source)"
          var entry = result[id] ?? ([], flow)
          entry.0.insert(identity)
          if flow.counts.firstSeen < entry.1.counts.firstSeen { entry.1 = flow }
          result[id] = entry
        }
      }
      return result
    }
    let before = identities(periods.before)
    let after = identities(periods.after)
    return after.keys.sorted().compactMap { id in
      guard let (seen, flow) = after[id], let (known, _) = before[id] else { return nil }
      let changed = seen.subtracting(known)
      guard let now = changed.sorted().first, let was = known.sorted().first else { return nil }
      return Finding(
        ruleID: "drift-identity-change", severity: .medium, category: .drift,
        message: "\(flow.key.responder) reports \(now.summary) where it reported \(was.summary) up to the baseline "
          + "(\(now.source), \(since)), at \(BaselineTime.text(flow.counts.firstSeen))",
        location: location(flow), evidence: [evidence(flow)], zones: zones(DriftFlowKey(flow.key)),
        subject: "\(flow.key.responder)/\(now.source)")
    }
  }

  // MARK: helpers

  /// The conduit flow that declares this traffic (the assessment's reconciler matches the same way: initiator in
  /// `from`, responder in `to`, service listed).
  private func explaining(_ key: StoredFlowKey) -> (Conduit, Int)? {
    for conduit in plant.conduits {
      for (index, flow) in conduit.flows.enumerated() {
        guard plant.endpoint(flow.from, contains: key.initiator), plant.endpoint(flow.to, contains: key.responder),
          flow.services.contains(where: { $0.contains(ipProtocol: key.transport, port: key.responderPort) })
        else { continue }
        return (conduit, index)
      }
    }
    return nil
  }

  private func zones(_ key: DriftFlowKey) -> [String] {
    guard let from = plant.zone(containing: key.initiator)?.id, let to = plant.zone(containing: key.responder)?.id
    else { return [] }
    return [from, to]
  }

  private func location(_ flow: StoredFlow) -> SourceLocation {
    let file = flow.counts.firstFile
    let path = file.hasPrefix("/") || file.hasPrefix("live:") ? file : (root as NSString).appendingPathComponent(file)
    return SourceLocation(file: path, line: flow.counts.firstPacket)
  }

  private func evidence(_ flow: StoredFlow) -> Evidence {
    let key = DriftFlowKey(flow.key)
    let operations = flow.counts.operations.filter { $0.value > 0 }.map { "\($0.key.name) ×\($0.value)" }.sorted()
    return Evidence(
      .observedFlow,
      "observed \(key.summary): \(flow.counts.flows) flow\(flow.counts.flows == 1 ? "" : "s")"
        + (operations.isEmpty ? "" : ", " + operations.joined(separator: ", ")) + ", first "
        + BaselineTime.text(flow.counts.firstSeen),
      at: location(flow))
  }
}

/// Times as drift findings print them (UTC, RFC 3339 to the second).
enum BaselineTime {
  static func text(_ seconds: Double) -> String {
    ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))
  }
}
