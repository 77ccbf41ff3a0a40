import BulkheadModel

/// Every diagnostic the firewall stage reports, with its stable code and one-line summary (BH400–BH499).
///
/// Codes never change meaning; docs/firewall-engine.md lists them all (a test keeps the two in sync). The severity is
/// chosen where the diagnostic is raised (an unknown policy is an error, an unknown table a warning).
/// BH40x files and dialects, BH41x netfilter constructs, BH42x nftables, BH43x the plant's firewalls, BH44x FortiGate,
/// BH45x PAN-OS, BH46x Cisco ASA, BH47x Cisco IOS, BH48x Juniper SRX, BH49x pfSense/OPNsense; a new dialect takes a
/// free decade.
public enum FirewallDiagnosticCode: String, Hashable, Sendable, CaseIterable, Codable {
  case unknownDialect = "BH400"
  case unreadableFile = "BH401"
  case unsupportedMatch = "BH410"
  case unsupportedTarget = "BH411"
  case unsupportedCommand = "BH412"
  case translationNotModeled = "BH413"
  case syntax = "BH414"
  case undeclaredChain = "BH415"
  case implicitFilterTable = "BH416"
  case failClosed = "BH417"
  case jumpLoop = "BH418"
  case beforeConnectionTracking = "BH419"
  case notNftJSON = "BH420"
  case nftObjectNotModeled = "BH421"
  case nftRuleStructure = "BH422"
  case nftStatement = "BH423"
  case dynamicSet = "BH424"
  case sourceLineUnmatched = "BH425"
  case invalidChainProperty = "BH426"
  case noConfig = "BH430"
  case unknownVendor = "BH431"
  case fortiSectionNotEvaluated = "BH440"
  case fortiNotModeled = "BH441"
  case fortiUnresolved = "BH442"
  case fortiDisabled = "BH443"
  case panNotEvaluated = "BH450"
  case panNotModeled = "BH451"
  case panUnresolved = "BH452"
  case panDisabled = "BH453"
  case panApplication = "BH454"
  case asaNotFiltering = "BH460"
  case asaNotModeled = "BH461"
  case asaUnresolved = "BH462"
  case asaInactive = "BH463"
  case asaNoInterfaces = "BH464"
  case iosNotFiltering = "BH470"
  case iosNotModeled = "BH471"
  case iosUnresolved = "BH472"
  case iosNoBinding = "BH473"
  case srxNotEvaluated = "BH480"
  case srxNotModeled = "BH481"
  case srxUnresolved = "BH482"
  case srxInactive = "BH483"
  case pfNotEvaluated = "BH490"
  case pfNotModeled = "BH491"
  case pfUnresolved = "BH492"
  case pfDisabled = "BH493"
  case pfRuntimeValue = "BH494"

  /// The code as printed (`BH414`).
  public var code: String { rawValue }

  /// One line: what kind of input gets this code.
  public var summary: String {
    switch self {
    case .unknownDialect: "The firewall dialect of a file cannot be told from its content, and none was given."
    case .unreadableFile: "A firewall configuration file cannot be read."
    case .unsupportedMatch:
      "A match Bulkhead does not model; kept in the rule and assumed to hold or fail (see policy)."
    case .unsupportedTarget: "A target or verdict Bulkhead does not model (unknown target, queue to userspace)."
    case .unsupportedCommand: "A command, table or construct that is not part of a saved ruleset."
    case .translationNotModeled: "Address translation (NAT), recorded but not applied to reachability."
    case .syntax: "A line or value that does not parse."
    case .undeclaredChain: "A rule added to a chain that was never declared."
    case .implicitFilterTable: "Rules before any table header, taken as the filter table."
    case .failClosed: "Nothing evaluable was found: the file is refused rather than guessed (fail closed)."
    case .jumpLoop: "A jump or goto that closes a loop of chains; it is ignored."
    case .beforeConnectionTracking: "A conntrack test in a chain that runs before connection tracking."
    case .notNftJSON: "A file given as nft JSON that is not an nft -j export."
    case .nftObjectNotModeled: "An nftables object or chain kind that is not modeled (flowtable, nat chain, …)."
    case .nftRuleStructure: "An nftables rule whose structure is not understood."
    case .nftStatement: "An nftables statement that is not modeled."
    case .dynamicSet: "A dynamic or timed nftables set, evaluated with the elements it had when exported."
    case .sourceLineUnmatched: "A rule of an nft JSON export that could not be matched to its nft -f source line."
    case .invalidChainProperty:
      "An unknown chain policy, hook, family or type: an error, never a default (fail closed)."
    case .noConfig: "An enforcement point without a configuration file."
    case .unknownVendor: "An enforcement point's vendor that no registered firewall dialect answers to."
    case .fortiSectionNotEvaluated: "A FortiOS section that does not decide which packets a policy passes."
    case .fortiNotModeled: "A FortiOS setting or object that can change what passes and is not modeled."
    case .fortiUnresolved: "A FortiOS policy or group names an object that is not defined."
    case .fortiDisabled: "A FortiOS policy with status disable: not evaluated."
    case .panNotEvaluated: "A PAN-OS statement that does not decide which packets a security rule passes."
    case .panNotModeled: "A PAN-OS setting, object or rule that can change what passes and is not modeled."
    case .panUnresolved: "A PAN-OS rule or group names an object or zone that is not defined."
    case .panDisabled: "A PAN-OS rule with disabled yes: not evaluated."
    case .panApplication:
      "A PAN-OS rule restricted to applications: App-ID is not packet space, the identification is assumed."
    case .asaNotFiltering: "An ASA command that does not decide which packets pass through the device."
    case .asaNotModeled: "An ASA command or condition that can change what passes and is not modeled."
    case .asaUnresolved: "An ASA access list, access group or object group names something that is not defined."
    case .asaInactive: "An ASA access-list entry marked inactive: not evaluated."
    case .asaNoInterfaces: "An ASA configuration without a named interface: nothing passes through it."
    case .iosNotFiltering: "An IOS command that does not decide which packets are forwarded."
    case .iosNotModeled: "An IOS command or condition that can change what is forwarded and is not modeled."
    case .iosUnresolved: "An IOS access group, class map or zone pair names something that is not defined."
    case .iosNoBinding: "IOS access lists that no interface applies: the router forwards without them."
    case .srxNotEvaluated: "A Junos statement that does not decide which packets a security policy passes."
    case .srxNotModeled: "A Junos setting, object or policy condition that can change what passes and is not modeled."
    case .srxUnresolved: "A Junos policy or set names an address, application or zone that is not defined."
    case .srxInactive: "A Junos statement marked inactive or deactivated: not evaluated."
    case .pfNotEvaluated: "A pfSense/OPNsense element that does not decide which packets pass."
    case .pfNotModeled:
      "A pfSense/OPNsense section, setting or rule option that can change what passes and is not modeled."
    case .pfUnresolved:
      "A pfSense/OPNsense rule names an interface, alias or network that does not resolve: the device does not load it."
    case .pfDisabled: "A pfSense/OPNsense rule or alias marked disabled: not evaluated."
    case .pfRuntimeValue:
      "A pfSense/OPNsense address known only at run time (DHCP, FQDN, URL table): not modeled."
    }
  }
}

extension Diagnostic {
  /// A firewall-stage diagnostic with a typed code.
  public init(_ severity: Severity, _ code: FirewallDiagnosticCode, _ message: String, at location: SourceLocation) {
    self.init(severity, code: code.code, message, at: location)
  }
}
