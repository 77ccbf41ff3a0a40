/// The netfilter hook a base chain is attached to (nft `hook`, or the iptables built-in chain of the same name).
public enum ChainHook: String, Hashable, Sendable, Codable, CaseIterable {
  case prerouting
  case input
  case forward
  case output
  case postrouting
  case ingress
  case egress
}
