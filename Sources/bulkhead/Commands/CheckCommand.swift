import ArgumentParser
import BulkheadAnalysis
import BulkheadModel
import BulkheadReport
import Foundation

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
      bulkhead.sarif for code scanning. With --whatif FW=FILE (repeatable) the gate judges a proposed firewall \
      change instead (see `bulkhead whatif`): exit 1 when it breaks a declared conduit (a declared flow loses \
      coverage, or observed traffic a conduit declares would be dropped) or opens a segmentation finding at or \
      above --fail-on that is not accepted; the report is the what-if's (SARIF: the findings it opens). \
      --whatif-ref REF gates the working tree's configs against those committed at REF (in a pull request: the \
      base branch).
      """)

  @OptionGroup var options: AssessmentOptions

  @Option(help: "Lowest severity that fails the gate: info, low, medium, high, critical.")
  var failOn: FindingSeverity = .high

  @Option(help: "Accepted-findings file (YAML).")
  var accepted: String?

  @Option(help: "Report format.")
  var format: ReportFormat = .text

  @Option(
    help: ArgumentHelp(
      "Gate a proposed config instead: enforcement point id, =, the file (repeatable).", valueName: "FW=FILE"))
  var whatif: [ProposedConfig] = []

  @Option(
    help: ArgumentHelp(
      "Gate the config change since this git revision instead (its configs today, the working tree's proposed).",
      valueName: "REF"))
  var whatifRef: String?

  var console: ConsoleOptions { options.console }

  func validate() throws {
    guard !whatif.isEmpty || whatifRef != nil else { return }
    if !whatif.isEmpty && whatifRef != nil { throw ValidationError("give --whatif or --whatif-ref, not both") }
  }

  func run() throws {
    if !whatif.isEmpty || whatifRef != nil { return try gateChange() }
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

  /// `--whatif`: the gate on a proposed firewall change.
  private func gateChange() throws {
    let compared: WhatIfResult?
    if let whatifRef {
      compared = try GitBaseline.compare(
        options.path, ref: whatifRef, date: options.date, paths: options.paths, history: options.history)
    } else {
      compared = try WhatIfInput.compare(
        options.path, proposing: whatif, date: options.date, paths: options.paths, history: options.history)
    }
    // No config changed since the ref: nothing can break, the gate passes.
    guard let result = compared else { return }
    let file = accepted.map(AcceptedFindingsFile.read) ?? (accepted: [], diagnostics: [])
    // Errors are the gate's to list; warnings go out here.
    Console.report(file.diagnostics.filter { $0.severity != .error })
    let gate = WhatIfGate(result, failOn: failOn, acceptances: file.accepted, diagnostics: file.diagnostics)
    let text: String
    switch format {
    case .text: text = WhatIfTextRenderer(color: options.destination.colors).render(result)
    case .markdown: text = WhatIfMarkdownRenderer().render(result)
    case .json: text = try DeterministicJSON.text(result) + "\n"
    case .sarif:
      text = try SARIFRenderer(toolVersion: result.toolVersion).render(
        findings: result.openedFindings, rules: RuleRegistry.descriptions, diagnostics: result.diagnostics)
    }
    try OutputFile.write(Data(text.utf8), to: options.output)
    Console.inform(WhatIfGateRenderer().render(gate, result, failOn: failOn), newline: false)
    switch gate.verdict {
    case .passed: return
    case .failed: throw ExitCode(1)
    case .incomplete: throw ExitCode(2)
    }
  }
}

extension FindingSeverity: ExpressibleByArgument {}
