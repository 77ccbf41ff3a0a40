import BulkheadModel

/// Names the capture point of a file: the model's capture entry that lists it (`fw-itot/ent0` when the entry says
/// which firewall interface was mirrored, else its pattern), or the file's path relative to the plant.
public enum CapturePointNames {
  /// The capture point of `file` in `plant`.
  public static func name(of file: String, in plant: Plant, root: String) -> String {
    let relative = CaptureIngest.relative(file, to: root)
    for pattern in plant.captures {
      let matches = pattern.files().contains { CaptureIngest.relative($0, to: root) == relative }
      guard matches else { continue }
      if let point = pattern.enforcementPoint, let interface = pattern.interface { return "\(point)/\(interface)" }
      return pattern.pattern
    }
    return relative
  }
}
