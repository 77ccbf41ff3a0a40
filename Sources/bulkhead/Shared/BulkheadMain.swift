import ArgumentParser
import Foundation

extension Bulkhead {
  /// Runs the command line, exiting 2 (not argument-parser's 64) on a usage error, as every command documents.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      // EX_USAGE (64) is what swift-argument-parser uses for bad arguments; Bulkhead's contract is 0/1/2.
      if exitCode(for: error).rawValue == 64 {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
