import Foundation
import GRDB

@testable import BulkheadStore

/// The store's observation tables as sorted text (batch times left out), for comparing two stores.
enum StoreDump {
  static func text(_ store: ObservationStore) throws -> String {
    try store.read { db in
      var lines: [String] = []
      let queries = [
        "SELECT sha256, path, size, kind, capture_point, first_seen, last_seen, packets, flows, flow_packets, flow_bytes FROM ingested_file",
        """
        SELECT bucket, capture_point, initiator, responder, responder_port, transport, vlan, application,
          security_mode, authenticated, encrypted, answered, initiator_certain, flows, packets_from_initiator,
          packets_from_responder, bytes_from_initiator, bytes_from_responder, first_seen, last_seen, first_file,
          first_packet, initiator_port, security_policy, user_identity, violation_count FROM flow_bucket
        """,
        """
        SELECT f.bucket, f.capture_point, f.initiator, f.responder, f.responder_port, f.application, o.name, o.class,
          o.count FROM flow_operation o JOIN flow_bucket f ON f.id = o.flow_id
        """,
        "SELECT * FROM host_bucket",
      ]
      for query in queries {
        for row in try Row.fetchAll(db, sql: query) {
          lines.append(row.databaseValues.map(\.description).joined(separator: "|"))
        }
      }
      return lines.sorted().joined(separator: "\n")
    }
  }
}
