import BulkheadAnalysis
import BulkheadReport
import Foundation

/// Renders an assessment in the chosen format to standard output or a file.
enum ReportOutput {
  /// Writes the report; when inputs were incomplete, the notice goes to standard error first and heads the text and
  /// Markdown reports (JSON carries the diagnostics, SARIF carries the errors as results). `limit` findings per rule
  /// in text output (nil: all).
  static func write(_ result: AssessmentResult, format: ReportFormat, to path: String?, limit: Int? = nil) throws {
    let notice = IncompleteInputsNotice()
    if let warning = notice.text(result) { Console.inform(warning, newline: false) }
    let text: String
    switch format {
    case .text:
      text =
        (notice.text(result).map { $0 + "\n" } ?? "")
        + TextRenderer(color: path == nil && Console.colorsStandardOutput(), limit: limit).render(result)
    case .json:
      text = try JSONRenderer().render(result)
    case .sarif:
      text = try SARIFRenderer(toolVersion: result.toolVersion).render(
        findings: result.findings, rules: result.rules, diagnostics: result.diagnostics)
    case .markdown:
      text = (notice.markdown(result) ?? "") + MarkdownRenderer().render(result)
    }
    try OutputFile.write(Data(text.utf8), to: path)
  }
}
