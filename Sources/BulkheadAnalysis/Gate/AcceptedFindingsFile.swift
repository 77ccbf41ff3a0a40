import BulkheadModel
import Foundation
import Yams

/// Reads an accepted-findings file:
///
/// ```yaml
/// accepted:
///   - fingerprint: 3f0c9d2a51e8b7a4      # from `bulkhead assess --format json`
///     rule: stale-rule                   # optional, checked
///     justification: SQL reporting returns with the 2027 MES project.
///     owner: it-operations
///     expires: 2027-03-31
/// ```
/// Every entry that cannot be used becomes a diagnostic with its line; an entry without justification, owner or
/// expiry is refused (an acceptance nobody owns is not an acceptance). A key the format does not know (a misspelt
/// `expirse:`) is a warning with its line, never silently ignored.
public enum AcceptedFindingsFile {
  /// The keys of one acceptance.
  static let entryKeys: Set<String> = ["fingerprint", "rule", "justification", "owner", "expires"]

  /// The acceptances and the problems found in the file.
  public static func read(path: String) -> (accepted: [AcceptedFinding], diagnostics: [Diagnostic]) {
    let here = SourceLocation(file: path)
    if let refusal = FileKind.refusal(path: path) {
      return ([], [Diagnostic(.error, code: "BH801", "cannot read the accepted-findings file: \(refusal)", at: here)])
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      return ([], [Diagnostic(.error, code: "BH801", "cannot read the accepted-findings file", at: here)])
    }
    let node: Node?
    do {
      node = try Yams.compose(yaml: String(decoding: data, as: UTF8.self))
    } catch {
      return ([], [Diagnostic(.error, code: "BH802", "not YAML: \(error)", at: here)])
    }
    guard let root = node?.mapping, let list = root["accepted"]?.sequence else {
      return ([], [Diagnostic(.error, code: "BH803", "expected a mapping with an `accepted:` list", at: here)])
    }
    var accepted: [AcceptedFinding] = []
    var diagnostics: [Diagnostic] = []
    diagnostics += unknownKeys(in: root, known: ["accepted"], path: path, what: "the file")
    for entry in list {
      let at = SourceLocation(file: path, line: entry.mark?.line ?? 0, column: entry.mark?.column ?? 0)
      guard let fields = entry.mapping else {
        diagnostics.append(Diagnostic(.error, code: "BH803", "an acceptance must be a mapping", at: at))
        continue
      }
      diagnostics += unknownKeys(in: fields, known: entryKeys, path: path, what: "an acceptance")
      func text(_ key: String) -> String? {
        guard let value = fields[key]?.scalar?.string, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
          return nil
        }
        return value
      }
      let missing = ["fingerprint", "justification", "owner", "expires"].filter { text($0) == nil }
      guard missing.isEmpty, let fingerprint = text("fingerprint"), let justification = text("justification"),
        let owner = text("owner"), let expiresText = text("expires")
      else {
        diagnostics.append(
          Diagnostic(.error, code: "BH804", "acceptance lacks \(missing.joined(separator: ", "))", at: at))
        continue
      }
      guard let expires = CalendarDate(expiresText) else {
        diagnostics.append(
          Diagnostic(.error, code: "BH805", "expires is not a date YYYY-MM-DD: \(expiresText)", at: at))
        continue
      }
      accepted.append(
        AcceptedFinding(
          fingerprint: fingerprint.lowercased(), rule: text("rule"), justification: justification, owner: owner,
          expires: expires, location: at))
    }
    return (accepted, diagnostics)
  }

  /// A warning (BH807) at each key of `mapping` that is not in `known`.
  static func unknownKeys(in mapping: Node.Mapping, known: Set<String>, path: String, what: String) -> [Diagnostic] {
    mapping.keys.compactMap { key -> Diagnostic? in
      let name = key.scalar?.string ?? "\(key)"
      guard !known.contains(name) else { return nil }
      let at = SourceLocation(file: path, line: key.mark?.line ?? 0, column: key.mark?.column ?? 0)
      let expected = known.sorted().joined(separator: ", ")
      return Diagnostic(
        .warning, code: "BH807", "unknown key '\(name)' in \(what) is ignored (known keys: \(expected))", at: at)
    }
  }
}
