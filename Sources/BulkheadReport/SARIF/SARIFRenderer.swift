import BulkheadAnalysis
import BulkheadModel
import Foundation

/// Renders findings as a SARIF 2.1.0 log, so code-scanning UIs annotate the model file and firewall configs.
public struct SARIFRenderer: Sendable {
  /// Tool version written into the log.
  public var toolVersion: String

  /// Creates a renderer.
  public init(toolVersion: String) { self.toolVersion = toolVersion }

  /// The log as pretty-printed JSON with sorted keys (deterministic).
  public func render(findings: [Finding], rules: [RuleDescription]) throws -> String {
    let sortedRules = rules.sorted { $0.id < $1.id }
    var ruleIndex: [String: Int] = [:]
    for (index, rule) in sortedRules.enumerated() { ruleIndex[rule.id] = index }
    let descriptors = sortedRules.map { rule in
      SARIFReportingDescriptor(
        id: rule.id,
        name: Self.pascalCase(rule.id),
        shortDescription: SARIFMessage(text: rule.title),
        fullDescription: SARIFMessage(text: rule.rationale),
        help: SARIFMessage(
          text: "\(rule.rationale)\n\nRemediation: \(rule.remediation)",
          markdown: "\(rule.rationale)\n\n**Remediation.** \(rule.remediation)\n\n"
            + "Relates to IEC 62443-3-3 " + rule.requirements.map(\.description).joined(separator: "; ") + "."),
        defaultConfiguration: SARIFConfiguration(level: Self.level(rule.severity)),
        properties: SARIFRuleProperties(
          tags: ["security", "iec-62443", rule.category.rawValue],
          securitySeverity: Self.securitySeverity(rule.severity),
          requirements: rule.requirements.map(\.id)))
    }
    let results = findings.compactMap { finding -> SARIFResult? in
      guard let index = ruleIndex[finding.ruleID] else { return nil }
      let related = finding.evidence.compactMap(\.location).enumerated().compactMap {
        offset, location -> SARIFLocation? in
        guard let physical = Self.physical(location) else { return nil }
        let note = finding.evidence.filter { $0.location == location }.first?.summary
        return SARIFLocation(id: offset + 1, physicalLocation: physical, message: note.map { SARIFMessage(text: $0) })
      }
      let primary =
        Self.physical(finding.location)
        ?? SARIFPhysicalLocation(
          artifactLocation: SARIFArtifactLocation(uri: finding.location.file), region: nil)
      return SARIFResult(
        ruleId: finding.ruleID,
        ruleIndex: index,
        level: Self.level(finding.severity),
        message: SARIFMessage(text: finding.message),
        locations: [SARIFLocation(id: nil, physicalLocation: primary, message: nil)],
        relatedLocations: related.isEmpty ? nil : related,
        partialFingerprints: ["bulkhead/v1": finding.fingerprint],
        properties: SARIFResultProperties(
          severity: finding.severity.rawValue, category: finding.category.rawValue,
          blastRadius: finding.blastRadius, zones: finding.zones.isEmpty ? nil : finding.zones,
          flows: finding.flows?.flows, hosts: finding.hosts.isEmpty ? nil : finding.hosts.map(\.description)))
    }
    let log = SARIFLog(runs: [
      SARIFRun(
        tool: SARIFTool(
          driver: SARIFToolComponent(
            name: "Bulkhead", version: toolVersion, informationUri: "https://github.com/bulkhead-ot/bulkhead",
            rules: descriptors)),
        results: results)
    ])
    return try DeterministicJSON.text(log) + "\n"
  }

  // SARIF §3.27.10: error, warning, note.
  static func level(_ severity: FindingSeverity) -> String {
    switch severity {
    case .critical, .high: "error"
    case .medium: "warning"
    case .low, .info: "note"
    }
  }

  // The 0.0–10.0 score code-scanning UIs use to label critical (≥9), high (≥7), medium (≥4) and low.
  static func securitySeverity(_ severity: FindingSeverity) -> String {
    switch severity {
    case .critical: "9.5"
    case .high: "8.0"
    case .medium: "5.5"
    case .low: "3.0"
    case .info: "0.0"
    }
  }

  static func physical(_ location: SourceLocation) -> SARIFPhysicalLocation? {
    guard !location.file.isEmpty else { return nil }
    // A capture "line" is a packet number, not a text line: point at the file only.
    let isCapture = location.file.hasSuffix(".pcap") || location.file.hasSuffix(".pcapng")
    let region =
      (location.line > 0 && !isCapture)
      ? SARIFRegion(startLine: location.line, startColumn: location.column > 0 ? location.column : nil) : nil
    return SARIFPhysicalLocation(artifactLocation: SARIFArtifactLocation(uri: location.file), region: region)
  }

  static func pascalCase(_ id: String) -> String {
    id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
  }
}
