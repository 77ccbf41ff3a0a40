import ArgumentParser
import Foundation

/// `-o/--output FILE`: where a command writes what it would print, on every command that prints a report.
struct OutputOptions: ParsableArguments {
  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
  var output: String?

  /// Writes `text` and a newline to the file, or to standard output without `--output`.
  func write(_ text: String) throws(OutputError) {
    try OutputFile.write(Data((text + "\n").utf8), to: output)
  }

  /// Writes what `produce` hands to its `write` (a chunk at a time: output too large to hold whole) to the file,
  /// or to standard output without `--output`.
  func stream(_ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
    guard let output else {
      try produce { try Console.write(Data($0)) }
      return
    }
    let descriptor = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw OutputError(destination: output, errorNumber: errno) }
    do {
      try produce { try Console.write(Data($0), to: descriptor, named: output) }
    } catch {
      close(descriptor)
      throw error
    }
    if close(descriptor) != 0 { throw OutputError(destination: output, errorNumber: errno) }
  }

  /// Whether text output may carry colours: only on a terminal's standard output, never with `NO_COLOR` set.
  var colors: Bool { output == nil && Console.colorsStandardOutput() }
}
