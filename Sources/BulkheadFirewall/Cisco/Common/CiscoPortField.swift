import BulkheadModel

/// The port field of a Cisco access-list entry: ports, or the name of a group of them (ASA `object-group` of
/// port-objects; IOS `portgroup`, `port-group`).
enum CiscoPortField {
  case ranges([PortRange])
  case group(String)
}
