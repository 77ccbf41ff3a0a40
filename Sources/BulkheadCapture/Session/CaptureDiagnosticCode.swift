import BulkheadModel

/// Every diagnostic the capture stage reports, with its stable code and one-line summary (BH500–BH599).
///
/// Codes never change meaning; docs/capture.md lists them all (a test keeps the two in sync). The severity is the
/// reporter's: the same code can be an error (a record that cannot be read) or a warning (a reader that found its
/// way again), so it is given where the diagnostic is made.
public enum CaptureDiagnosticCode: String, Hashable, Sendable, CaseIterable, Codable {
  /// The file is neither pcap nor pcapng (its magic is shown).
  case notACapture = "BH501"
  /// The file cannot be opened, measured or mapped.
  case unreadableFile = "BH502"
  /// A header, record or block is cut short: the file is truncated.
  case truncated = "BH503"
  /// A record or block whose lengths contradict the file (a lying length, garbage between blocks).
  case badRecord = "BH504"
  /// The reader skipped bytes to find the next plausible record, or found none.
  case resynchronised = "BH505"
  /// Packets of a link type not decoded, or of an interface never described (said once per interface).
  case linkNotDecoded = "BH507"
  /// Fragmented IP datagrams that could not be reassembled.
  case fragmentsNotReassembled = "BH508"

  public var code: String { rawValue }

  /// A one-line summary of what the code means (the docs table repeats it).
  public var summary: String {
    switch self {
    case .notACapture: "not a pcap/pcapng file (magic shown)"
    case .unreadableFile: "file cannot be opened or mapped"
    case .truncated: "file truncated: header or record cut short (packet/block number and byte offset)"
    case .badRecord: "lying length or garbage block (packet/block number and byte offset)"
    case .resynchronised: "resynchronised after skipping N bytes, or could not"
    case .linkNotDecoded: "link type not decoded / interface never described (once per interface)"
    case .fragmentsNotReassembled: "fragmented datagrams that could not be reassembled"
    }
  }
}

extension Diagnostic {
  /// A capture-stage diagnostic (`CaptureDiagnosticCode`), about a file.
  init(_ severity: Severity, _ code: CaptureDiagnosticCode, _ message: String, at location: SourceLocation) {
    self.init(severity, code: code.code, message, at: location)
  }
}
