import BulkheadAnalysis

/// Zones in the order the reports list them: the order of the zone pairs (model order).
enum ZoneOrder {
  static func ids(_ result: AssessmentResult) -> [String] {
    var ids: [String] = []
    for record in result.zonePairs {
      if !ids.contains(record.from) { ids.append(record.from) }
      if !ids.contains(record.to) { ids.append(record.to) }
    }
    return ids
  }
}
