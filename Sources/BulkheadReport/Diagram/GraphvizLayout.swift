import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Lays out DOT as SVG with the Graphviz `dot` executable, when it is installed.
public struct GraphvizLayout: Sendable {
  /// The `dot` executable, if one was found.
  public let executable: String?
  /// Longest a layout may take, in seconds, before `dot` is stopped (nil: no limit). A graph Graphviz cannot lay out
  /// in reasonable time (thousands of edges) must not hold up the binder; the DOT source is written either way.
  public var timeLimit: Double?

  /// Uses the given `dot` executable.
  public init(executable: String, timeLimit: Double? = nil) {
    self.executable = executable
    self.timeLimit = timeLimit
  }

  /// Finds `dot` in the directories of `searchPath` (default: the `PATH` environment variable).
  public init(searchPath: String? = nil, timeLimit: Double? = nil) {
    executable = Self.find("dot", in: searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    self.timeLimit = timeLimit
  }

  /// Whether SVG can be produced.
  public var isAvailable: Bool { executable != nil }

  /// The SVG document `dot -Tsvg` makes of `dot`.
  public func svg(_ dot: String) throws(GraphvizError) -> String {
    String(decoding: try render(dot, format: "svg"), as: UTF8.self)
  }

  /// The PNG image `dot -Tpng` makes of `dot`.
  public func png(_ dot: String) throws(GraphvizError) -> Data {
    try render(dot, format: "png")
  }

  private func render(_ dot: String, format: String) throws(GraphvizError) -> Data {
    guard let executable else { throw .notInstalled }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["-T\(format)"]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    do {
      try process.run()
    } catch {
      throw .launch(error.localizedDescription)
    }
    // Read both pipes while writing, so a large graph cannot fill a pipe buffer and deadlock.
    let box = PipeOutput()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      box.setErrors(errors.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
      box.setOutput(output.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    // Written from another thread: `dot` may stop reading (or be stopped) before it has taken all of a large graph,
    // and a write into its closed pipe must be an error, not SIGPIPE ending this process.
    signal(SIGPIPE, SIG_IGN)
    let text = Data(dot.utf8)
    let writer = input.fileHandleForWriting
    DispatchQueue.global().async {
      try? writer.write(contentsOf: text)
      try? writer.close()
    }
    if let timeLimit, exited.wait(timeout: .now() + timeLimit) == .timedOut {
      process.terminate()
      exited.wait()
      group.wait()
      throw .timedOut(seconds: timeLimit)
    }
    if timeLimit == nil { exited.wait() }
    group.wait()
    process.waitUntilExit()
    let stderr = String(decoding: box.errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard process.terminationStatus == 0 else { throw .failed(status: process.terminationStatus, message: stderr) }
    return box.output
  }

  /// The `<svg>…</svg>` element of an SVG document, without the XML prolog and doctype, for inlining in HTML.
  public static func inlineElement(_ svg: String) -> String {
    guard let start = svg.range(of: "<svg") else { return svg }
    return String(svg[start.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static func find(_ name: String, in searchPath: String) -> String? {
    for directory in searchPath.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}
