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
      traffic: hosts seen and flows by protocol, unknown hosts highlighted. SVG and PNG need Graphviz `dot`. Exit \
      status: 0 written, 2 the model cannot be read or SVG/PNG was asked for without Graphviz.
      """)

  /// What to print.
  enum Format: String, CaseIterable, ExpressibleByArgument {
    case dot, svg, png
  }

  @Argument(help: "The plant: a directory holding bulkhead.yaml, or the model file.")
  var path: String = "."

  @Option(help: "Which diagram: zones or traffic.")
  var kind: DiagramKind = .zones

  @Option(help: "Output format: dot, svg or png (svg and png need Graphviz).")
  var format: Format = .dot

  @Option(help: "Judge dates as of this day, YYYY-MM-DD (default: today).")
  var today: String?

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  @OptionGroup var paths: PlantPathOptions

  func validate() throws {
    if let today, CalendarDate(today) == nil {
      throw ValidationError("--today must be a date YYYY-MM-DD, got \(today)")
    }
  }

  func run() throws {
    let (result, plant) = try ModelInput.assess(path, today: today, allowOutside: paths.allowOutside)
    let dot = DOTRenderer().render(kind, result: result, plant: plant)
    let data: Data
    do {
      switch format {
      case .dot: data = Data(dot.utf8)
      case .svg: data = Data(try GraphvizLayout().svg(dot).utf8)
      case .png: data = try GraphvizLayout().png(dot)
      }
    } catch {
      Console.error("error: \(error)")
      throw ExitCode(2)
    }
    try OutputFile.write(data, to: output)
  }
}

extension DiagramKind: ExpressibleByArgument {}
