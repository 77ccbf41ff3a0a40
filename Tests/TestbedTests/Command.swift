import Foundation

/// Runs one external program with a deadline, its output collected in files so a chatty program never blocks.
struct Command {
  /// What the program did: exit status, both outputs, and whether the deadline stopped it.
  struct Result {
    var status: Int32
    var output: String
    var errorOutput: String
    var timedOut: Bool

    /// True when the program exited by itself with status 0.
    var succeeded: Bool { status == 0 && !timedOut }
  }

  var arguments: [String]
  var timeout: TimeInterval
  var environment: [String: String] = [:]

  init(_ arguments: String..., timeout: TimeInterval) {
    self.arguments = arguments
    self.timeout = timeout
  }

  /// Polls until `process` has exited or `timeout` has passed; never blocks without a bound (Foundation's
  /// `waitUntilExit` waits for every descendant holding its watch descriptor). Returns whether it exited.
  static func waitForExit(of process: Process, timeout: TimeInterval) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.05)
    }
    return !process.isRunning
  }

  func run() throws -> Result {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("bulkhead-command-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)

    let process = Process()
    // /usr/bin/env resolves the program on PATH (ip, tshark and tcpdump live in /usr/sbin or /usr/bin).
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outHandle
    process.standardError = errHandle
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = (env["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin"
    env.merge(environment) { _, new in new }
    process.environment = env
    try process.run()

    let timedOut = !Self.waitForExit(of: process, timeout: timeout)
    if timedOut {
      process.terminate()
      if !Self.waitForExit(of: process, timeout: 10) {
        kill(process.processIdentifier, SIGKILL)
        _ = Self.waitForExit(of: process, timeout: 10)
      }
    }
    try outHandle.close()
    try errHandle.close()
    return Result(
      status: process.isRunning ? -1 : process.terminationStatus,
      output: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
      errorOutput: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
      timedOut: timedOut
    )
  }
}
