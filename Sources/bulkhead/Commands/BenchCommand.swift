import ArgumentParser

/// `bulkhead bench`: throughput figures for the pipeline stages, printed, never asserted.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure how fast Bulkhead's stages run on this machine.",
    subcommands: [BenchCaptureCommand.self, BenchFirewallCommand.self, BenchAssessCommand.self]
  )
}
