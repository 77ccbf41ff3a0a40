import Foundation

/// The one JSON encoding of every Bulkhead document (CLI output, the assessment, SARIF, batch answers): keys sorted,
/// slashes not escaped, dates as ISO 8601 and non-finite numbers refused, so the same input always gives the same
/// bytes whichever command or library wrote them.
public enum DeterministicJSON {
  /// How the document is laid out.
  public enum Layout: Sendable {
    /// Indented, one key per line (documents a person may read).
    case pretty
    /// One line (JSON-lines streams such as `trace --batch`).
    case oneLine
  }

  /// An encoder with the shared settings.
  public static func encoder(_ layout: Layout = .pretty) -> JSONEncoder {
    let encoder = JSONEncoder()
    var formatting: JSONEncoder.OutputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    if layout == .pretty { formatting.insert(.prettyPrinted) }
    encoder.outputFormatting = formatting
    encoder.dateEncodingStrategy = .iso8601
    // A NaN or an infinity in a report is a defect upstream: refuse it rather than print a number that lies.
    encoder.nonConformingFloatEncodingStrategy = .throw
    return encoder
  }

  /// The encoded bytes of `value`.
  public static func data(_ value: some Encodable, layout: Layout = .pretty) throws -> Data {
    try encoder(layout).encode(value)
  }

  /// The encoded text of `value` (UTF-8, no trailing newline).
  public static func text(_ value: some Encodable, layout: Layout = .pretty) throws -> String {
    String(decoding: try data(value, layout: layout), as: UTF8.self)
  }
}
