/// What the proposed side of a what-if replays every observed flow against: today's plant and firewalls, and where
/// the flows whose verdict differs are counted.
final class ReplayBaseline: Sendable {
  /// Today's model side (shared read-only by every reconciling thread; each keeps its own memo).
  let today: PathModel
  /// The flows whose verdict differs.
  let changes = VerdictReplay()

  init(today: PathModel) { self.today = today }
}
