import Foundation

/// Every frame of one capture file, read once with tshark.
struct CaptureTable {
  var name: String
  var rows: [PacketRow]

  /// Reads `directory/captures/<name>.pcap`; a file tshark cannot read is an error naming the file.
  init(name: String, directory: URL) throws {
    let path = directory.appendingPathComponent("captures/\(name).pcap").path
    var arguments = ["tshark", "-n", "-r", path, "-T", "fields", "-E", "separator=/t"]
    for field in PacketRow.tsharkFields { arguments += ["-e", field] }
    var command = Command(timeout: 120)
    command.arguments = arguments
    let result = try command.run()
    guard result.succeeded else {
      throw CaptureError(file: path, message: "tshark exit \(result.status): \(result.errorOutput.suffix(500))")
    }
    self.name = name
    rows = result.output.split(separator: "\n").compactMap { line in
      PacketRow(fields: line.split(separator: "\t", omittingEmptySubsequences: false))
    }
  }

  /// Frames matching `predicate`.
  func count(where predicate: (PacketRow) -> Bool) -> Int {
    rows.lazy.filter(predicate).count
  }
}

/// A capture file the checks could not read.
struct CaptureError: Error, CustomStringConvertible {
  var file: String
  var message: String
  var description: String { "\(file): \(message)" }
}
