import ArgumentParser
import BulkheadAnalysis
import BulkheadModel
import BulkheadReport
import Foundation

/// `bulkhead report`: the binder (HTML + Markdown) and the diagrams (DOT, and SVG when Graphviz is installed).
struct ReportCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write the binder: binder.html, binder.md, zones.dot/.svg and traffic.dot/.svg.",
    discussion: """
      The binder is generated from what was verified: every statement points at a model line, a firewall rule or a \
      packet. Output is byte-identical for the same inputs unless --timestamp is given. SVG needs Graphviz `dot`; \
      without it the .dot files are still written. Exit status: 0 written, 2 the model cannot be read or the \
      output cannot be written.
      """)

  @Argument(help: "The plant: a directory holding bulkhead.yaml, or the model file.")
  var path: String = "."

  // `--out` is the older spelling, kept for scripts that use it.
  @Option(
    name: [.customShort("o"), .customLong("output"), .customLong("out")],
    help: ArgumentHelp("The directory to write into (created if missing).", valueName: "dir"))
  var output: String

  @OptionGroup var date: DateOptions

  @OptionGroup var paths: PlantPathOptions

  @OptionGroup var history: HistoryOptions

  @OptionGroup var console: ConsoleOptions

  @Flag(help: "Print the generation time in the binder (off by default, so the output is reproducible).")
  var timestamp = false

  @Option(help: "Seconds Graphviz may take per diagram before it is stopped (the .dot file is written either way).")
  var layoutTimeLimit: Double = 20

  func validate() throws {
    guard layoutTimeLimit > 0 else { throw ValidationError("--layout-time-limit must be more than 0") }
  }

  func run() throws {
    let out = output
    let (result, plant) = try ModelInput.assess(
      path, today: date.today, allowOutside: paths.allowOutside,
      history: history)
    let renderer = DOTRenderer()
    let layout = GraphvizLayout(timeLimit: layoutTimeLimit)
    var files: [(String, String)] = []
    var svg: [DiagramKind: String] = [:]
    var missing = ""
    for kind in DiagramKind.allCases {
      let dot = renderer.render(kind, result: result, plant: plant)
      files.append(("\(kind.fileStem).dot", dot))
      do {
        let document = try layout.svg(dot)
        svg[kind] = document
        files.append(("\(kind.fileStem).svg", document))
      } catch {
        missing = "Diagram not drawn: \(error). The Graphviz sources zones.dot and traffic.dot are beside this binder."
        Console.inform(
          "warning: \(kind.fileStem).svg not written: \(error); \(kind.fileStem).dot was, render it with "
            + "`dot -Tsvg \(kind.fileStem).dot -o \(kind.fileStem).svg`")
      }
    }
    let binder = BinderRenderer(timestamp: timestamp ? ISO8601DateFormatter().string(from: Date()) : nil)
    files.append(("binder.html", binder.html(result, plant: plant, svg: svg, missingDiagram: missing)))
    files.append(
      ("binder.md", binder.markdown(result, plant: plant, svgWritten: svg.count == DiagramKind.allCases.count)))
    do {
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    } catch {
      Console.error("\(out): error: cannot write: \(error.localizedDescription)")
      throw ExitCode(2)
    }
    // Every file first, then the list, so a closed standard output cannot stop the binder half-written.
    let targets = files.map { ((out as NSString).appendingPathComponent($0.0), $0.1) }
    for (target, text) in targets { try OutputFile.write(Data(text.utf8), to: target) }
    if !console.quiet { try Console.print(targets.map { "wrote \($0.0)" }.joined(separator: "\n")) }
  }
}
