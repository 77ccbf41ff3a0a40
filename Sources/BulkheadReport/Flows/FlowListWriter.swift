import BulkheadAnalysis
import BulkheadModel
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The full flow list of an assessment (`bulkhead assess --flows FILE`): every reconciled flow as one JSON object
/// per line, sorted by where it was first seen (capture file, packet number), each with the fingerprints of the
/// findings it counts in, so `grep <fingerprint>` lists every flow of a cause.
///
/// Flows arrive while the captures are read, before any finding exists: each is encoded at once into a temporary
/// file, and ``write(to:causes:)`` sorts the lines by their first place and adds the fingerprints. Memory holds 40
/// bytes per flow for the sort, never the flows.
public final class FlowListWriter: @unchecked Sendable {
  private struct Entry {
    var file: String
    var packet: Int
    var traffic: Int32
    var offset: Int64
    var length: Int32
    var prefix: Int32
  }

  private let lock = NSLock()
  private let temporary: String
  private let descriptor: Int32
  private var written: Int64 = 0
  private var entries: [Entry] = []
  private var classes: [TrafficKey: Int32] = [:]
  private var keys: [TrafficKey] = []
  private var failure: String?

  /// Creates a writer with its temporary file in `directory` (default: the system's temporary directory).
  public init(directory: String = NSTemporaryDirectory()) throws {
    temporary = (directory as NSString).appendingPathComponent("bulkhead-flows-\(UUID().uuidString).tmp")
    descriptor = open(temporary, O_RDWR | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
    }
    unlink(temporary)
  }

  deinit { close(descriptor) }

  /// Records one flow; safe to call from several threads.
  public func record(_ flow: ObservedFlowFacts, _ key: TrafficKey) {
    var line = JSONLine()
    line.beginObject()
    line.field("answered", flow.answered)
    line.field("application", flow.application)
    line.field("authenticated", flow.authenticated)
    line.field("bytes", flow.bytes)
    let prefix = line.bytes.count
    line.field("conduit", flow.conduit)
    if let index = flow.conduitFlowIndex { line.field("conduitFlowIndex", index) }
    line.field("encrypted", flow.encrypted)
    line.key("firstSeen")
    line.value(flow.firstSeen)
    line.field("initiator", flow.initiator.description)
    line.field("initiatorPort", Int(flow.initiatorPort))
    line.field("initiatorZone", flow.initiatorZone)
    line.key("lastSeen")
    line.value(flow.lastSeen)
    line.field("operationNames", counts: flow.operationNames)
    line.field("operations", counts: flow.operations)
    line.field("packets", flow.packets)
    line.field("responder", flow.responder.description)
    if flow.transport.hasPorts { line.field("responderPort", Int(flow.responderPort)) }
    line.field("responderZone", flow.responderZone)
    line.field("securityMode", flow.securityMode)
    line.key("seenAt")
    line.beginArray()
    for place in flow.seenAt { line.value(place.description) }
    line.endArray()
    line.field("transport", flow.transport.description)
    line.field("verdict", flow.verdict.rawValue)
    line.key("verdictRules")
    line.beginArray()
    for rule in flow.verdictRules { line.value(rule.description) }
    line.endArray()
    line.endObject()
    line.newline()
    let first = flow.seenAt.first
    lock.withLock {
      let traffic: Int32
      if let known = classes[key] {
        traffic = known
      } else {
        traffic = Int32(keys.count)
        classes[key] = traffic
        keys.append(key)
      }
      let count = line.bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(written)) }
      guard count == line.bytes.count else {
        failure = failure ?? "cannot write the temporary flow list (errno \(errno))"
        return
      }
      entries.append(
        Entry(
          file: first?.file ?? "", packet: first?.line ?? 0, traffic: traffic, offset: written,
          length: Int32(line.bytes.count), prefix: Int32(prefix)))
      written += Int64(count)
    }
  }

  /// How many flows were recorded.
  public var count: Int { lock.withLock { entries.count } }

  /// Writes the sorted list to `path`, each flow with `causes(key)` (the fingerprints of its class's findings).
  public func write(to path: String, causes: (TrafficKey) -> [String]) throws {
    try lock.withLock {
      if let failure { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure]) }
      let fingerprints: [[UInt8]] = keys.map { key in
        var list = JSONLine()
        list.key("causes")
        list.beginArray()
        for fingerprint in causes(key) { list.value(fingerprint) }
        list.endArray()
        return [UInt8(ascii: ",")] + list.bytes
      }
      let order = entries.indices.sorted { a, b in
        (entries[a].file, entries[a].packet, entries[a].offset) < (
          entries[b].file, entries[b].packet, entries[b].offset
        )
      }
      guard let output = FileHandle(forWritingAtPath: path) ?? Self.create(path) else {
        throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
      }
      defer { try? output.close() }
      try output.truncate(atOffset: 0)
      var buffer: [UInt8] = []
      buffer.reserveCapacity(1 << 20)
      var line = [UInt8](repeating: 0, count: 4096)
      for index in order {
        let entry = entries[index]
        if line.count < Int(entry.length) { line = [UInt8](repeating: 0, count: Int(entry.length)) }
        let read = line.withUnsafeMutableBytes {
          pread(descriptor, $0.baseAddress, Int(entry.length), off_t(entry.offset))
        }
        guard read == Int(entry.length) else {
          throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "temporary flow list unreadable"])
        }
        let prefix = Int(entry.prefix)
        buffer.append(contentsOf: line[0..<prefix])
        buffer.append(contentsOf: fingerprints[Int(entry.traffic)])
        buffer.append(contentsOf: line[prefix..<Int(entry.length)])
        if buffer.count >= 1 << 20 {
          try output.write(contentsOf: buffer)
          buffer.removeAll(keepingCapacity: true)
        }
      }
      try output.write(contentsOf: buffer)
    }
  }

  private static func create(_ path: String) -> FileHandle? {
    guard FileManager.default.createFile(atPath: path, contents: nil) else { return nil }
    return FileHandle(forWritingAtPath: path)
  }
}
