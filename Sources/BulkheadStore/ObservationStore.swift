import BulkheadModel
import Foundation
import GRDB

/// The plant's observation history: flows and hosts per hour bucket, the batches they came from, and accepted
/// baselines, in one SQLite file (`.bulkhead/observations.sqlite` beside the model by default).
///
/// The database runs in WAL mode: readers never block the one writer, and a process killed at any moment leaves
/// every committed batch and nothing of the batch it was writing (SQLite's atomic commit). Each batch is one
/// transaction that also records its totals in `ingested_file`, so ``consistencyProblems()`` can prove it.
public final class ObservationStore: Sendable {
  /// The database file.
  public let path: String
  private let pool: DatabasePool

  /// The store of the model at `modelFile`: `.bulkhead/observations.sqlite` in the model's directory.
  public static func defaultPath(forModel modelFile: String) -> String {
    let directory = (modelFile as NSString).deletingLastPathComponent
    return ((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent(".bulkhead/observations.sqlite")
  }

  /// Opens (creating it and its directory when `create`) the store at `path` and brings its schema up to date.
  public init(path: String, create: Bool = true) throws(StoreError) {
    self.path = path
    let manager = FileManager.default
    if !manager.fileExists(atPath: path) {
      guard create else { throw StoreError(path: path, reason: "no observation store here") }
      let directory = (path as NSString).deletingLastPathComponent
      if !directory.isEmpty {
        do {
          try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
          throw StoreError(path: path, reason: "cannot create \(directory): \(error.localizedDescription)")
        }
      }
    }
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    // Another ingest or monitor writing at the same time waits for its turn instead of failing.
    configuration.busyMode = .timeout(30)
    configuration.prepareDatabase { db in
      // NORMAL in WAL mode loses nothing committed when the process dies; only a power cut may lose the last
      // transactions, never consistency (https://sqlite.org/pragma.html#pragma_synchronous).
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
    }
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      try StoreSchema.migrator.migrate(pool)
    } catch {
      throw StoreError(path: path, reason: "\(error)")
    }
  }

  /// Whether a batch with this content digest is already in the store.
  public func contains(sha256: String) throws(StoreError) -> Bool {
    try read { db in
      try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ingested_file WHERE sha256 = ?)", arguments: [sha256])
        ?? false
    }
  }

  /// Writes one batch and its file record in one transaction; returns false (and writes nothing) when a batch with
  /// the same digest is already there.
  @discardableResult
  public func commit(_ batch: ObservationBatch, file: IngestedFile) throws(StoreError) -> Bool {
    try write { db in
      if try Bool.fetchOne(
        db, sql: "SELECT EXISTS (SELECT 1 FROM ingested_file WHERE sha256 = ?)", arguments: [file.sha256]) == true
      {
        return false
      }
      var record = file
      let totals = batch.totals
      record.flows = totals.flows
      record.flowPackets = totals.packets
      record.flowBytes = totals.bytes
      if let span = batch.span {
        record.firstSeen = span.lowerBound
        record.lastSeen = span.upperBound
      }
      try BatchWriter.insert(record, db)
      try BatchWriter.write(batch, db)
      return true
    }
  }

  /// Every batch taken in, oldest first.
  public func ingestedFiles() throws(StoreError) -> [IngestedFile] {
    try read { db in try BatchReader.files(db) }
  }

  /// Flow rows in `window`, capture points kept apart.
  public func flowRows(in window: StoreWindow = StoreWindow()) throws(StoreError) -> [FlowBucketKey: FlowBucketCounts] {
    try read { db in try BatchReader.flows(db, window: window) }
  }

  /// Host rows in `window`.
  public func hostRows(in window: StoreWindow = StoreWindow()) throws(StoreError) -> [HostBucketKey: ClosedRange<
    Double
  >] {
    try read { db in try BatchReader.hosts(db, window: window) }
  }

  /// Flows, packets and bytes over every flow row.
  public func totals() throws(StoreError) -> StoreTotals {
    try read { db in try BatchReader.totals(db) }
  }

  /// What is wrong with the store's contents: SQLite's integrity check, and flow rows whose totals differ from the
  /// batches that wrote them (a half-written batch would show here). Empty when consistent.
  public func consistencyProblems() throws(StoreError) -> [String] {
    try read { db in
      var problems: [String] = []
      for line in try String.fetchAll(db, sql: "PRAGMA integrity_check") where line != "ok" { problems.append(line) }
      for line in try String.fetchAll(db, sql: "PRAGMA foreign_key_check") { problems.append("foreign key: \(line)") }
      let rows = try BatchReader.totals(db)
      let files =
        try Row.fetchOne(
          db,
          sql:
            "SELECT coalesce(sum(flows), 0), coalesce(sum(flow_packets), 0), coalesce(sum(flow_bytes), 0) FROM ingested_file"
        ).map { StoreTotals(flows: $0[0], packets: $0[1], bytes: $0[2]) } ?? StoreTotals()
      if rows != files {
        problems.append("flow rows add up to \(rows), the batches that wrote them to \(files)")
      }
      return problems
    }
  }

  /// The time span of everything stored, nil when empty.
  public func span() throws(StoreError) -> ClosedRange<Double>? {
    try read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT min(first_seen), max(last_seen) FROM flow_bucket"),
        let start = row[0] as Double?, let end = row[1] as Double?
      else { return nil }
      return start...end
    }
  }

  func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try pool.read(body)
    } catch {
      throw StoreError(path: path, reason: "\(error)")
    }
  }

  func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try pool.write(body)
    } catch {
      throw StoreError(path: path, reason: "\(error)")
    }
  }
}
