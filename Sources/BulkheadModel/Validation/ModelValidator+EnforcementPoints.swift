import Foundation

extension ModelValidator {
  // MARK: Enforcement points

  func checkEnforcementPoints(_ plant: Plant, into out: inout [Diagnostic]) {
    for point in plant.enforcementPoints {
      for interface in point.interfaces.keys.sorted() {
        for (index, zoneID) in point.zones(behind: interface).enumerated() where plant.zone(id: zoneID) == nil {
          out.append(
            Diagnostic(
              .interfaceFacesUnknownZone,
              "interface '\(interface)' of enforcement point '\(point.id)' faces unknown zone '\(zoneID)'",
              at: point.locations.of("interfaces.\(interface)", index: index)))
        }
      }
      if point.config == nil {
        out.append(
          Diagnostic(
            .configNotGiven, "enforcement point '\(point.id)' has no 'config'; its rules cannot be checked",
            at: point.location))
      }
    }
  }

  // MARK: Captures

  func checkCaptures(_ plant: Plant, into out: inout [Diagnostic]) {
    for capture in plant.captures {
      let name = "capture '\(capture.pattern)'"
      if let pointID = capture.enforcementPoint {
        if let point = plant.enforcementPoint(id: pointID) {
          if let interface = capture.interface, point.interfaces[interface] == nil {
            let known = point.interfaces.keys.sorted().joined(separator: ", ")
            out.append(
              Diagnostic(
                .unknownInterface, "\(name): enforcement point '\(pointID)' has no interface '\(interface)' (\(known))",
                at: capture.locations.of("interface")))
          }
        } else {
          out.append(
            Diagnostic(
              .unknownEnforcementPoint, "\(name) was recorded at unknown enforcement point '\(pointID)'",
              at: capture.locations.of("enforcement_point")))
        }
      }
      for (index, zone) in capture.zones.enumerated() where plant.zone(id: zone) == nil {
        out.append(
          Diagnostic(
            .unknownZone, "\(name) observes unknown zone '\(zone)'", at: capture.locations.of("zones", index: index)))
      }
    }
  }
}
