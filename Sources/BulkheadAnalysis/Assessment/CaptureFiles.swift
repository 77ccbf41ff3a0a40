import BulkheadModel
import Dispatch
import Foundation

/// The capture files a model names, and reading them on every core.
enum CaptureFiles {
  /// Files matching the model's capture patterns, sorted, without repeats.
  static func resolve(_ plant: Plant) -> [String] {
    var files: Set<String> = []
    for pattern in plant.captures { files.formUnion(pattern.files()) }
    return files.sorted()
  }

  /// Reads each file on its own, in parallel; results come back in file order. Files fewer than cores are each
  /// split by flow across the spare cores (``ShardedCapture``), which changes nothing in the results.
  static func read(_ files: [String]) -> [CaptureObserver.Result] {
    let results = ResultBox(count: files.count)
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let shards = files.isEmpty ? 1 : max(1, cores / files.count)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      results.set(index, CaptureObserver.read(path: files[index], shards: shards))
    }
    return results.values.compactMap { $0 }
  }

  /// Collects results written from several threads.
  private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [CaptureObserver.Result?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: CaptureObserver.Result) {
      lock.lock()
      values[index] = value
      lock.unlock()
    }
  }
}
