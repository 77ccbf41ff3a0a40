import Foundation

/// A Zeek TSV log: `#fields` header, tab-separated rows.
struct ZeekLog {
  var fields: [String] = []
  var rows: [[String: String]] = []
  /// The same rows by position (ICSNPP baselines cut with `zeek-cut -n` have no `#fields` line).
  var values: [[String]] = []

  init(path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    for line in text.split(separator: "\n") {
      if line.hasPrefix("#fields") {
        fields = line.split(separator: "\t").dropFirst().map(String.init)
      } else if !line.hasPrefix("#") {
        let values = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        self.values.append(values)
        var row: [String: String] = [:]
        for (index, field) in fields.enumerated() where index < values.count { row[field] = values[index] }
        rows.append(row)
      }
    }
  }

  /// Counts per flow key (`orig_h:orig_p-resp_h:resp_p`) of `name(row)`, skipping rows where it is nil.
  func counts(_ names: ([String]) -> [String]) -> [String: [String: Int]] {
    var result: [String: [String: Int]] = [:]
    for row in values where row.count > 5 {
      // Every Zeek log starts ts, uid, id.orig_h, id.orig_p, id.resp_h, id.resp_p.
      let key = "\(row[2]):\(row[3])-\(row[4]):\(row[5])"
      for value in names(row) { result[key, default: [:]][value, default: 0] += 1 }
    }
    return result
  }
}
