import ArgumentParser
import BulkheadAnalysis
import BulkheadModel
import Foundation

/// `--git-ref REF`: the plant's firewall configs as committed at REF become today's side of a what-if and the
/// working tree's the proposed one (the pull request's change). Reads the repository with `git show`; writes
/// nothing in it.
enum GitBaseline {
  /// The committed configs that differ from the working tree's, written under `directory` (by enforcement point
  /// id, so that two configs of the same name do not collide). A ref or path git cannot show is its message on
  /// standard error and exit status 2.
  static func committedConfigs(of plant: Plant, at ref: String, into directory: String) throws -> [ProposedConfig] {
    var committed: [ProposedConfig] = []
    for point in plant.enforcementPoints {
      guard let path = point.configPath else { continue }
      let folder = (path as NSString).deletingLastPathComponent
      let name = (path as NSString).lastPathComponent
      let shown = try git(["-C", folder.isEmpty ? "." : folder, "show", "\(ref):./\(name)"])
      guard shown.status == 0 else {
        Console.error("\(path): error: git cannot show it at \(ref): \(shown.error.trimmingCharacters(in: .newlines))")
        throw ExitCode(2)
      }
      let current = FileManager.default.contents(atPath: path)
      if current == shown.output { continue }
      let target = directory + "/\(point.id)/\(name)"
      try FileManager.default.createDirectory(
        atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try shown.output.write(to: URL(fileURLWithPath: target))
      committed.append(ProposedConfig(enforcementPoint: point.id, path: target))
    }
    return committed
  }

  /// Loads the model, puts the configs committed at `ref` in place of the working tree's as today, and compares
  /// with the working tree's; nil when no config changed since `ref` (a message on standard error says so).
  static func compare(
    _ path: String, ref: String, date: DateOptions, paths: PlantPathOptions, history: HistoryOptions
  ) throws -> WhatIfResult? {
    let loaded = try ModelInput.load(path, today: date.day, allowOutside: paths.allowOutside)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-git-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let committed = try committedConfigs(of: loaded.plant, at: ref, into: directory)
    guard !committed.isEmpty else {
      Console.inform("no firewall config of the model changed since \(ref): nothing to compare")
      return nil
    }
    let working = committed.compactMap { change in
      loaded.plant.enforcementPoint(id: change.enforcementPoint)?.configPath.map {
        ProposedConfig(enforcementPoint: change.enforcementPoint, path: $0)
      }
    }
    let today: Plant
    do {
      today = try WhatIfAnalyzer.plant(loaded.plant, proposing: committed)
    } catch {
      Console.error("error: \(error)")
      throw ExitCode(2)
    }
    return try WhatIfInput.compare(
      LoadedModel(plant: today, diagnostics: loaded.diagnostics), proposing: working, date: date, history: history)
  }

  /// Runs git; its standard output as bytes, its standard error as text.
  private static func git(_ arguments: [String]) throws -> (status: Int32, output: Data, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do {
      try process.run()
    } catch {
      Console.error("error: cannot run git: \(error.localizedDescription)")
      throw ExitCode(2)
    }
    // Standard error is read beside standard output so that neither pipe fills while the other is drained.
    let errors = Slot()
    let reading = DispatchGroup()
    DispatchQueue.global().async(group: reading) { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    reading.wait()
    process.waitUntilExit()
    return (process.terminationStatus, data, String(decoding: errors.data, as: UTF8.self))
  }

  /// Where the reader leaves standard error.
  private final class Slot: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Data()
    var data: Data {
      get { lock.withLock { value } }
      set { lock.withLock { value = newValue } }
    }
  }
}
