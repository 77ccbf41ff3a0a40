import BulkheadModel

/// A Junos SRX configuration as typed structures: what the reader took from the statements, before lowering.
///
/// Policies live in contexts (`from-zone A to-zone B`) and in the global list; addresses in the global address book,
/// in books attached to zones and in the old zone address books; applications in `applications`. Everything keeps
/// its line, so the lowering can cite `address-set OT-PLCs` at its line.
struct JuniperSRXConfig {
  /// One address-book entry.
  struct Address {
    enum Value {
      case ranges([AddressRange])
      /// A kind whose addresses are not in the configuration (dns-name, wildcard-address): not modeled.
      case unmodeled(String)
    }
    var name: String
    var value: Value
    var line: Int
  }

  /// One address book: the global one, a named one attached to zones, or a zone's own.
  struct AddressBook {
    var name: String
    var addresses: [String: Address] = [:]
    var sets: [String: (members: [String], line: Int)] = [:]
    /// The zones it is attached to (`attach zone Z`); empty for the global book.
    var zones: [String] = []
  }

  /// One way an application matches (a term).
  struct Term: Hashable {
    /// The IP protocol; `nil` is any protocol.
    var proto: UInt8?
    var destination: [PortRange] = []
    var source: [PortRange] = []
    var icmpType: UInt8?
    var icmpCode: UInt8?
    /// Why the term cannot be stated as headers (an RPC program, a UUID), when it cannot.
    var unmodeled: String?
  }

  /// A custom application (`applications application NAME`).
  struct Application {
    var name: String
    var terms: [Term]
    var line: Int
  }

  /// A zone (`security zones security-zone NAME`).
  struct Zone {
    var name: String
    var interfaces: [String] = []
    var line: Int
  }

  /// One security policy.
  struct Policy {
    enum Action: String {
      case permit, deny, reject
    }
    var name: String
    var line: Int
    /// The context (`from-zone A to-zone B`), or `nil` for a global policy.
    var context: (from: String, to: String)?
    var sources: [String] = []
    var destinations: [String] = []
    var sourceExcluded = false
    var destinationExcluded = false
    var applications: [String] = []
    /// Global policies: `match from-zone`/`to-zone` (empty: any zone).
    var fromZones: [String] = []
    var toZones: [String] = []
    var action: Action?
    var inactive = false
    /// Conditions that are not packet headers (identities, dynamic applications, URL categories, a scheduler).
    var unmodeled: [(what: String, line: Int)] = []
  }

  /// One NAT rule, recorded and reported, not applied.
  struct NATRule {
    var kind: AddressTranslation.Kind
    var name: String
    var line: Int
    var sources: [String] = []
    var destinations: [String] = []
    /// The translated addresses, resolved from a pool or a prefix; empty for `source-nat interface`.
    var translated: [String] = []
    var description: String
  }

  var globalBook = AddressBook(name: "global")
  /// Named books (`security address-book NAME`) and zone books (`security zones security-zone Z address-book`).
  var books: [String: AddressBook] = [:]
  var applications: [String: Application] = [:]
  var applicationSets: [String: (members: [String], line: Int)] = [:]
  var zones: [String: Zone] = [:]
  var zoneOrder: [String] = []
  /// Contexts in the order they are first written, each with its policies in order.
  var contexts: [(from: String, to: String, line: Int, policies: [Policy])] = []
  var globalPolicies: [Policy] = []
  var defaultPolicy: (action: Policy.Action, line: Int)?
  var nat: [NATRule] = []
  /// NAT pools: name → addresses.
  var pools: [String: [String]] = [:]
  /// Interfaces declared under `interfaces` (`ge-0/0/0.0` for each unit), with lines.
  var interfaces: [String: Int] = [:]
  /// Whether the configuration has a `security` hierarchy with zones or policies.
  var hasSecurity = false
}
