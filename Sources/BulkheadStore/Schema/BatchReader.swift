import BulkheadModel
import GRDB

/// Reads rows back into the batch types (the inverse of ``BatchWriter``).
enum BatchReader {
  static func files(_ db: Database) throws -> [IngestedFile] {
    try Row.fetchAll(db, sql: "SELECT * FROM ingested_file ORDER BY ingested_at, sha256").map { row in
      IngestedFile(
        sha256: row["sha256"], path: row["path"], size: row["size"],
        kind: IngestedFile.Kind(rawValue: row["kind"]) ?? .capture, capturePoint: row["capture_point"],
        firstSeen: row["first_seen"], lastSeen: row["last_seen"], packets: row["packets"], flows: row["flows"],
        flowPackets: row["flow_packets"], flowBytes: row["flow_bytes"], ingestedAt: row["ingested_at"],
        toolVersion: row["tool_version"])
    }
  }

  static func totals(_ db: Database) throws -> StoreTotals {
    let row = try Row.fetchOne(
      db,
      sql: """
        SELECT coalesce(sum(flows), 0),
          coalesce(sum(packets_from_initiator + packets_from_responder), 0),
          coalesce(sum(bytes_from_initiator + bytes_from_responder), 0)
        FROM flow_bucket
        """)
    return row.map { StoreTotals(flows: $0[0], packets: $0[1], bytes: $0[2]) } ?? StoreTotals()
  }

  /// The SQL condition and arguments for rows whose bucket overlaps the window.
  private static func condition(_ window: StoreWindow) -> (String, StatementArguments) {
    var clauses: [String] = []
    var arguments: StatementArguments = []
    if let since = window.since {
      clauses.append("bucket > ?")
      arguments += [FlowBucketKey.bucket(of: since) - 1]
    }
    if let until = window.until {
      clauses.append("bucket < ?")
      arguments += [until]
    }
    return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
  }

  static func flows(_ db: Database, window: StoreWindow) throws -> [FlowBucketKey: FlowBucketCounts] {
    let (condition, arguments) = condition(window)
    var byID: [Int64: FlowBucketKey] = [:]
    var rows: [FlowBucketKey: FlowBucketCounts] = [:]
    let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM flow_bucket WHERE \(condition)", arguments: arguments)
    while let row = try cursor.next() {
      guard let initiator = IPAddress(row["initiator"] as String), let responder = IPAddress(row["responder"] as String)
      else { continue }
      let key = FlowBucketKey(
        bucket: row["bucket"], capturePoint: row["capture_point"], initiator: initiator, responder: responder,
        responderPort: UInt16(clamping: row["responder_port"] as Int),
        transport: UInt8(clamping: row["transport"] as Int),
        vlan: UInt32(clamping: row["vlan"] as Int64), application: row["application"],
        securityMode: row["security_mode"],
        authenticated: Int8(clamping: row["authenticated"] as Int), encrypted: Int8(clamping: row["encrypted"] as Int),
        answered: row["answered"], initiatorCertain: row["initiator_certain"])
      var counts = FlowBucketCounts()
      counts.flows = row["flows"]
      counts.packetsFromInitiator = row["packets_from_initiator"]
      counts.packetsFromResponder = row["packets_from_responder"]
      counts.bytesFromInitiator = row["bytes_from_initiator"]
      counts.bytesFromResponder = row["bytes_from_responder"]
      counts.firstSeen = row["first_seen"]
      counts.lastSeen = row["last_seen"]
      counts.firstFile = row["first_file"]
      counts.firstPacket = row["first_packet"]
      counts.initiatorPort = UInt16(clamping: row["initiator_port"] as Int)
      counts.securityPolicy = row["security_policy"]
      counts.userIdentity = row["user_identity"]
      counts.violationCount = row["violation_count"]
      byID[row["id"]] = key
      rows[key] = counts
    }
    let operations = try Row.fetchCursor(
      db,
      sql: """
        SELECT o.flow_id, o.name, o.class, o.count FROM flow_operation o JOIN flow_bucket f ON f.id = o.flow_id
        WHERE \(condition)
        """, arguments: arguments)
    while let row = try operations.next() {
      guard let key = byID[row[0]] else { continue }
      rows[key]?.operations[FlowBucketCounts.Operation(name: row[1], operationClass: row[2])] = row[3]
    }
    let identities = try Row.fetchCursor(
      db,
      sql: """
        SELECT i.flow_id, i.source, i.vendor, i.product, i.serial, i.firmware, i.model
        FROM flow_identity i JOIN flow_bucket f ON f.id = i.flow_id WHERE \(condition)
        """, arguments: arguments)
    while let row = try identities.next() {
      guard let key = byID[row[0]] else { continue }
      rows[key]?.identities.insert(
        FlowBucketCounts.Identity(
          source: row[1], vendor: row[2], product: row[3], serial: row[4], firmware: row[5], model: row[6]))
    }
    let violations = try Row.fetchCursor(
      db,
      sql: """
        SELECT v.flow_id, v.file, v.packet, v.code, v.message FROM flow_violation v
        JOIN flow_bucket f ON f.id = v.flow_id WHERE \(condition) ORDER BY v.flow_id, v.rowid
        """, arguments: arguments)
    while let row = try violations.next() {
      guard let key = byID[row[0]] else { continue }
      rows[key]?.violations.append(
        FlowBucketCounts.Violation(file: row[1], packet: row[2], code: row[3], message: row[4]))
    }
    return rows
  }

  /// Vendors by MAC.
  static func vendors(_ db: Database) throws -> [MACAddress: String] {
    var vendors: [MACAddress: String] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT mac, vendor FROM mac_vendor") {
      if let mac = MACAddress(row[0] as String) { vendors[mac] = row[1] }
    }
    return vendors
  }

  static func hosts(_ db: Database, window: StoreWindow) throws -> [HostBucketKey: ClosedRange<Double>] {
    let (condition, arguments) = condition(window)
    var hosts: [HostBucketKey: ClosedRange<Double>] = [:]
    let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM host_bucket WHERE \(condition)", arguments: arguments)
    while let row = try cursor.next() {
      guard let address = IPAddress(row["address"] as String) else { continue }
      let macText: String = row["mac"]
      let key = HostBucketKey(
        bucket: row["bucket"], capturePoint: row["capture_point"], address: address, mac: MACAddress(macText),
        inFlow: row["in_flow"])
      let first: Double = row["first_seen"]
      let last: Double = row["last_seen"]
      hosts[key] = min(first, last)...max(first, last)
    }
    return hosts
  }
}
