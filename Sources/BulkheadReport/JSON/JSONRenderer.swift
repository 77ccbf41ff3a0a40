import BulkheadAnalysis
import Foundation

/// The assessment as one JSON document (documented in docs/assess-json.md): sorted keys, stable order.
public struct JSONRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The JSON text.
  public func render(_ result: AssessmentResult) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(result), as: UTF8.self) + "\n"
  }
}
