import BulkheadAnalysis
import BulkheadCapture
import BulkheadModel
import Foundation

extension Discovery {
  /// Compares an existing model with captures (its own when `captures` is empty) and proposes what to change: each
  /// unknown host in a zone as an asset (kind from behaviour, as in a draft), each observed cross-zone flow no
  /// conduit declares as a proposed conduit flow (or, when it may not be one, a comment saying why), hosts in no
  /// zone and declared assets never seen as comments where a person will read them. The model's own lines and
  /// comments stay as written; the amendment is the diff.
  public func amend(
    _ loaded: LoadedModel, captures: [String] = [], today: CalendarDate, toolVersion: String
  ) -> ModelAmendment {
    let plant = captures.isEmpty ? loaded.plant : Self.plant(loaded.plant, captures: captures)
    let collector = FlowCollector()
    let result = Assessor(today: today, toolVersion: toolVersion).assess(
      LoadedModel(plant: plant, diagnostics: loaded.diagnostics), onFlow: { flow, _ in collector.add(flow) })
    var servesOf: [IPAddress: [(SeenService, ServiceTally)]] = [:]
    var usesOf: [IPAddress: [(SeenService, ServiceTally)]] = [:]
    for (service, tally) in collector.sorted() {
      usesOf[service.initiator, default: []].append((service, tally))
      servesOf[service.responder, default: []].append((service, tally))
    }
    var used = Set(
      plant.zones.map(\.id) + plant.assets.map(\.id) + plant.groups.map(\.id) + plant.conduits.map(\.id))

    // Hosts the model does not know.
    var newAssets: [DiscoveredAsset] = []
    var unzoned: [SeenHost] = []
    var proposedID: [IPAddress: String] = [:]
    for host in result.seenHosts where plant.asset(at: host.address) == nil && Self.notAHost(host.address) == nil {
      guard let zone = plant.zone(containing: host.address) else {
        unzoned.append(host)
        continue
      }
      let serves = servesOf[host.address] ?? []
      let uses = usesOf[host.address] ?? []
      let role = RoleGuess.guess(address: host.address, serves: serves, uses: uses)
      let id = Self.unique(role.kind.rawValue + "-" + Self.addressIdentifier(host.address), in: used)
      used.insert(id)
      proposedID[host.address] = id
      var description = "Proposed by bulkhead discover: \(role.reason) (\(role.confidence) confidence)"
      if let place = host.seenAt { description += "; first seen at \(Self.relative(place, to: plant))" }
      let asset = Asset(
        id: id, zone: zone.id, addresses: [host.address], macs: host.macs, kind: role.kind, vendor: host.vendor,
        description: description + ".", locations: NodeLocations(entity: SourceLocation(file: plant.modelFile)))
      newAssets.append(
        DiscoveredAsset(
          asset: asset, role: role, serves: Set(serves.filter { $0.1.answeredFlows > 0 }.map(\.0.spec)).sorted(),
          uses: Set(uses.map(\.0.spec)).sorted()))
    }

    // Observed cross-zone flows no conduit declares: the traffic shadow-conduit, dmz-bypass and
    // observed-not-permitted report.
    var undeclared: [UndeclaredFlow] = []
    var conduitOf: [[String]: String] = [:]
    var flowsOf: [String: [ProposedFlowKey: [OperationClass]?]] = [:]
    var countOf: [String: Int] = [:]
    for traffic in result.traffic where traffic.key.crossesZones && traffic.answered && traffic.key.conduit == nil {
      let key = traffic.key
      guard let fromID = key.initiatorZone, let toID = key.responderZone, let from = plant.zone(id: fromID),
        let to = plant.zone(id: toID)
      else { continue }
      if key.verdict == .denied {
        undeclared.append(
          UndeclaredFlow(
            traffic: traffic,
            reason: "the firewalls drop it, yet it was answered (observed-not-permitted): find the path it took "
              + "before declaring it"))
        continue
      }
      if (from.purdue.isEnterprise && to.purdue.isControl) || (from.purdue.isControl && to.purdue.isEnterprise) {
        undeclared.append(
          UndeclaredFlow(
            traffic: traffic,
            reason: "\(fromID) (Purdue \(from.purdue)) → \(toID) (Purdue \(to.purdue)) may not be a conduit (BH312): "
              + "remove the permit or terminate the traffic in the DMZ (dmz-bypass)"))
        continue
      }
      guard let anyInitiator = traffic.flows.initiators.first, let anyResponder = traffic.flows.responders.first,
        let service = Self.modelService(
          SeenService(
            initiator: anyInitiator, responder: anyResponder, transport: key.service.transport,
            port: key.service.ports?.lower ?? 0, application: key.application))
      else {
        undeclared.append(UndeclaredFlow(traffic: traffic, reason: "\(key.service) has no spelling in the model"))
        continue
      }
      // Hosts by their asset (known or proposed), else their zone; the zones alone when the host pairs were too
      // many to keep.
      let keys = Set(
        traffic.flows.hostPairs.map { pairs in
          pairs.map { pair in
            ProposedFlowKey(
              from: Self.endpoint(pair.initiator, plant, proposedID) ?? fromID,
              to: Self.endpoint(pair.responder, plant, proposedID) ?? toID, service: service)
          }
        } ?? [ProposedFlowKey(from: fromID, to: toID, service: service)])
      let zones = [fromID, toID]
      let id: String
      if let known = conduitOf[zones] {
        id = known
      } else {
        id = Self.unique("proposed-\(fromID)-\(toID)", in: used)
        used.insert(id)
        conduitOf[zones] = id
      }
      // Operations as seen; a PDU of no known class leaves the flow unrestricted (the model cannot name it).
      let classes = key.operationClasses.compactMap(OperationClass.init(rawValue:))
      let operations: [OperationClass]? = classes.contains(.other) ? nil : classes
      for flowKey in keys {
        let merged: [OperationClass]?
        if let existing = flowsOf[id]?[flowKey] {
          merged = existing.flatMap { old in operations.map { Array(Set(old + $0)) } }
        } else {
          merged = operations
        }
        flowsOf[id, default: [:]][flowKey] = .some(merged)
      }
      countOf[id, default: 0] += traffic.flows.flows
      undeclared.append(UndeclaredFlow(traffic: traffic, conduit: id))
    }
    let location = NodeLocations(entity: SourceLocation(file: plant.modelFile))
    let conduits = conduitOf.sorted { $0.value < $1.value }.map { zones, id in
      let flows = (flowsOf[id] ?? [:]).sorted { $0.key < $1.key }.map { key, operations in
        ConduitFlow(
          from: plant.endpoint(named: key.from).known(or: key.from, proposed: proposedID),
          to: plant.endpoint(named: key.to).known(or: key.to, proposed: proposedID), services: [key.service],
          operations: (operations ?? []).sorted(), locations: location)
      }
      return Conduit(
        id: id, zones: zones, flows: flows,
        description: "Proposed by bulkhead discover from \(countOf[id] ?? 0) observed flow(s) no conduit declared; "
          + "owner, justification and review date are for a person to set.", locations: location)
    }

    let unseen = result.findings.filter { $0.ruleID == SilentAssetRule.description.id }
    let (text, patch) = Self.patch(
      plant: plant, newAssets: newAssets.map(\.asset), unzoned: unzoned, undeclared: undeclared,
      conduits: conduits, unseen: unseen, findings: result.findings)
    var diagnostics = result.diagnostics
    if text == nil {
      diagnostics.append(
        Diagnostic(.unreadableFile, "cannot read the model file to amend it", at: SourceLocation(file: plant.modelFile))
      )
    }
    return ModelAmendment(
      modelFile: plant.modelFile, newAssets: newAssets, unzonedHosts: unzoned, undeclaredFlows: undeclared,
      conduits: conduits, unseenAssets: unseen, amendedText: text ?? "", patch: patch, diagnostics: diagnostics)
  }

