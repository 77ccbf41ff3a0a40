import GRDB

/// Writes a batch's rows inside the caller's transaction: flow rows are added to (upserted), never replaced, so
/// batches of the same hour and capture point add up.
enum BatchWriter {
  static func insert(_ file: IngestedFile, _ db: Database) throws {
    try db.execute(
      sql: """
        INSERT INTO ingested_file (sha256, path, size, kind, capture_point, first_seen, last_seen, packets, flows,
          flow_packets, flow_bytes, ingested_at, tool_version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        file.sha256, file.path, file.size, file.kind.rawValue, file.capturePoint, file.firstSeen, file.lastSeen,
        file.packets, file.flows, file.flowPackets, file.flowBytes, file.ingestedAt, file.toolVersion,
      ])
  }

  static func write(_ batch: ObservationBatch, _ db: Database) throws {
    let upsert = try db.cachedStatement(
      sql: """
        INSERT INTO flow_bucket (bucket, capture_point, initiator, responder, responder_port, transport, vlan,
          application, security_mode, authenticated, encrypted, answered, initiator_certain, flows,
          packets_from_initiator, packets_from_responder, bytes_from_initiator, bytes_from_responder, first_seen,
          last_seen, first_file, first_packet, initiator_port, security_policy, user_identity, violation_count)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (bucket, capture_point, initiator, responder, responder_port, transport, vlan, application,
          security_mode, authenticated, encrypted, answered, initiator_certain)
        DO UPDATE SET
          flows = flows + excluded.flows,
          packets_from_initiator = packets_from_initiator + excluded.packets_from_initiator,
          packets_from_responder = packets_from_responder + excluded.packets_from_responder,
          bytes_from_initiator = bytes_from_initiator + excluded.bytes_from_initiator,
          bytes_from_responder = bytes_from_responder + excluded.bytes_from_responder,
          first_file = CASE WHEN excluded.first_seen < first_seen THEN excluded.first_file ELSE first_file END,
          first_packet = CASE WHEN excluded.first_seen < first_seen THEN excluded.first_packet ELSE first_packet END,
          initiator_port = CASE WHEN excluded.first_seen < first_seen THEN excluded.initiator_port
            ELSE initiator_port END,
          first_seen = min(first_seen, excluded.first_seen),
          last_seen = max(last_seen, excluded.last_seen),
          security_policy = CASE WHEN security_policy = '' THEN excluded.security_policy ELSE security_policy END,
          user_identity = CASE WHEN user_identity = '' THEN excluded.user_identity ELSE user_identity END,
          violation_count = violation_count + excluded.violation_count
        RETURNING id
        """)
    let operation = try db.cachedStatement(
      sql: """
        INSERT INTO flow_operation (flow_id, name, class, count) VALUES (?, ?, ?, ?)
        ON CONFLICT (flow_id, name, class) DO UPDATE SET count = count + excluded.count
        """)
    let identity = try db.cachedStatement(
      sql: """
        INSERT OR IGNORE INTO flow_identity (flow_id, source, vendor, product, serial, firmware, model)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
    let violation = try db.cachedStatement(
      sql: """
        INSERT INTO flow_violation (flow_id, file, packet, code, message)
        SELECT ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM flow_violation WHERE flow_id = ?) < ?
        """)
    // Rows in key order: the same batch always writes the same ids in the same order.
    for (key, counts) in batch.flows.sorted(by: { StoredOrder.precedes($0.key, $1.key) }) {
      let arguments: StatementArguments = [
        key.bucket, key.capturePoint, key.initiator.description, key.responder.description, Int(key.responderPort),
        Int(key.transport), Int(key.vlan), key.application, key.securityMode, Int(key.authenticated),
        Int(key.encrypted), key.answered, key.initiatorCertain, counts.flows, counts.packetsFromInitiator,
        counts.packetsFromResponder, counts.bytesFromInitiator, counts.bytesFromResponder, counts.firstSeen,
        counts.lastSeen, counts.firstFile, counts.firstPacket, Int(counts.initiatorPort), counts.securityPolicy,
        counts.userIdentity, counts.violationCount,
      ]
      guard let id = try Int64.fetchOne(upsert, arguments: arguments) else { continue }
      for (op, count) in counts.operations.sorted(by: { $0.key < $1.key }) {
        try operation.execute(arguments: [id, op.name, op.operationClass, count])
      }
      for item in counts.identities.sorted() {
        try identity.execute(
          arguments: [id, item.source, item.vendor, item.product, item.serial, item.firmware, item.model])
      }
      for item in counts.violations {
        try violation.execute(
          arguments: [id, item.file, item.packet, item.code, item.message, id, ObservationBatch.violationLimit])
      }
    }
    let vendor = try db.cachedStatement(
      sql: "INSERT INTO mac_vendor (mac, vendor) VALUES (?, ?) ON CONFLICT (mac) DO NOTHING")
    for (mac, name) in batch.vendors.sorted(by: { $0.key.description < $1.key.description }) {
      try vendor.execute(arguments: [mac.description, name])
    }
    let host = try db.cachedStatement(
      sql: """
        INSERT INTO host_bucket (bucket, capture_point, address, mac, in_flow, first_seen, last_seen)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (bucket, capture_point, address, mac, in_flow) DO UPDATE SET
          first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)
        """)
    for (key, span) in batch.hosts.sorted(by: { StoredOrder.precedes($0.key, $1.key) }) {
      try host.execute(
        arguments: [
          key.bucket, key.capturePoint, key.address.description, key.mac?.description ?? "", key.inFlow,
          span.lowerBound,
          span.upperBound,
        ])
    }
  }
}
