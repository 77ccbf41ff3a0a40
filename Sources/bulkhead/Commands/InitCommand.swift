import ArgumentParser
import BulkheadModel
import Foundation

/// `bulkhead init`: write a commented starter model.
struct InitCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Write a commented starter bulkhead.yaml (never overwrites an existing one)."
  )

  @Argument(help: "The directory to write bulkhead.yaml into (created if missing).")
  var directory: String = "."

  @OptionGroup var console: ConsoleOptions

  func run() throws {
    let manager = FileManager.default
    let target = (directory as NSString).appendingPathComponent(StarterModel.fileName)
    if manager.fileExists(atPath: target) {
      Console.error("\(target): error: already exists; not overwriting it")
      throw ExitCode(2)
    }
    do {
      try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try Data(StarterModel.yaml.utf8).write(to: URL(fileURLWithPath: target), options: .withoutOverwriting)
    } catch {
      Console.error("\(target): error: cannot write: \(error.localizedDescription)")
      throw ExitCode(2)
    }
    // What was written goes to standard output, as `report` lists its files (and a full disk there is exit 2).
    if !console.quiet { try Console.print("wrote \(target); edit it, then run `bulkhead validate \(directory)`") }
  }
}
