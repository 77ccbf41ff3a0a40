import Foundation
import Testing

/// Validates JSON against a JSON Schema with Python's `jsonschema` (installed by Scripts/test), a peer we did not write.
enum SchemaCheck {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The package root, from this file's path (Tests/BulkheadReportTests/SchemaCheck.swift).
  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  /// A schema from `Tests/Fixtures/schemas` (its README gives each schema's source and license).
  static func schema(_ name: String) throws -> URL {
    let url = packageRoot.appendingPathComponent("Tests/Fixtures/schemas/\(name)")
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw Failure(description: "schema \(url.path) not found (it ships with the repository)")
    }
    return url
  }

  static func validate(json: String, schema: URL) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let document = dir.appendingPathComponent("document.json")
    try Data(json.utf8).write(to: document)
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      doc = json.load(open(sys.argv[2]))
      errors = sorted(jsonschema.validators.validator_for(schema)(schema).iter_errors(doc), key=lambda e: list(e.path))
      for e in errors: print("/".join(map(str, e.path)), e.message)
      sys.exit(1 if errors else 0)
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, schema.path, document.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    if process.terminationStatus != 0 {
      throw Failure(description: "schema validation failed:\n\(output)")
    }
  }
}
