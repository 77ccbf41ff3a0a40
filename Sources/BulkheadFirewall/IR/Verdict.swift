/// The outcome for a packet at one enforcement point: reachability cares only about allow and deny.
public enum Verdict: String, Hashable, Sendable, Codable {
  case allow
  case deny
}
