import Foundation

extension ModelValidator {
  // MARK: Files

  func checkFilesExist(_ plant: Plant, into out: inout [Diagnostic]) {
    for point in plant.enforcementPoints {
      guard let path = point.configPath else { continue }
      if !FileManager.default.fileExists(atPath: path) {
        out.append(
          Diagnostic(
            .configFileMissing, "configuration of enforcement point '\(point.id)' not found: \(path)",
            at: point.locations.of("config")))
      }
    }
    // Files the loader refused (outside the plant, not regular) were reported as such: they still "match".
    for capture in plant.captures where FileGlob.expand(capture.resolvedPattern).isEmpty {
      out.append(
        Diagnostic(.captureMatchesNothing, "capture '\(capture.pattern)' matches no file", at: capture.location))
    }
  }
}
