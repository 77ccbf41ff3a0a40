import Foundation

/// Applies a unified diff with the system's `patch` (as a person reviewing the amendment would), in `directory`.
enum PatchApplier {
  static func apply(_ diff: String, in directory: String) throws -> (status: Int32, output: String) {
    let file = directory + "/proposed.patch"
    try Data(diff.utf8).write(to: URL(fileURLWithPath: file))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["patch", "-p1", "--batch", "--no-backup-if-mismatch", "-i", file]
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try? FileManager.default.removeItem(atPath: file)
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  static func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-amend-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
