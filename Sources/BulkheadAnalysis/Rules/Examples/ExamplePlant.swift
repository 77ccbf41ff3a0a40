/// Builds the small plants the rules' examples run on: three zones (office at Purdue 4, a DMZ at 3.5, control at 1),
/// one firewall between them, and optional extra rules, conduits and observations.
///
/// Line numbers matter (examples assert them): the firewall config's first extra rule is always on line
/// ``firstExtraRuleLine``; conduits start at ``firstExtraConduitLine`` of `bulkhead.yaml`.
enum ExamplePlant {
  /// The line of the first rule passed in `extraRules`.
  static let firstExtraRuleLine = 8

  static func files(
    extraRules: [String] = [], policy: String = "DROP", extraConduits: String = "", observations: String? = nil,
    reviewBy: String = "2027-01-01", pollExtras: String = "operations: [read]", extraAssets: String = ""
  ) -> [String: String] {
    var yaml = """
      plant: Example
      zones:
        - {id: office, purdue: 4, sl_target: 1, networks: [10.1.0.0/16]}
        - {id: dmz, purdue: 3.5, sl_target: 2, networks: [10.2.0.0/24]}
        - {id: control, purdue: 1, sl_target: 3, networks: [10.3.0.0/24]}
      assets:
        - {id: pc, zone: office, kind: workstation, addresses: [10.1.0.5]}
        - {id: hist, zone: dmz, kind: historian, addresses: [10.2.0.10]}
        - {id: plc, zone: control, kind: plc, addresses: [10.3.0.10], criticality: critical}

      """
    yaml += extraAssets
    yaml += """
      enforcement_points:
        - id: fw
          vendor: iptables
          config: fw.rules
          interfaces: {eth-office: [office], eth-dmz: [dmz], eth-ctl: [control]}
      conduits:
        - id: office-hist
          between: [office, dmz]
          flows: [{from: pc, to: hist, service: https}]
          enforced_by: [fw]
          owner: it
          justification: Reports from the historian.
          review_by: 2027-01-01
        - id: hist-plc
          between: [dmz, control]
          flows: [{from: hist, to: plc, service: modbus, \(pollExtras)}]
          enforced_by: [fw]
          owner: ot
          justification: The historian polls the PLC.
          review_by: \(reviewBy)

      """
    yaml += extraConduits
    if observations != nil { yaml += "captures: [observations.json]\n" }
    let rules =
      """
      *filter
      :INPUT DROP [0:0]
      :FORWARD \(policy) [0:0]
      :OUTPUT ACCEPT [0:0]
      -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
      -A FORWARD -i eth-office -o eth-dmz -s 10.1.0.5/32 -d 10.2.0.10/32 -p tcp -m tcp --dport 443 -j ACCEPT
      -A FORWARD -i eth-dmz -o eth-ctl -s 10.2.0.10/32 -d 10.3.0.10/32 -p tcp -m tcp --dport 502 -j ACCEPT

      """ + extraRules.map { $0 + "\n" }.joined() + "COMMIT\n"
    var files = ["bulkhead.yaml": yaml, "fw.rules": rules]
    if let observations { files["observations.json"] = observations }
    return files
  }

  /// One observed flow in the `observations.json` shape.
  static func flow(
    _ initiator: String, _ responder: String, _ transport: String = "tcp", port: Int, application: String? = nil,
    operations: [String: Int] = [:], answered: Bool = true, authenticated: Bool? = nil, securityMode: String? = nil,
    packet: Int = 1
  ) -> String {
    var fields = [
      "\"initiator\": \"\(initiator)\"", "\"responder\": \"\(responder)\"", "\"transport\": \"\(transport)\"",
      "\"port\": \(port)", "\"answered\": \(answered)", "\"packets\": 10", "\"bytes\": 1000",
      "\"first\": 1700000000", "\"last\": 1700003600", "\"file\": \"captures/span.pcap\"", "\"packet\": \(packet)",
    ]
    if let application { fields.append("\"application\": \"\(application)\"") }
    if !operations.isEmpty {
      let ops = operations.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
      fields.append("\"operations\": {\(ops)}")
    }
    if let authenticated { fields.append("\"authenticated\": \(authenticated)") }
    if let securityMode { fields.append("\"security_mode\": \"\(securityMode)\"") }
    return "{" + fields.joined(separator: ", ") + "}"
  }

  /// An `observations.json` document from flows.
  static func observations(_ flows: String...) -> String {
    "{\"window\": {\"zones\": [\"office\", \"dmz\", \"control\"]}, \"flows\": [\n" + flows.joined(separator: ",\n")
      + "\n]}\n"
  }
}
