import BulkheadModel

extension FlowEndpoint {
  /// The endpoint an id names in the amended model: what the plant says, or an asset the amendment proposes.
  func known(or id: String, proposed: [IPAddress: String]) -> FlowEndpoint {
    if case .unknown = self, proposed.values.contains(id) { return .asset(id) }
    return self
  }
}
