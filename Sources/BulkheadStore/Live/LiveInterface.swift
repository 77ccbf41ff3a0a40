import CPcap
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A network interface opened for reading through libpcap: passive only. Nothing here injects or sends a frame
/// (no `pcap_inject`/`pcap_sendpacket` is called anywhere in Bulkhead).
final class LiveInterface {
  /// One frame as libpcap delivered it: bytes valid only during the callback.
  struct Frame {
    var seconds: Int
    var microseconds: Int
    var capturedLength: Int
    var wireLength: Int
    var bytes: UnsafeRawBufferPointer
  }

  let name: String
  private let handle: OpaquePointer
  /// The link type (LINKTYPE_* value) of the interface.
  let linkType: Int32
  let snaplen: Int32
  /// The descriptor polled for frames (-1: none, then the loop sleeps between reads).
  private let selectable: Int32

  /// Opens `name` with `snaplen` bytes per frame, promiscuous or not, and compiles `filter` (BPF syntax) onto it.
  init(name: String, snaplen: Int32, promiscuous: Bool, filter: String?) throws(LiveCaptureError) {
    self.name = name
    self.snaplen = snaplen
    var error = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
    guard let handle = pcap_create(name, &error) else {
      throw LiveCaptureError(interface: name, reason: Self.text(error))
    }
    pcap_set_snaplen(handle, snaplen)
    pcap_set_promisc(handle, promiscuous ? 1 : 0)
    // Frames are handed over at once (no kernel batching), with a 200 ms read timeout so stop requests are seen.
    pcap_set_immediate_mode(handle, 1)
    pcap_set_timeout(handle, 200)
    let activated = pcap_activate(handle)
    if activated < 0 {
      let reason = String(cString: pcap_geterr(handle))
      pcap_close(handle)
      throw LiveCaptureError(interface: name, reason: reason.isEmpty ? "cannot activate (\(activated))" : reason)
    }
    if let filter {
      var program = bpf_program()
      guard pcap_compile(handle, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
        let reason = String(cString: pcap_geterr(handle))
        pcap_close(handle)
        throw LiveCaptureError(interface: name, reason: "filter \"\(filter)\": \(reason)")
      }
      defer { pcap_freecode(&program) }
      guard pcap_setfilter(handle, &program) == 0 else {
        let reason = String(cString: pcap_geterr(handle))
        pcap_close(handle)
        throw LiveCaptureError(interface: name, reason: "filter \"\(filter)\": \(reason)")
      }
    }
    // Non-blocking reads with our own poll: on Linux (TPACKET_V3) a blocking pcap_next_ex in immediate mode waits
    // for a frame whatever the timeout, so a quiet interface would never let the loop see a stop request.
    guard pcap_setnonblock(handle, 1, &error) == 0 else {
      pcap_close(handle)
      throw LiveCaptureError(interface: name, reason: "cannot read without blocking: \(Self.text(error))")
    }
    self.handle = handle
    selectable = pcap_get_selectable_fd(handle)
    linkType = pcap_datalink(handle)
  }

  deinit { pcap_close(handle) }

  /// libpcap's error buffer as text (up to its terminating NUL).
  private static func text(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Hands the next frame to `body`, waiting at most `timeout` milliseconds for one; false when none came, an error
  /// when the interface went away.
  func next(timeout: Int32 = 200, _ body: (Frame) -> Void) throws(LiveCaptureError) -> Bool {
    if try read(body) { return true }
    if selectable >= 0 {
      var descriptor = pollfd(fd: selectable, events: Int16(POLLIN), revents: 0)
      _ = poll(&descriptor, 1, timeout)
    } else {
      usleep(UInt32(timeout) * 1000)
    }
    return try read(body)
  }

  private func read(_ body: (Frame) -> Void) throws(LiveCaptureError) -> Bool {
    var header: UnsafeMutablePointer<pcap_pkthdr>?
    var data: UnsafePointer<UInt8>?
    let result = pcap_next_ex(handle, &header, &data)
    switch result {
    case 1:
      guard let header, let data else { return false }
      let captured = Int(header.pointee.caplen)
      body(
        Frame(
          seconds: Int(header.pointee.ts.tv_sec), microseconds: Int(header.pointee.ts.tv_usec),
          capturedLength: captured, wireLength: Int(header.pointee.len),
          bytes: UnsafeRawBufferPointer(start: data, count: captured)))
      return true
    case 0:
      return false
    default:
      throw LiveCaptureError(interface: name, reason: String(cString: pcap_geterr(handle)))
    }
  }

  /// libpcap's counters: frames received by the filter, dropped by the kernel for lack of buffer, dropped by the
  /// interface.
  func statistics() -> (received: UInt32, dropped: UInt32, interfaceDropped: UInt32) {
    var stats = pcap_stat()
    guard pcap_stats(handle, &stats) == 0 else { return (0, 0, 0) }
    return (stats.ps_recv, stats.ps_drop, stats.ps_ifdrop)
  }
}
