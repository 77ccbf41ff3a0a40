import BulkheadAnalysis
import BulkheadModel
import Foundation

/// Renders findings as a SARIF 2.1.0 log, so code-scanning UIs annotate the model file and firewall configs.
public struct SARIFRenderer: Sendable {
  /// Tool version written into the log.
  public var toolVersion: String

  /// Creates a renderer.
  public init(toolVersion: String) { self.toolVersion = toolVersion }

  /// The log as pretty-printed JSON with sorted keys (deterministic). Error-level `diagnostics` (an input that could
  /// not be read or interpreted) become results too, after the findings, so code scanning shows why an assessment
  /// is incomplete where the problem is.
  public func render(findings: [Finding], rules: [RuleDescription], diagnostics: [Diagnostic] = []) throws -> String {
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
    let inputErrors = RepeatedDiagnostic.fold(diagnostics.filter { $0.severity == .error })
    let codes = Set(inputErrors.map(\.first.code)).sorted()
    var codeIndex: [String: Int] = [:]
    for (offset, code) in codes.enumerated() { codeIndex[code] = descriptors.count + offset }
    let inputResults = inputErrors.compactMap { repeated -> SARIFResult? in
      guard let index = codeIndex[repeated.first.code] else { return nil }
      return Self.result(repeated, ruleIndex: index)
    }
    let log = SARIFLog(runs: [
      SARIFRun(
        tool: SARIFTool(
          driver: SARIFToolComponent(
            name: "Bulkhead", version: toolVersion, informationUri: "https://github.com/bulkhead-ot/bulkhead",
            rules: descriptors + codes.map(Self.inputDescriptor))),
        results: results + inputResults)
    ])
    return try DeterministicJSON.text(log) + "\n"
  }

  /// The rule entry of a diagnostic code (BH0xx model, BH4xx firewall, BH5xx capture, …).
  static func inputDescriptor(_ code: String) -> SARIFReportingDescriptor {
    let summary = DiagnosticCode(rawValue: code)?.summary ?? "An input Bulkhead could not read or interpret."
    let help =
      "Bulkhead could not read or interpret part of its input, so the assessment is incomplete and the gate fails "
      + "closed until this is fixed."
    return SARIFReportingDescriptor(
      id: code, name: "Input\(code)", shortDescription: SARIFMessage(text: summary),
      fullDescription: SARIFMessage(text: summary), help: SARIFMessage(text: help, markdown: help),
      defaultConfiguration: SARIFConfiguration(level: "error"),
      properties: SARIFRuleProperties(tags: ["input"], securitySeverity: nil, requirements: []))
  }

  /// A diagnostic (with how often it repeats) as a result at its location.
  static func result(_ repeated: RepeatedDiagnostic, ruleIndex: Int) -> SARIFResult {
    let diagnostic = repeated.first
    let primary =
      physical(diagnostic.location)
      ?? SARIFPhysicalLocation(artifactLocation: SARIFArtifactLocation(uri: diagnostic.location.file), region: nil)
    let times = repeated.count > 1 ? " (\(repeated.count) times)" : ""
    return SARIFResult(
      ruleId: diagnostic.code, ruleIndex: ruleIndex, level: "error",
      message: SARIFMessage(text: diagnostic.message + times),
      locations: [SARIFLocation(id: nil, physicalLocation: primary, message: nil)], relatedLocations: nil,
      partialFingerprints: ["bulkhead/v1": "\(diagnostic.code):\(diagnostic.location.file):\(diagnostic.message)"],
      properties: SARIFResultProperties(severity: "error", category: "input", blastRadius: 0, zones: nil))
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
