import Foundation
import GRDB

extension ObservationStore {
  /// Records that everything observed up to `until` (default: the last stored packet) is the accepted baseline.
  public func acceptBaseline(
    by who: String, reason: String, until: Double? = nil, now: Double = Date().timeIntervalSince1970
  )
    throws(StoreError) -> Baseline
  {
    try write { db in
      let row = try Row.fetchOne(db, sql: "SELECT min(first_seen), max(last_seen) FROM flow_bucket")
      let start: Double? = row?[0]
      let end: Double? = until ?? row?[1]
      let accepted = CalendarTime.text(now)
      try db.execute(
        sql: "INSERT INTO baseline (accepted_at, accepted_by, reason, window_start, window_end) VALUES (?, ?, ?, ?, ?)",
        arguments: [accepted, who, reason, start, end])
      return Baseline(
        id: db.lastInsertedRowID, acceptedAt: accepted, acceptedBy: who, reason: reason, windowStart: start,
        windowEnd: end)
    }
  }

  /// Every accepted baseline, oldest first.
  public func baselines() throws(StoreError) -> [Baseline] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM baseline ORDER BY id").map { row in
        Baseline(
          id: row["id"], acceptedAt: row["accepted_at"], acceptedBy: row["accepted_by"], reason: row["reason"],
          windowStart: row["window_start"], windowEnd: row["window_end"])
      }
    }
  }

  /// The baseline in force: the last one accepted.
  public func currentBaseline() throws(StoreError) -> Baseline? { try baselines().last }
}
