import ArgumentParser
import BulkheadModel
import BulkheadReport
import Foundation

/// `bulkhead diagram`: one diagram as Graphviz DOT or SVG.
struct DiagramCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diagram",
    abstract: "Print the zones-and-conduits diagram or the observed traffic graph as DOT or SVG.",
    discussion: """
      --kind zones: zones as clusters of their assets by Purdue level, conduit edges styled by status (solid \
      declared+configured+observed, dashed red undeclared, bold red DMZ bypass, dotted grey blocked). --kind \
      traffic: hosts seen and flows by protocol, unknown hosts highlighted. SVG needs Graphviz `dot`. Exit status: \
      0 written, 2 the model cannot be read or SVG was asked for without Graphviz.
      """)

  /// What to print.
  enum Format: String, CaseIterable, ExpressibleByArgument {
    case dot, svg
  }

  @Argument(help: "The plant: a directory holding bulkhead.yaml, or the model file.")
  var path: String = "."

  @Option(help: "Which diagram: zones or traffic.")
  var kind: DiagramKind = .zones

  @Option(help: "Output format: dot or svg.")
  var format: Format = .dot

  @Option(help: "Judge dates as of this day, YYYY-MM-DD (default: today).")
  var today: String?

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  func validate() throws {
    if let today, CalendarDate(today) == nil {
      throw ValidationError("--today must be a date YYYY-MM-DD, got \(today)")
    }
  }

  func run() throws {
    let (result, plant) = try ReportCommand.assess(path: path, today: today)
    var text = DOTRenderer().render(kind, result: result, plant: plant)
    if format == .svg {
      do {
        text = try GraphvizLayout().svg(text)
      } catch {
        ReportCommand.printError("error: \(error)")
        throw ExitCode(2)
      }
    }
    if let output {
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: output))
      } catch {
        ReportCommand.printError("\(output): error: cannot write: \(error.localizedDescription)")
        throw ExitCode(2)
      }
    } else {
      FileHandle.standardOutput.write(Data(text.utf8))
    }
  }
}

extension DiagramKind: ExpressibleByArgument {}
