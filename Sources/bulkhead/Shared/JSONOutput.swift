import Foundation

/// Encodes command results as deterministic JSON (sorted keys, no escaped slashes).
enum JSONOutput {
  /// The JSON text of `value`, or a JSON error object if it cannot be encoded.
  static func text(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
      return #"{"error": "could not encode the result as JSON"}"#
    }
    return text
  }
}
