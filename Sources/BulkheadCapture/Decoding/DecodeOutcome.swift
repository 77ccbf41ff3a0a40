/// What decoding one packet led to.
enum DecodeOutcome: Equatable {
  /// An IP packet with its transport fields filled in: goes to the flow table.
  case ip
  /// An IP fragment: goes to reassembly.
  case fragment
  /// An ARP packet.
  case arp
  /// Not decoded, for this reason.
  case notDecoded(NotDecodedReason)
}
