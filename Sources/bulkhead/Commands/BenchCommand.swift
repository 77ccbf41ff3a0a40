import ArgumentParser

/// `bulkhead bench`: benchmark commands that print figures (never timed tests).
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Benchmarks that print timing and memory figures.",
    subcommands: [BenchFirewallCommand.self]
  )
}