  /// The amended model text and its diff: assets and comments at the end of `assets:`, conduits and comments at
  /// the end of `conduits:`, a comment above each declared asset never seen; nil text when the file is unreadable.
  private static func patch(
    plant: Plant, newAssets: [Asset], unzoned: [SeenHost], undeclared: [UndeclaredFlow], conduits: [Conduit],
    unseen: [Finding], findings: [Finding]
  ) -> (String?, String) {
    guard let original = try? String(contentsOfFile: plant.modelFile, encoding: .utf8) else { return (nil, "") }
    let layout = ModelFileLayout(text: original)
    let writer = ModelWriter()
    var edits: [LineEdit] = []
    var assetNotes: [String] = []
    if !newAssets.isEmpty {
      let addresses = Set(newAssets.flatMap(\.addresses))
      let closes = Self.cited(
        findings.filter { $0.ruleID == "unknown-asset" && $0.hosts.contains(where: addresses.contains) })
      assetNotes.append("Proposed by bulkhead discover: hosts seen in traffic, not in the model\(closes).")
    }
    for host in unzoned {
      assetNotes.append(
        "bulkhead discover: \(host.address) was seen in no zone's networks"
          + (host.seenAt.map { " (first at \($0))" } ?? "") + ": add its network to a zone, or leave it outside.")
    }
    if let edit = layout.append(writer.items(assets: newAssets), to: "assets", comment: assetNotes) {
      edits.append(edit)
    }
    var conduitNotes: [String] = []
    if !conduits.isEmpty {
      let pairs = Set(conduits.map(\.zones))
      let closes = Self.cited(findings.filter { $0.ruleID == "shadow-conduit" && pairs.contains($0.zones) })
      conduitNotes.append("Proposed by bulkhead discover: observed cross-zone flows no conduit declares\(closes).")
    }
    for flow in undeclared {
      guard let reason = flow.reason else { continue }
      let key = flow.traffic.key
      let hosts =
        (flow.traffic.flows.hostPairs ?? []).prefix(3).map { "\($0.initiator) → \($0.responder)" }
        .joined(separator: ", ")
      conduitNotes.append(
        "bulkhead discover: observed, not declared, no conduit proposed: \(key.initiatorZone ?? "?") → "
          + "\(key.responderZone ?? "?") \(key.label), \(flow.traffic.flows.flows) flow(s)"
          + (hosts.isEmpty ? "" : " (\(hosts))")
          + (key.operationClasses.isEmpty ? "" : ", \(key.operationClasses.joined(separator: ", "))") + ": \(reason)"
          + Self.cited(
            findings.filter {
              ["dmz-bypass", "observed-not-permitted"].contains($0.ruleID)
                && $0.zones == [key.initiatorZone ?? "", key.responderZone ?? ""]
            }, verb: "see") + ".")
    }
    if let edit = layout.append(writer.items(conduits: conduits), to: "conduits", comment: conduitNotes) {
      edits.append(edit)
    }
    for finding in unseen where finding.location.file == plant.modelFile && finding.location.line > 0 {
      let line = finding.location.line - 1
      guard layout.lines.indices.contains(line) else { continue }
      let indent = String(layout.lines[line].prefix { $0 == " " })
      edits.append(
        LineEdit(
          line: line,
          inserting: ["\(indent)# bulkhead discover: \(finding.message) (silent-asset): still in service?"]))
    }
    let diff = UnifiedDiff(text: original, edits: edits)
    let name = (plant.modelFile as NSString).lastPathComponent
    return (diff.newText, diff.text(oldName: "a/\(name)", newName: "b/\(name)"))
  }

