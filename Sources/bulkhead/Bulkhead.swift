import ArgumentParser

/// The `bulkhead` command: IEC 62443 zones and conduits, reconciled against firewalls and captures.
@main
struct Bulkhead: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bulkhead",
    abstract: "Reconcile a plant's zone-and-conduit model with its firewall configs and passive captures.",
    version: BuildInfo.versionLine,
    subcommands: [
      // One line per command; each command lives in its own file under Commands/.
      InitCommand.self,
      DiscoverCommand.self,
      ValidateCommand.self,
      TraceCommand.self,
      ReachCommand.self,
      FlowsCommand.self,
      DissectCommand.self,
      AssessCommand.self,
      CheckCommand.self,
      WhatIfCommand.self,
      IngestCommand.self,
      MonitorCommand.self,
      BaselineCommand.self,
      RulesCommand.self,
      ReportCommand.self,
      DiagramCommand.self,
      BenchCommand.self,
    ]
  )
}
