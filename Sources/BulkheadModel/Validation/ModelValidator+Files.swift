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
    for capture in plant.captures where capture.files().isEmpty {
      out.append(
        Diagnostic(.captureMatchesNothing, "capture '\(capture.pattern)' matches no file", at: capture.location))
    }
  }
}
