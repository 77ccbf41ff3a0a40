import ArgumentParser
import BulkheadAnalysis
import BulkheadModel
import BulkheadReport

/// `bulkhead check`: the CI gate. Exit 1 when a finding at or above `--fail-on` is not accepted.
struct CheckCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "CI gate: fail when findings at or above a severity are not in the accepted-findings file.",
    discussion: """
      Exit status: 0 the gate passes, 1 unaccepted findings at or above --fail-on, 2 the gate cannot vouch for the \
      plant: the model cannot be read or has errors, a firewall config or a capture could not be read or parsed, \
      the accepted-findings file has errors, or the report cannot be written (fail closed; the SARIF carries those \
      errors as results). Expired acceptances stop counting. The report (--format, text unless told) goes to \
      standard output or --output; the gate's verdict goes to standard error. In CI: --format sarif -o \
      bulkhead.sarif for code scanning.
      """)

  @OptionGroup var options: AssessmentOptions

  @Option(help: "Lowest severity that fails the gate: info, low, medium, high, critical.")
  var failOn: FindingSeverity = .high

  @Option(help: "Accepted-findings file (YAML).")
  var accepted: String?

  @Option(help: "Report format.")
  var format: ReportFormat = .text

  var console: ConsoleOptions { options.console }

  func run() throws {
    let result = try options.assess()
    let file = accepted.map(AcceptedFindingsFile.read) ?? (accepted: [], diagnostics: [])
    let decision = GateDecision(
      findings: result.findings, failOn: failOn, acceptances: file.accepted, diagnostics: file.diagnostics,
      inputDiagnostics: result.diagnostics, today: result.date)
    try ReportOutput.write(result, format: format, to: options.output)
    Console.inform(GateVerdictRenderer().render(decision, failOn: failOn), newline: false)
    switch decision.verdict {
    case .passed: return
    case .failed: throw ExitCode(1)
    case .incomplete: throw ExitCode(2)
    }
  }
}

extension FindingSeverity: ExpressibleByArgument {}
