import ArgumentParser
import BulkheadModel
import BulkheadReport
import Foundation

/// `bulkhead diagram`: one diagram as Graphviz DOT or SVG.
struct DiagramCommand: ConsoleCommand {
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
  enum Format: String, CommandFormat {
    case dot, svg, png
  }

  @Argument(help: "The plant: a directory holding bulkhead.yaml, or the model file.")
  var path: String = "."

  @Option(help: "Which diagram: zones or traffic.")
  var kind: DiagramKind = .zones

  @Option(help: "Output format (svg and png need Graphviz).")
  var format: Format = .dot

  @OptionGroup var date: DateOptions

  @OptionGroup var destination: OutputOptions

  @OptionGroup var paths: PlantPathOptions

  @OptionGroup var console: ConsoleOptions

  func run() throws {
    let (result, plant) = try ModelInput.assess(path, today: date.today, allowOutside: paths.allowOutside)
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
    try OutputFile.write(data, to: destination.output)
  }
}

extension DiagramKind: ExpressibleByArgument {}
