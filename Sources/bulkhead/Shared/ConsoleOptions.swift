import ArgumentParser

/// `--quiet`, which every command takes (``ConsoleCommand``); `NO_COLOR` needs no option (see ``Console``).
struct ConsoleOptions: ParsableArguments {
  @Flag(
    name: .shortAndLong,
    help: "Write only errors to standard error: no warnings, notes, progress or verdict (the exit status tells).")
  var quiet = false
}

/// A command that takes the ``ConsoleOptions``; `bulkhead` applies them before the command runs, so every command
/// keeps one convention (a test walks the command tree and checks that each leaf conforms).
protocol ConsoleCommand: ParsableCommand {
  var console: ConsoleOptions { get }
}
