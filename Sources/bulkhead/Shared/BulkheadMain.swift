import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Bulkhead {
  /// Runs the command line under one exit-status contract (README, "Exit status"): 0 ok, 1 findings (a failed gate,
  /// an invalid model), 2 an input that cannot be read or used, bad arguments, or an output that cannot be written.
  static func main() {
    // A closed pipe is a write error (EPIPE) the command reports, not a signal that kills it without a word.
    signal(SIGPIPE, SIG_IGN)
    Console.guardStandardDescriptors()
    do {
      var command = try parseAsRoot()
      if let options = (command as? any ConsoleCommand)?.console { Console.isQuiet = options.quiet }
      try command.run()
    } catch let error as OutputError {
      Console.error(error.description)
      Foundation.exit(2)
    } catch {
      let code = exitCode(for: error)
      // ExitCode carries the command's own status, CleanExit is --help/--version (0): both as argument-parser does.
      if error is ExitCode || code == .success {
        exit(withError: error)
      }
      // EX_USAGE (64) is what swift-argument-parser uses for bad arguments, and any other error is an input or
      // output the command could not handle: both are 2 here, never 1, which means "findings".
      Console.error(fullMessage(for: error))
      Foundation.exit(2)
    }
  }
}
