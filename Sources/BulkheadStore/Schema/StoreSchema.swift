import GRDB

/// The store's tables, created and upgraded through GRDB's migrator: each migration runs once, in its own
/// transaction, and is recorded in `grdb_migrations`. A migration is never edited once landed; a change is a new one.
///
/// The layout is documented column by column in docs/store.md (the web UI reads the same tables).
enum StoreSchema {
  /// The migrations in order.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-observations") { db in
      // One row per batch the store took in: a capture file (by content), a Zeek log, or a live flush.
      try db.execute(
        sql: """
          CREATE TABLE ingested_file (
            sha256 TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            kind TEXT NOT NULL,
            capture_point TEXT NOT NULL,
            first_seen REAL,
            last_seen REAL,
            packets INTEGER NOT NULL,
            flows INTEGER NOT NULL,
            flow_packets INTEGER NOT NULL,
            flow_bytes INTEGER NOT NULL,
            ingested_at TEXT NOT NULL,
            tool_version TEXT NOT NULL
          )
          """)
      // Flows per hour bucket and flow key, at one capture point. Security facts and the application are part of
      // the key, so a session that drops its protection is a row of its own, not an average.
      try db.execute(
        sql: """
          CREATE TABLE flow_bucket (
            id INTEGER PRIMARY KEY,
            bucket INTEGER NOT NULL,
            capture_point TEXT NOT NULL,
            initiator TEXT NOT NULL,
            responder TEXT NOT NULL,
            responder_port INTEGER NOT NULL,
            transport INTEGER NOT NULL,
            vlan INTEGER NOT NULL,
            application TEXT NOT NULL,
            security_mode TEXT NOT NULL,
            authenticated INTEGER NOT NULL,
            encrypted INTEGER NOT NULL,
            answered INTEGER NOT NULL,
            initiator_certain INTEGER NOT NULL,
            flows INTEGER NOT NULL,
            packets_from_initiator INTEGER NOT NULL,
            packets_from_responder INTEGER NOT NULL,
            bytes_from_initiator INTEGER NOT NULL,
            bytes_from_responder INTEGER NOT NULL,
            first_seen REAL NOT NULL,
            last_seen REAL NOT NULL,
            first_file TEXT NOT NULL,
            first_packet INTEGER NOT NULL,
            initiator_port INTEGER NOT NULL,
            security_policy TEXT NOT NULL,
            user_identity TEXT NOT NULL,
            violation_count INTEGER NOT NULL,
            UNIQUE (bucket, capture_point, initiator, responder, responder_port, transport, vlan, application,
                    security_mode, authenticated, encrypted, answered, initiator_certain)
          )
          """)
      try db.execute(sql: "CREATE INDEX flow_bucket_by_time ON flow_bucket (bucket)")
      try db.execute(
        sql: """
          CREATE TABLE flow_operation (
            flow_id INTEGER NOT NULL REFERENCES flow_bucket (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            class TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (flow_id, name, class)
          ) WITHOUT ROWID
          """)
      try db.execute(
        sql: """
          CREATE TABLE flow_identity (
            flow_id INTEGER NOT NULL REFERENCES flow_bucket (id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            vendor TEXT NOT NULL,
            product TEXT NOT NULL,
            serial TEXT NOT NULL,
            firmware TEXT NOT NULL,
            model TEXT NOT NULL,
            PRIMARY KEY (flow_id, source, vendor, product, serial, firmware, model)
          ) WITHOUT ROWID
          """)
      // At most ObservationBatch.violationLimit per flow row; flow_bucket.violation_count has them all.
      try db.execute(
        sql: """
          CREATE TABLE flow_violation (
            flow_id INTEGER NOT NULL REFERENCES flow_bucket (id) ON DELETE CASCADE,
            file TEXT NOT NULL,
            packet INTEGER NOT NULL,
            code TEXT NOT NULL,
            message TEXT NOT NULL
          )
          """)
      try db.execute(sql: "CREATE INDEX flow_violation_by_flow ON flow_violation (flow_id)")
      // Hosts per hour bucket: each address with each MAC it was seen with ('' when the link had none); in_flow 1
      // when the host sent traffic in a flow, 0 when only the capture's asset view (ARP) bound the MAC to it.
      try db.execute(
        sql: """
          CREATE TABLE host_bucket (
            bucket INTEGER NOT NULL,
            capture_point TEXT NOT NULL,
            address TEXT NOT NULL,
            mac TEXT NOT NULL,
            in_flow INTEGER NOT NULL,
            first_seen REAL NOT NULL,
            last_seen REAL NOT NULL,
            PRIMARY KEY (bucket, capture_point, address, mac, in_flow)
          ) WITHOUT ROWID
          """)
    }
    migrator.registerMigration("v2-baselines") { db in
      // An accepted baseline: the observed state as of `window_end`, with who accepted it, when and why.
      try db.execute(
        sql: """
          CREATE TABLE baseline (
            id INTEGER PRIMARY KEY,
            accepted_at TEXT NOT NULL,
            accepted_by TEXT NOT NULL,
            reason TEXT NOT NULL,
            window_start REAL,
            window_end REAL
          )
          """)
    }
    migrator.registerMigration("v3-mac-vendors") { db in
      // The IEEE OUI vendor of each MAC the captures' asset views named (unknown ones are not stored), so that a
      // host read back from the store carries the vendor a direct assessment gives it.
      try db.execute(sql: "CREATE TABLE mac_vendor (mac TEXT PRIMARY KEY, vendor TEXT NOT NULL) WITHOUT ROWID")
    }
    return migrator
  }
}
