import BulkheadModel
import Foundation

/// Runs `bulkhead trace --batch`: one JSON probe per input line, one JSON answer per output line, same order.
public struct BatchTracer: Sendable {
  /// The tracer over the parsed ruleset (parsed once for the whole batch).
  public let tracer: Tracer
  /// The entry chain or hook.
  public let entry: String

  /// Creates a batch runner.
  public init(tracer: Tracer, entry: String) {
    self.tracer = tracer
    self.entry = entry
  }

  /// Answers one input line; blank lines yield `nil` (no output line), unreadable ones an error answer.
  public func answer(line: Substring) -> (json: String, failed: Bool)? {
    let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty { return nil }
    let answer: BatchAnswer
    var failed = false
    do {
      let probe = try JSONDecoder().decode(BatchProbe.self, from: Data(trimmed.utf8))
      answer = BatchAnswer(id: probe.id, result: tracer.trace(probe.packet, entry: entry, recordingPath: false))
    } catch {
      failed = true
      var id: String? = nil
      if let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] {
        id = (object["id"] as? String) ?? (object["id"] as? Int).map(String.init)
      }
      let message = (error as? BatchProbe.ProbeError)?.description ?? "unreadable probe: \(error)"
      answer = BatchAnswer(id: id, error: message)
    }
    guard let json = try? DeterministicJSON.text(answer, layout: .oneLine) else {
      return ("{\"error\":\"encoding failed\"}", true)
    }
    return (json, failed)
  }
}
