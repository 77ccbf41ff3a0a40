// The subset of SARIF 2.1.0 (OASIS, 27 March 2020) that Bulkhead writes. Field names follow §3 of the standard;
// optional fields are omitted when empty so the log stays small and validates against the schema.

/// A SARIF log: one run of one tool (§3.13).
struct SARIFLog: Encodable {
  var schema = "https://json.schemastore.org/sarif-2.1.0.json"
  var version = "2.1.0"
  var runs: [SARIFRun]

  enum CodingKeys: String, CodingKey {
    case schema = "$schema"
    case version, runs
  }
}

/// One invocation of the tool and its results (§3.14).
struct SARIFRun: Encodable {
  var tool: SARIFTool
  var results: [SARIFResult]
  var columnKind = "unicodeCodePoints"
}

/// The tool that produced the run (§3.18).
struct SARIFTool: Encodable {
  var driver: SARIFToolComponent
}

/// The analysis tool and its rule metadata (§3.19).
struct SARIFToolComponent: Encodable {
  var name: String
  var version: String
  var informationUri: String
  var rules: [SARIFReportingDescriptor]
}

/// A rule's metadata (§3.49).
struct SARIFReportingDescriptor: Encodable {
  var id: String
  var name: String
  var shortDescription: SARIFMessage
  var fullDescription: SARIFMessage
  var help: SARIFMessage
  var defaultConfiguration: SARIFConfiguration
  var properties: SARIFRuleProperties
}

/// Default level of a rule (§3.50).
struct SARIFConfiguration: Encodable {
  var level: String
}

/// Property bag for a rule (§3.8): tags and the `security-severity` code-scanning UIs sort by.
struct SARIFRuleProperties: Encodable {
  var tags: [String]
  var securitySeverity: String?
  var requirements: [String]

  enum CodingKeys: String, CodingKey {
    case tags
    case securitySeverity = "security-severity"
    case requirements
  }
}

/// A plain-text (and optional Markdown) message (§3.11).
struct SARIFMessage: Encodable {
  var text: String
  var markdown: String?
}

/// One finding (§3.27).
struct SARIFResult: Encodable {
  var ruleId: String
  var ruleIndex: Int
  var level: String
  var message: SARIFMessage
  var locations: [SARIFLocation]
  var relatedLocations: [SARIFLocation]?
  var partialFingerprints: [String: String]
  var properties: SARIFResultProperties
}

/// Property bag for a result (§3.8).
struct SARIFResultProperties: Encodable {
  var severity: String
  var category: String
  var blastRadius: Int
  var zones: [String]?
  /// Observed flows the finding aggregates (its sample flows are the related locations).
  var flows: Int?
  /// Hosts the finding is about.
  var hosts: [String]?
}

/// A location (§3.28); related locations carry an id and a message.
struct SARIFLocation: Encodable {
  var id: Int?
  var physicalLocation: SARIFPhysicalLocation
  var message: SARIFMessage?
}

/// A file and region (§3.29).
struct SARIFPhysicalLocation: Encodable {
  var artifactLocation: SARIFArtifactLocation
  var region: SARIFRegion?
}

/// A file, relative to the source root (§3.4).
struct SARIFArtifactLocation: Encodable {
  var uri: String
  var uriBaseId = "%SRCROOT%"
}

/// A line/column region (§3.30).
struct SARIFRegion: Encodable {
  var startLine: Int
  var startColumn: Int?
}
