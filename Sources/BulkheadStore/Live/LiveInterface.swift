import CPcap
import Foundation

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

  /// Opens `name` with `snaplen` bytes per frame, promiscuous or not, and compiles `filter` (BPF syntax) onto it.
  init(name: String, snaplen: Int32, promiscuous: Bool, filter: String?) throws(LiveCaptureError) {
    self.name = name
    self.snaplen = snaplen
    var error = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
    guard let handle = pcap_create(name, &error) else {
      throw LiveCaptureError(interface: name, reason: String(cString: error))
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
    self.handle = handle
    linkType = pcap_datalink(handle)
  }

  deinit { pcap_close(handle) }

  /// The next frame, nil when the read timed out; an error when the interface went away.
  func next(_ body: (Frame) -> Void) throws(LiveCaptureError) -> Bool {
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
