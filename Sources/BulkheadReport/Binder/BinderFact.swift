/// One label/value line of a register entry (`owner: ot-engineering`).
struct BinderFact: Hashable, Sendable {
  /// The label.
  var label: String
  /// The value.
  var value: [BinderInline]

  init(_ label: String, _ value: [BinderInline]) {
    self.label = label
    self.value = value
  }

  init(_ label: String, _ text: String) {
    self.init(label, [.text(text)])
  }
}
