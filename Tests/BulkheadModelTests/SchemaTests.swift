import Foundation
import Testing
import Yams

@testable import BulkheadModel

/// docs/bulkhead.schema.json and the loader must describe the same format; these tests fail on any drift.
@Suite struct SchemaTests {
  static func schema() throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.packageRoot + "/docs/bulkhead.schema.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  static func definition(_ name: String, in schema: [String: Any]) throws -> [String: Any] {
    if name == "root" { return schema }
    let defs = try #require(schema["$defs"] as? [String: Any])
    return try #require(defs[name] as? [String: Any], "no $defs/\(name)")
  }

  @Test func schemaIsDraft202012JSON() throws {
    let schema = try SchemaTests.schema()
    #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    #expect(schema["type"] as? String == "object")
  }

  @Test(arguments: ModelKeys.bySchemaDefinition.keys.sorted())
  func schemaPropertiesEqualTheLoaderKeys(definition: String) throws {
    let object = try SchemaTests.definition(definition, in: try SchemaTests.schema())
    let properties = try #require(object["properties"] as? [String: Any])
    #expect(Set(properties.keys) == Set(ModelKeys.bySchemaDefinition[definition] ?? []))
    #expect(object["additionalProperties"] as? Bool == false, "\(definition) must reject unknown keys")
  }

  @Test func schemaEnumsEqualTheModelEnums() throws {
    let schema = try SchemaTests.schema()
    func enumValues(_ def: String, _ property: String? = nil) throws -> [String] {
      var object = try SchemaTests.definition(def, in: schema)
      if let property {
        let properties = try #require(object["properties"] as? [String: Any])
        object = try #require(properties[property] as? [String: Any])
      }
      let values = try #require(object["enum"] as? [Any])
      return values.map { "\($0)" }
    }
    #expect(try enumValues("asset", "kind") == AssetKind.allCases.map(\.rawValue))
    #expect(try enumValues("asset", "criticality") == Criticality.allCases.map(\.rawValue))
    #expect(try enumValues("operation") == OperationClass.declarable.map(\.rawValue))
    #expect(try enumValues("flow", "security") == SecurityRequirement.allCases.map(\.rawValue))
    #expect(try enumValues("purdue").compactMap(Double.init) == PurdueLevel.allCases.map(\.value))
  }

  /// Walks a YAML node alongside the schema and records every mapping key the schema does not define there.
  static func unknownKeys(_ node: Node, _ schemaNode: [String: Any], root: [String: Any], path: String) -> [String] {
    var schemaNode = schemaNode
    if let ref = schemaNode["$ref"] as? String, ref.hasPrefix("#/$defs/"),
      let defs = root["$defs"] as? [String: Any], let target = defs[String(ref.dropFirst(8))] as? [String: Any]
    {
      schemaNode = target
    }
    for combinator in ["oneOf", "anyOf"] {
      guard let branches = schemaNode[combinator] as? [[String: Any]] else { continue }
      // Pick the branch whose type fits the node's shape; a mapping goes to the object branch.
      for branch in branches {
        var resolved = branch
        if let ref = branch["$ref"] as? String, let defs = root["$defs"] as? [String: Any],
          let target = defs[String(ref.dropFirst(8))] as? [String: Any]
        {
          resolved = target
        }
        let type = resolved["type"] as? String
        switch node {
        case .mapping where type == "object", .sequence where type == "array":
          return unknownKeys(node, resolved, root: root, path: path)
        default: continue
        }
      }
      return []
    }
    switch node {
    case .mapping(let mapping):
      let properties = schemaNode["properties"] as? [String: Any]
      let additional = schemaNode["additionalProperties"] as? [String: Any]
      var unknown: [String] = []
      for (key, value) in mapping {
        let name = key.string ?? "?"
        if let child = properties?[name] as? [String: Any] {
          unknown += unknownKeys(value, child, root: root, path: path + "." + name)
        } else if let additional {
          unknown += unknownKeys(value, additional, root: root, path: path + "." + name)
        } else {
          unknown.append(path + "." + name)
        }
      }
      return unknown
    case .sequence(let sequence):
      guard let items = schemaNode["items"] as? [String: Any] else { return [] }
      return sequence.enumerated().flatMap { unknownKeys($1, items, root: root, path: path + "[\($0)]") }
    default:
      return []
    }
  }

  @Test(arguments: ["Examples/riverside-water/bulkhead.yaml", "starter"])
  func everyKeyOfTheModelIsInTheSchema(file: String) throws {
    let yaml =
      file == "starter"
      ? StarterModel.yaml : try String(contentsOfFile: TestPaths.packageRoot + "/" + file, encoding: .utf8)
    let node = try #require(try Yams.compose(yaml: yaml))
    let schema = try SchemaTests.schema()
    #expect(SchemaTests.unknownKeys(node, schema, root: schema, path: "") == [])
  }

  @Test func theWalkerFindsAnUnknownKey() throws {
    let node = try #require(try Yams.compose(yaml: "plant: x\nzones: [{id: a, colour: red}]\n"))
    let schema = try SchemaTests.schema()
    #expect(SchemaTests.unknownKeys(node, schema, root: schema, path: "") == [".zones[0].colour"])
  }
}
