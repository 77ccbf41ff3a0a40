import Foundation
import Testing

@testable import BulkheadDissect

@Suite struct RegistryTests {
  @Test func everyDissectorIsRegisteredOnceWithAUniqueID() throws {
    let ids = DissectorRegistry.all.map { $0.id }
    #expect(Set(ids).count == ids.count)
    // Every *Dissector.swift under Sources/BulkheadDissect is in the registry.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources/BulkheadDissect")
    let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
    let declared = Set(
      files.map { ($0 as NSString).lastPathComponent }.filter {
        $0.hasSuffix("Dissector.swift") && $0 != "Dissector.swift"
      }
      .map { String($0.dropLast(".swift".count)) })
    let registered = Set(DissectorRegistry.all.map { String(describing: $0) })
    #expect(!declared.isEmpty)
    #expect(declared == registered)
  }
}
