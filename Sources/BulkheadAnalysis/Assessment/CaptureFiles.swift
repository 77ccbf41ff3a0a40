import BulkheadCapture
import BulkheadModel
import Dispatch
import Foundation

/// The capture files a model names, and reading them: every file on its own, in parallel, each reconciled as its
/// flows finish, the same connection at several capture points joined once.
enum CaptureFiles {
  /// What reading the captures established.
  struct Reading {
    /// The reconciled traffic, hosts and time span.
    var tally = TrafficTally()
    /// The capture's asset view (MAC vendors for the hosts).
    var assets: [ObservedAsset] = []
    /// The same asset view per capture file (where each MAC was seen on the link).
    var assetsByFile: [String: [ObservedAsset]] = [:]
    /// What could not be read or interpreted.
    var diagnostics: [Diagnostic] = []
    /// Packets read from pcap files.
    var packets: UInt64 = 0
    /// Zones the observation files say they watched.
    var declaredZones: [String] = []
  }

  /// Files matching the model's capture patterns, sorted, without repeats.
  static func resolve(_ plant: Plant) -> [String] {
    var files: Set<String> = []
    for pattern in plant.captures { files.formUnion(pattern.files()) }
    return files.sorted()
  }

  /// Reads `files` (pcap, pcapng, or `*.json` observations). Pcap files are read in parallel; files fewer than cores
  /// are each split by flow across the spare cores (``ShardedCapture``), which changes nothing in the results.
  /// `onFlow` sees every reconciled flow (from several threads at once). `history`'s records (the observation
  /// store's, capture points already merged) are reconciled as they are, beside the files.
  static func read(
    _ files: [String], plant: Plant, model: PathModel, history: RecordedHistory? = nil,
    onFlow: (@Sendable (ObservedFlowFacts, TrafficKey) -> Void)? = nil
  ) -> Reading {
    var reading = Reading()
    var watched: [Set<String>?] = files.map { watchedZones(of: $0, in: plant) }
    var observationFiles: [(index: Int, records: [ObservationRecord])] = []
    for (index, file) in files.enumerated() where file.hasSuffix(".json") {
      let read = ObservationFile.read(path: file)
      observationFiles.append((index, read.records))
      reading.declaredZones += read.zones
      reading.diagnostics += read.diagnostics
      watched[index] = read.zones.isEmpty ? nil : Set(read.zones)
    }
    let merger = ConnectionMerger(plant: plant, watchedZones: watched)
    let captures = files.indices.filter { !files[$0].hasSuffix(".json") }
    let results = Slots<(Int, CaptureObserver.Result)>(count: captures.count)
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let shards = captures.isEmpty ? 1 : max(1, cores / captures.count)
    DispatchQueue.concurrentPerform(iterations: captures.count) { position in
      let index = captures[position]
      let result = CaptureObserver.read(
        path: files[index], file: index, shards: shards, model: model, merger: merger, onFlow: onFlow)
      results.set(position, (index, result))
    }
    let local = TrafficReconciler(model: model)
    local.onFlow = onFlow
    for (index, records) in observationFiles {
      for record in records {
        local.note(record)
        if let (observation, places) = merger.add(record, file: index) { local.add(observation, seenAt: places) }
      }
    }
    for (observation, places) in merger.drain() { local.add(observation, seenAt: places) }
    for record in history?.records ?? [] {
      local.note(record)
      local.add(record.observation, seenAt: [record.seenAt], count: record.flows)
    }
    reading.tally = local.tally()
    var assets: [ObservedAsset] = history?.assets ?? []
    for (index, result) in results.values.sorted(by: { $0.0 < $1.0 }) {
      for tally in result.tallies { reading.tally.merge(tally) }
      assets += result.assets
      reading.assetsByFile[files[index], default: []] += result.assets
      reading.diagnostics += result.diagnostics
      reading.packets += result.packets
    }
    reading.assets = assets
    return reading
  }

  /// The zones the capture point of `file` watches, from the model's capture entries that name it; nil when one
  /// of them does not say (it may see anything).
  static func watchedZones(of file: String, in plant: Plant) -> Set<String>? {
    var zones: Set<String> = []
    for pattern in plant.captures where pattern.files().contains(file) {
      let observed = plant.zones(observedBy: pattern)
      if observed.isEmpty { return nil }
      zones.formUnion(observed)
    }
    return zones.isEmpty ? nil : zones
  }
}
