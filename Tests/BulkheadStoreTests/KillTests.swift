import Foundation
import Testing

@testable import BulkheadStore

/// `bulkhead ingest` killed with SIGKILL at random moments: the store is consistent after every kill (every file
/// whole or absent, totals equal to the batches that wrote them), and a run after the kills ends with exactly the
/// store an uninterrupted run makes.
@Suite(.serialized) struct KillTests {
  /// Fresh stores, each killed this many times before it is completed: 10 × 5 = 50 kill points.
  static let stores = 10
  static let killsPerStore = 5

  @Test func killedIngestLosesNothingCommittedAndCompletesToTheSameStore() throws {
    let directory = try StoreFixtures.scratch("kill")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var files: [String] = []
    // Larger captures than the example's, so kills land while files are read and while they are written.
    for seed in [3, 5, 8] {
      let path = directory + "/plant-\(seed).pcap"
      let generated = try Self.run(
        "/usr/bin/env",
        [
          "python3", StoreFixtures.packageRoot + "/Benchmarks/gen-plant-capture.py", "-o", path, "--size-mb", "2",
          "--seed", String(seed),
        ], deadline: 120)
      try #require(generated.status == 0, "capture generator failed: \(generated.err)")
      files.append(path)
    }
    files += StoreFixtures.exampleCaptures
    let binary = try Self.binary()
    func ingest(_ store: String) -> [String] {
      [binary.path, "ingest", StoreFixtures.examplePlant] + files + ["--store", store]
    }

    let reference = directory + "/reference.sqlite"
    let started = Date()
    let full = try Self.run(ingest(reference)[0], Array(ingest(reference).dropFirst()), deadline: 300)
    try #require(full.status == 0, "uninterrupted ingest failed: \(full.err)")
    let duration = Date().timeIntervalSince(started)
    let expected = try StoreDump.text(ObservationStore(path: reference, create: false))
    let expectedTotals = try ObservationStore(path: reference, create: false).totals()
    #expect(expectedTotals.flows > 1000)

    var random = SplitMix64(seed: UInt64(Date().timeIntervalSince1970))
    print("KillTests: seed \(random.state), uninterrupted ingest \(String(format: "%.2f", duration)) s")
    // Each kill lands at a random moment of the work still left in its store (committed files are skipped on the
    // next run, so later runs are shorter). A run that ends before its kill completes its store early; either way
    // every store is completed by a run to the end and compared with the uninterrupted one.
    let sizes = Dictionary(
      uniqueKeysWithValues: files.map {
        (
          CaptureIngest.relative($0, to: StoreFixtures.examplePlant),
          Double((try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0)
        )
      })
    let totalSize = max(1, sizes.values.reduce(0, +))
    var killed = 0
    var attempts = 0
    var completed = 0
    var index = 0
    var killedHere = 0
    func complete(_ path: String) throws {
      let arguments = ingest(path)
      let rerun = try Self.run(arguments[0], Array(arguments.dropFirst()), deadline: 300)
      #expect(rerun.status == 0, "re-run of store \(index) failed: \(rerun.err)")
      let store = try ObservationStore(path: path, create: false)
      #expect(try store.totals() == expectedTotals)
      #expect(try StoreDump.text(store) == expected, "store \(index) differs from the uninterrupted run")
      completed += 1
      index += 1
      killedHere = 0
    }
    while killed < Self.stores * Self.killsPerStore && attempts < Self.stores * Self.killsPerStore * 3 {
      attempts += 1
      let path = directory + "/killed-\(index).sqlite"
      var left = 1.0
      if FileManager.default.fileExists(atPath: path) {
        let done = try ObservationStore(path: path, create: false).ingestedFiles().map { sizes[$0.path] ?? 0 }
        left = max(0.05, 1 - done.reduce(0, +) / totalSize)
      }
      let delay = Double(random.next() % 1000) / 1000 * duration * left
      let arguments = ingest(path)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: arguments[0])
      process.arguments = Array(arguments.dropFirst())
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      let landed = process.isRunning
      if landed {
        kill(process.processIdentifier, SIGKILL)
        killed += 1
        killedHere += 1
      }
      process.waitUntilExit()
      if FileManager.default.fileExists(atPath: path) {
        let store = try ObservationStore(path: path, create: false)
        #expect(try store.consistencyProblems() == [], "store \(index) after a kill at \(delay) s")
        // Files go in in order: the committed ones are a prefix of the list.
        let committed = Set(try store.ingestedFiles().map(\.path))
        let order = files.map { CaptureIngest.relative($0, to: StoreFixtures.examplePlant) }
        let prefix = order.prefix { committed.contains($0) }
        #expect(committed.count == prefix.count, "store \(index): committed files are not a prefix")
      }
      if !landed || killedHere == Self.killsPerStore { try complete(path) }
    }
    if killedHere > 0 { try complete(directory + "/killed-\(index).sqlite") }
    print("KillTests: \(killed) kills landed mid-run in \(attempts) runs over \(completed) stores")
    #expect(killed >= Self.stores * Self.killsPerStore, "too few kills landed while ingest ran (\(killed))")
    #expect(completed >= Self.stores)
  }

  /// The `bulkhead` executable beside the test bundle.
  static func binary() throws -> URL {
    var directory = Bundle.main.bundleURL
    for _ in 0..<3 {
      let candidate = directory.appendingPathComponent("bulkhead")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    throw StoreError(path: Bundle.main.bundleURL.path, reason: "no bulkhead executable beside the tests")
  }

  /// Runs a program to its end (killed after `deadline` seconds).
  static func run(_ executable: String, _ arguments: [String], deadline: TimeInterval) throws -> (
    status: Int32, err: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    let start = Date()
    var collected = Data()
    let reader = err.fileHandleForReading
    DispatchQueue.global().async {
      Thread.sleep(forTimeInterval: deadline)
      if process.isRunning, Date().timeIntervalSince(start) >= deadline { process.terminate() }
    }
    collected = reader.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: collected, as: UTF8.self))
  }
}

/// A small seeded generator (SplitMix64), so a failing run can be repeated from its printed seed.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
