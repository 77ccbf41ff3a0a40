/// The point of a packet's path a base chain filters at (nft `hook`, the iptables built-in chain of the same name;
/// other vendors lower to `forward` for traffic crossing the device and `input` for traffic to it).
public enum ChainHook: String, Hashable, Sendable, Codable, CaseIterable {
  case prerouting
  case input
  case forward
  case output
  case postrouting
  case ingress
  case egress

  /// The hooks a packet of this kind crosses, in order (netfilter's packet flow): a forwarded packet crosses
  /// prerouting, forward and postrouting; one to the device prerouting and input; one from it output and
  /// postrouting. A drop at any of them ends the packet (iptables `raw`/`mangle` PREROUTING included).
  public var path: [ChainHook] {
    switch self {
    case .forward: [.prerouting, .forward, .postrouting]
    case .input: [.prerouting, .input]
    case .output: [.output, .postrouting]
    case .prerouting, .postrouting, .ingress, .egress: [self]
    }
  }
}
