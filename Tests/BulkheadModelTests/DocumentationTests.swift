import Foundation
import Testing

@testable import BulkheadModel

/// docs/model.md documents every diagnostic code and every catalog service, exactly as the code defines them.
@Suite struct DocumentationTests {
  static func modelDoc() throws -> String {
    try String(contentsOfFile: TestPaths.packageRoot + "/docs/model.md", encoding: .utf8)
  }

  @Test(arguments: DiagnosticCode.allCases)
  func everyCodeIsDocumentedWithItsSeverityAndSummary(code: DiagnosticCode) throws {
    let row = "| `\(code.code)` | \(code.severity.rawValue) | \(code.summary) |"
    #expect(try DocumentationTests.modelDoc().contains(row), "docs/model.md lacks: \(row)")
  }

  @Test func noUnknownCodeIsDocumented() throws {
    let documented = try DocumentationTests.modelDoc().split(separator: "\n").compactMap { line -> String? in
      guard line.hasPrefix("| `BH") else { return nil }
      return String(line.dropFirst(3).prefix(5))
    }
    #expect(Set(documented) == Set(DiagnosticCode.allCases.map(\.code)))
    #expect(documented.count == DiagnosticCode.allCases.count)
  }

  @Test func everyCatalogServiceIsDocumented() throws {
    let doc = try DocumentationTests.modelDoc()
    for service in ServiceCatalog.standard.services.values {
      let ranges = service.ranges.map(\.description).joined(separator: ", ")
      let row = "| `\(service.name)` | \(ranges) | `\(service.applicationProtocol ?? "")` |"
      #expect(doc.contains(row), "docs/model.md lacks: \(row)")
    }
  }
}
