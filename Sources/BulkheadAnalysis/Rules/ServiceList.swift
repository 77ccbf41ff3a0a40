/// Short text for a list of services: the first few, then how many more.
enum ServiceList {
  static func text(_ services: [String], limit: Int = 6) -> String {
    if services.count <= limit { return services.joined(separator: ", ") }
    return services.prefix(limit).joined(separator: ", ") + " and \(services.count - limit) more"
  }
}
