import ArgumentParser
import BulkheadBench
import BulkheadModel

/// `bulkhead bench assess`: an assessment's stage split (read+dissect, reconcile, rules, render) and peak RSS.
struct BenchAssessCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "assess",
    abstract: "Time an assessment of a plant stage by stage (captures should be in the page cache).",
    discussion: """
      Prints the wall-clock seconds, MB/s of capture and the peak resident memory so far after each stage: loading \
      the model, the firewalls, the captures (read with every dissector and reconciled as flows finish), the zone \
      matrix, the rules, and rendering text, JSON and SARIF (with their sizes). A separate pass reads the same \
      captures with the dissectors and reconciles nothing, to split read+dissect from reconcile (--no-split skips \
      it; its memory then does not count in the peak). Generate a plant with \
      Benchmarks/gen-riverside-capture.py.
      """)

  @Argument(help: "The plant: a directory holding bulkhead.yaml, or the model file.")
  var path: String = "."

  @OptionGroup var date: DateOptions

  @Flag(help: "Skip the read-only pass that splits read+dissect from reconcile.")
  var noSplit = false

  @OptionGroup var console: ConsoleOptions

  func run() throws {
    let benchmark = AssessBenchmark(plant: path, today: date.day, split: !noSplit)
    do {
      try benchmark.run { try Console.print($0) }
    } catch let error as ModelLoadError {
      Console.error(error.diagnostic.description)
      throw ExitCode(2)
    }
  }
}
