import BulkheadAnalysis
import BulkheadReport
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Renders an assessment in the chosen format to standard output or a file.
enum ReportOutput {
  /// `limit` findings per rule in text output (nil: all).
  static func write(_ result: AssessmentResult, format: ReportFormat, to path: String?, limit: Int? = nil) throws {
    let text: String
    switch format {
    case .text:
      text = TextRenderer(color: path == nil && isatty(STDOUT_FILENO) != 0, limit: limit).render(result)
    case .json:
      text = try JSONRenderer().render(result)
    case .sarif:
      text = try SARIFRenderer(toolVersion: result.toolVersion).render(findings: result.findings, rules: result.rules)
    case .markdown:
      text = MarkdownRenderer().render(result)
    }
    try OutputFile.write(Data(text.utf8), to: path)
  }
}
