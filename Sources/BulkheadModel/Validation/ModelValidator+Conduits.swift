import Foundation

extension ModelValidator {
  // MARK: Conduits

  func checkConduits(_ plant: Plant, into out: inout [Diagnostic]) {
    for conduit in plant.conduits {
      let name = "conduit '\(conduit.id)'"
      var known: [Zone] = []
      var seen: Set<String> = []
      for (index, zoneID) in conduit.zones.enumerated() {
        let location = conduit.locations.of("between", index: index)
        if seen.contains(zoneID) {
          out.append(Diagnostic(.conduitJoinsZoneToItself, "\(name) joins zone '\(zoneID)' to itself", at: location))
          continue
        }
        seen.insert(zoneID)
        if let zone = plant.zone(id: zoneID) {
          known.append(zone)
        } else {
          out.append(Diagnostic(.unknownZone, "\(name) joins unknown zone '\(zoneID)'", at: location))
        }
      }
      if seen.count < 2 && conduit.zones.count < 2 {
        out.append(
          Diagnostic(
            .conduitTooFewZones, "\(name) must join at least two zones; it lists \(conduit.zones.count)",
            at: conduit.locations.of("between")))
      }
      // IEC 62443-3-2 ZCR 3.1 / the Purdue DMZ rule: traffic between enterprise (4–5) and control (0–2) must
      // terminate in the DMZ (3.5); a conduit joining the two directly is the design flaw the seed ranks first.
      for enterprise in known where enterprise.purdue.isEnterprise {
        for control in known where control.purdue.isControl {
          out.append(
            Diagnostic(
              .conduitBypassesDMZ,
              "\(name) joins enterprise zone '\(enterprise.id)' (Purdue \(enterprise.purdue)) directly to control "
                + "zone '\(control.id)' (Purdue \(control.purdue)); route it through the DMZ (3.5)",
              at: conduit.locations.of("between")))
        }
      }
      if conduit.owner?.isEmpty ?? true {
        out.append(Diagnostic(.conduitWithoutOwner, "\(name) has no owner", at: conduit.location))
      }
      if conduit.justification?.isEmpty ?? true {
        out.append(Diagnostic(.conduitWithoutJustification, "\(name) has no justification", at: conduit.location))
      }
      if let reviewBy = conduit.reviewBy, reviewBy < today {
        out.append(
          Diagnostic(
            .conduitReviewOverdue, "\(name) was due for review on \(reviewBy) (today is \(today))",
            at: conduit.locations.of("review_by")))
      }
      if conduit.flows.isEmpty {
        out.append(Diagnostic(.conduitWithoutFlows, "\(name) allows no flow", at: conduit.location))
      }
      checkFlows(of: conduit, in: plant, into: &out)
      checkEnforcement(of: conduit, in: plant, into: &out)
    }
  }

  private func checkFlows(of conduit: Conduit, in plant: Plant, into out: inout [Diagnostic]) {
    let name = "conduit '\(conduit.id)'"
    for flow in conduit.flows {
      for (key, endpoint) in [("from", flow.from), ("to", flow.to)] {
        let location = flow.locations.of(key)
        if case .unknown(let id) = endpoint {
          out.append(
            Diagnostic(
              .unknownEndpoint, "flow '\(key)' of \(name) names '\(id)', which is no zone, asset or group", at: location
            ))
          continue
        }
        let outside = plant.zones(of: endpoint).filter { !conduit.joins($0) }
        if !outside.isEmpty {
          out.append(
            Diagnostic(
              .flowEndpointOutsideConduit,
              "flow '\(key)' of \(name) is \(endpoint), in zone '\(outside.joined(separator: "', '"))', which the "
                + "conduit does not join (\(conduit.zones.joined(separator: ", ")))",
              at: location))
        }
      }
    }
    // In a conduit that does not join two distinct zones (BH311/BH317) every flow stays inside one; say it once.
    for flow in conduit.flows where Set(conduit.zones).count >= 2 {
      let fromZones = plant.zones(of: flow.from)
      let toZones = plant.zones(of: flow.to)
      if fromZones.count == 1 && fromZones == toZones {
        out.append(
          Diagnostic(
            .flowWithinOneZone,
            "flow \(flow.from) → \(flow.to) of \(name) stays inside zone '\(fromZones[0])'; it never crosses the conduit",
            at: flow.location))
      }
    }
    if conduit.controls.unidirectional {
      // A data diode passes traffic one way (IEC 62443-3-3 SR 5.2 RE 3): every flow must start on the same side.
      let initiators = Set(conduit.flows.flatMap { plant.zones(of: $0.from) })
      let responders = Set(conduit.flows.flatMap { plant.zones(of: $0.to) })
      if let both = initiators.intersection(responders).sorted().first {
        out.append(
          Diagnostic(
            .unidirectionalBothWays,
            "\(name) is unidirectional, but zone '\(both)' both opens and answers flows through it",
            at: conduit.locations.of("controls.unidirectional")))
      }
    }
    if let proxy = conduit.controls.proxy {
      if case .unknown = plant.endpoint(named: proxy) {
        out.append(
          Diagnostic(
            .unknownEndpoint, "proxy '\(proxy)' of \(name) is no asset", at: conduit.locations.of("controls.proxy")))
      } else {
        // A flow goes through the proxy when one of its ends is the proxy and nothing else; a zone endpoint that
        // merely contains the proxy also admits every other asset of the zone.
        let proxyAssets = Set(plant.assets(of: plant.endpoint(named: proxy)))
        func isProxy(_ endpoint: FlowEndpoint) -> Bool {
          let assets = plant.assets(of: endpoint)
          return !assets.isEmpty && proxyAssets.isSuperset(of: assets)
        }
        for flow in conduit.flows where !isProxy(flow.from) && !isProxy(flow.to) {
          out.append(
            Diagnostic(
              .flowBypassesProxy,
              "flow \(flow.from) → \(flow.to) of \(name) neither starts nor ends at its proxy '\(proxy)'",
              at: flow.location))
        }
      }
    }
  }

  private func checkEnforcement(of conduit: Conduit, in plant: Plant, into out: inout [Diagnostic]) {
    let name = "conduit '\(conduit.id)'"
    for (index, pointID) in conduit.enforcedBy.enumerated() {
      let location = conduit.locations.of("enforced_by", index: index)
      guard let point = plant.enforcementPoint(id: pointID) else {
        out.append(
          Diagnostic(
            .unknownEnforcementPoint, "\(name) is enforced by unknown enforcement point '\(pointID)'", at: location))
        continue
      }
      // Traffic crosses a firewall only between zones behind different interfaces (the firewall stage's path rule).
      let faced = conduit.zones.map { Set(point.interfaces(facing: $0)) }.filter { !$0.isEmpty }
      let crosses = faced.contains { a in faced.contains { b in a != b } }
      if !crosses {
        let why =
          faced.count >= 2
          ? "reaches every zone of \(name) through the same interface"
          : "faces \(faced.isEmpty ? "no" : "only one") zone of \(name)"
        out.append(
          Diagnostic(
            .enforcementPointMissesConduit,
            "enforcement point '\(pointID)' \(why); the conduit's traffic never crosses it",
            at: location))
      }
    }
  }
}