  /// A capture location as the model names files: relative to the model's directory when it lies inside it.
  private static func relative(_ place: SourceLocation, to plant: Plant) -> SourceLocation {
    var place = place
    let base = plant.baseDirectory.hasSuffix("/") ? plant.baseDirectory : plant.baseDirectory + "/"
    if place.file.hasPrefix(base) { place.file = String(place.file.dropFirst(base.count)) }
    return place
  }

  /// ` (closes rule fingerprint, …)`: the findings an amendment answers, as `assess --format json` names them;
  /// empty for none.
  private static func cited(_ findings: [Finding], verb: String = "closes") -> String {
    let named = Set(findings.map { "\($0.ruleID) \($0.fingerprint)" }).sorted()
    return named.isEmpty ? "" : " (\(verb) \(named.joined(separator: ", ")))"
  }

  /// The id a flow endpoint names for a host: its asset's, or the asset proposed for it.
  private static func endpoint(_ address: IPAddress, _ plant: Plant, _ proposed: [IPAddress: String]) -> String? {
    plant.asset(at: address)?.id ?? proposed[address]
  }

  /// The plant reading `captures` instead of the captures it names (which zones they watched is then inferred).
  static func plant(_ plant: Plant, captures: [String]) -> Plant {
    Plant(
      name: plant.name, description: plant.description, modelFile: plant.modelFile,
      baseDirectory: plant.baseDirectory, zones: plant.zones, assets: plant.assets, groups: plant.groups,
      conduits: plant.conduits, enforcementPoints: plant.enforcementPoints,
      captures: captures.map {
        CapturePattern(pattern: $0, resolvedPattern: $0, location: SourceLocation(file: "command line"))
      },
      inventory: plant.inventory, inventoryPath: plant.inventoryPath)
  }
}
