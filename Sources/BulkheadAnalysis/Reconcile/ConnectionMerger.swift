import BulkheadModel
import Foundation

/// Joins the same connection seen at several capture points into one flow, holding a record only while another
/// capture point that could see the connection has not reported it yet.
///
/// A capture point can see a connection when it watches the zone of either end (``watchedZones``); one that says
/// nothing about what it watches may see anything. A record no other capture point could see is handed back at once,
/// so a single capture point (one SPAN, or one file) holds nothing; the rest are held until every capture point
/// that could see them has, or until ``drain()`` at the end. Parts fold in file order, so the result does not depend
/// on which thread read what first.
final class ConnectionMerger: @unchecked Sendable {
  private struct Pending {
    var parts: [(file: Int, record: ObservationRecord)] = []
    var files: Set<Int> = []
  }

  /// Per capture file, the zones it watches; nil when unknown.
  let watchedZones: [Set<String>?]
  private let plant: Plant
  private let lock = NSLock()
  private var pending: [ConnectionKey: Pending] = [:]

  init(plant: Plant, watchedZones: [Set<String>?]) {
    self.plant = plant
    self.watchedZones = watchedZones
  }

  /// The flow to reconcile now, or nil while other capture points may still report the connection.
  func add(_ record: ObservationRecord, file: Int) -> (FlowObservation, [SourceLocation])? {
    guard watchedZones.count > 1 else { return (record.observation, [record.seenAt]) }
    let zones = [plant.zone(containing: record.initiator)?.id, plant.zone(containing: record.responder)?.id]
      .compactMap { $0 }
    var candidates: Set<Int> = [file]
    for (index, watched) in watchedZones.enumerated() where index != file {
      if let watched, !zones.contains(where: watched.contains) { continue }
      candidates.insert(index)
    }
    guard candidates.count > 1 else { return (record.observation, [record.seenAt]) }
    let key = record.observation.connectionKey
    return lock.withLock {
      var entry = pending[key] ?? Pending()
      entry.parts.append((file, record))
      entry.files.insert(file)
      guard entry.files.isSuperset(of: candidates) else {
        pending[key] = entry
        return nil
      }
      pending[key] = nil
      return Self.fold(entry.parts)
    }
  }

  /// Every connection still held, folded, in a fixed order.
  func drain() -> [(FlowObservation, [SourceLocation])] {
    lock.withLock {
      let held = pending.values.map { Self.fold($0.parts) }
      pending.removeAll()
      return held.sorted { a, b in a.1.lexicographicallyPrecedes(b.1) }
    }
  }

  private static func fold(_ parts: [(file: Int, record: ObservationRecord)]) -> (FlowObservation, [SourceLocation]) {
    let ordered = parts.sorted { a, b in (a.file, a.record.seenAt) < (b.file, b.record.seenAt) }
    var observation = ordered[0].record.observation
    for part in ordered.dropFirst() { observation.merge(part.record.observation) }
    return (observation, ordered.map(\.record.seenAt).sorted())
  }
}
