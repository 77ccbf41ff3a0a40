import Foundation

/// Runs the built `bulkhead` with a chosen standard output (a pipe, `/dev/full`, …) and a deadline, so a command
/// that would hang fails its test instead of the suite.
enum CommandRunner {
  struct Outcome {
    var status: Int32
    var out: String
    var err: String
    /// Whether the deadline passed and the process was killed.
    var timedOut: Bool
  }

  /// Runs `bulkhead arguments` in the package root; `stdout` nil captures standard output into `out`.
  static func run(_ arguments: [String], stdout: FileHandle? = nil, deadline: TimeInterval = 120) throws -> Outcome {
    let process = Process()
    process.executableURL = try ValidateCommandTests.binary()
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: ValidateCommandTests.packageRoot)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = stdout ?? out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Drain both pipes while waiting, so a large output cannot block the child.
    let collected = Collected()
    let group = DispatchGroup()
    for (pipe, isOut) in [(out, true), (err, false)] where isOut ? stdout == nil : true {
      group.enter()
      DispatchQueue.global().async {
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        collected.set(data, out: isOut)
        group.leave()
      }
    }
    let start = Date()
    var timedOut = false
    while process.isRunning {
      if Date().timeIntervalSince(start) > deadline {
        timedOut = true
        process.terminate()
        break
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
    process.waitUntilExit()
    if stdout != nil { try? out.fileHandleForWriting.close() }
    group.wait()
    return Outcome(
      status: process.terminationStatus, out: String(decoding: collected.out, as: UTF8.self),
      err: String(decoding: collected.err, as: UTF8.self), timedOut: timedOut)
  }

  /// A fresh temporary directory (the caller removes it).
  static func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var out = Data()
    private(set) var err = Data()

    func set(_ data: Data, out isOut: Bool) {
      lock.lock()
      if isOut { out = data } else { err = data }
      lock.unlock()
    }
  }
}
