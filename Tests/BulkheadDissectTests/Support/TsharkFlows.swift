import BulkheadCapture
import Foundation

@testable import BulkheadDissect

/// Extracts TCP streams and UDP datagrams with tshark; TCP segments are put in sequence order, retransmitted bytes
/// dropped and holes reported as gaps, the way the capture stage's flow table delivers them.
enum TsharkFlows {
  nonisolated(unsafe) private static var cache: [String: [TestFlow]] = [:]  // Guarded by `lock`.
  private static let lock = NSLock()

  static func flows(_ pcap: String) throws -> [TestFlow] {
    lock.lock()
    defer { lock.unlock() }
    if let cached = cache[pcap] { return cached }
    let result = try extract(pcap)
    cache[pcap] = result
    return result
  }

  private static func extract(_ pcap: String) throws -> [TestFlow] {
    let text = try Tshark.output([
      "-r", pcap, "-n", "-Y", "tcp or udp", "-T", "fields", "-E", "separator=/t",
      "-o", "tcp.relative_sequence_numbers:TRUE", "-o", "tcp.analyze_sequence_numbers:TRUE",
      "-e", "frame.number", "-e", "tcp.stream", "-e", "udp.stream", "-e", "ip.src", "-e", "ipv6.src",
      "-e", "ip.dst", "-e", "ipv6.dst", "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "udp.srcport",
      "-e", "udp.dstport", "-e", "tcp.seq", "-e", "tcp.flags.syn", "-e", "tcp.flags.ack", "-e", "tcp.payload",
      "-e", "udp.payload",
    ])

    struct Direction {
      var next: Int?
    }
    var flows: [String: TestFlow] = [:]
    var order: [String] = []
    var expected: [String: [FlowDirection: Int]] = [:]
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count >= 16, let packet = Int(f[0]) else { continue }
      // Tunnels give several comma-separated values; the innermost (last) one is the flow's.
      func last(_ s: String) -> String { s.split(separator: ",").last.map(String.init) ?? "" }
      let isTCP = !f[1].isEmpty
      let streamID = isTCP ? "tcp:" + last(f[1]) : "udp:" + last(f[2])
      let src = last(f[3].isEmpty ? f[4] : f[3])
      let dst = last(f[5].isEmpty ? f[6] : f[5])
      let sport = UInt16(last(isTCP ? f[7] : f[9])) ?? 0
      let dport = UInt16(last(isTCP ? f[8] : f[10])) ?? 0
      let payload = hex(isTCP ? f[14] : f[15])
      if flows[streamID] == nil {
        // The SYN sender (or, without one, the first sender) initiated the flow.
        let synAck = f[12] == "1" && f[13] == "1"
        // Without a SYN, a service port on the sender's side means the sender is the responder.
        let servicePorts: Set<UInt16> = [502, 20000, 102, 44818, 2222, 4840]
        let senderIsService =
          (servicePorts.contains(sport) && !servicePorts.contains(dport)) || (sport < 1024 && dport >= 1024)
        // A fuzzed trace may carry a SYN from the service port; Zeek then trusts the port, and so do we.
        let swap = synAck || senderIsService
        flows[streamID] = TestFlow(
          transport: isTCP ? .tcp : .udp, initiator: swap ? dst : src, initiatorPort: swap ? dport : sport,
          responder: swap ? src : dst, responderPort: swap ? sport : dport)
        order.append(streamID)
      }
      guard var flow = flows[streamID] else { continue }
      let direction: FlowDirection =
        src == flow.initiator && sport == flow.initiatorPort ? .initiatorToResponder : .responderToInitiator
      if isTCP {
        guard let seq = Int(f[11]) else { continue }
        let isSyn = f[12] == "1"
        var next = expected[streamID]?[direction]
        if isSyn { next = seq + 1 }
        if !payload.isEmpty {
          var bytes = payload
          var start = seq
          if let n = next {
            if seq + bytes.count <= n {
              bytes = []  // Retransmission.
            } else if seq < n {
              bytes.removeFirst(n - seq)
              start = n
            } else if seq > n {
              flow.events.append(.gap(direction, packet: packet, length: seq - n))
            }
          }
          if !bytes.isEmpty {
            flow.events.append(.bytes(bytes, direction, packet: packet))
            next = start + bytes.count
          }
        }
        if let next { expected[streamID, default: [:]][direction] = next }
      } else if !payload.isEmpty {
        flow.events.append(.bytes(payload, direction, packet: packet))
      }
      flows[streamID] = flow
    }
    return order.compactMap { flows[$0] }
  }

  static func hex(_ text: String) -> [UInt8] {
    let clean = text.split(separator: ",").last.map(String.init) ?? ""
    var result: [UInt8] = []
    result.reserveCapacity(clean.utf8.count / 2)
    var high: UInt8?
    for c in clean.utf8 {
      let v: UInt8
      switch c {
      case 0x30...0x39: v = c - 0x30
      case 0x61...0x66: v = c - 0x61 + 10
      case 0x41...0x46: v = c - 0x41 + 10
      default: continue
      }
      if let h = high {
        result.append(h << 4 | v)
        high = nil
      } else {
        high = v
      }
    }
    return result
  }
}
