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

  /// Whether text output may carry colours: only on a terminal's standard output, never with `NO_COLOR` set.
  var colors: Bool { output == nil && Console.colorsStandardOutput() }
}
