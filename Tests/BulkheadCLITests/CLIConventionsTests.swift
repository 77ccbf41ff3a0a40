import ArgumentParser
import Foundation
import Testing

@testable import bulkhead

/// Issue 24 item 2: every command keeps the same conventions — `--quiet`, `--format` with `text` for the human output
/// and `json` for one document, `-o/--output`, one `--today` — checked over the whole command tree as the binary
/// describes it (`--experimental-dump-help`, the same tree the completions and man pages come from).
@Suite struct CLIConventionsTests {
  /// One command of the tree: its name path and its arguments as argument-parser dumps them.
  struct Command {
    var path: [String]
    var arguments: [[String: Any]]

    var name: String { path.joined(separator: " ") }

    /// The argument whose names include `long`.
    func argument(_ long: String) -> [String: Any]? {
      arguments.first { argument in
        (argument["names"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == long }
      }
    }

    func names(of argument: [String: Any]) -> [String] {
      (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }
  }

  /// The leaf commands (the ones that run), from the built binary.
  static func leafCommands() throws -> [Command] {
    let result = try CommandRunner.run(["--experimental-dump-help"])
    #expect(result.status == 0)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
    let root = try #require(document["command"] as? [String: Any])
    var leaves: [Command] = []
    func walk(_ node: [String: Any], path: [String]) {
      let here = path + [node["commandName"] as? String ?? "?"]
      let children = node["subcommands"] as? [[String: Any]] ?? []
      if children.isEmpty {
        leaves.append(Command(path: Array(here.dropFirst()), arguments: node["arguments"] as? [[String: Any]] ?? []))
      }
      for child in children where child["commandName"] as? String != "help" { walk(child, path: here) }
    }
    walk(root, path: [])
    return leaves
  }

  @Test func everyCommandTakesQuiet() throws {
    let commands = try Self.leafCommands()
    // init, validate, trace, reach, flows, dissect, assess, check, rules, report, diagram, bench capture|firewall.
    #expect(commands.count >= 13)
    for command in commands {
      let quiet = command.argument("quiet")
      #expect(quiet != nil, "\(command.name) has no --quiet")
      if let quiet { #expect(command.names(of: quiet).contains("q"), "\(command.name): --quiet has no -q") }
    }
    // The in-process tree agrees: every leaf command is a ConsoleCommand, so `bulkhead` applies --quiet to it.
    var pending: [any ParsableCommand.Type] = [Bulkhead.self]
    while let command = pending.popLast() {
      let subcommands = command.configuration.subcommands
      if subcommands.isEmpty {
        #expect(command is any ConsoleCommand.Type, "\(command) is not a ConsoleCommand")
      }
      pending.append(contentsOf: subcommands)
    }
  }

  @Test func formatsUseTheSameNamesAndEveryReportCanGoToAFile() throws {
    for command in try Self.leafCommands() {
      guard let format = command.argument("format") else { continue }
      let values = format["allValues"] as? [String] ?? []
      #expect(!values.contains("table"), "\(command.name) lists the old name 'table'")
      if command.name == "diagram" {
        #expect(values == ["dot", "svg", "png"])
      } else {
        #expect(values.prefix(2) == ["text", "json"], "\(command.name): \(values)")
        // trace has no default in the dump: text, or JSON lines with --batch.
        if command.name != "trace" {
          #expect(format["defaultValue"] as? String == "text", "\(command.name) defaults to \(format)")
        }
      }
      let output = try #require(command.argument("output"), "\(command.name) has --format but no --output")
      #expect(command.names(of: output).contains("o"), "\(command.name): --output has no -o")
    }
    let report = try #require(try Self.leafCommands().first { $0.name == "report" })
    let output = try #require(report.argument("output"))
    #expect(Set(report.names(of: output)) == ["o", "output", "out"])
  }

  @Test func todayMeansTheSameEverywhere() throws {
    let helps = try Self.leafCommands().compactMap { command -> String? in
      guard let today = command.argument("today") else { return nil }
      return today["abstract"] as? String
    }
    #expect(helps.count >= 5)
    #expect(Set(helps).count == 1, "\(Set(helps))")
    for arguments in [
      ["validate", "Examples/riverside-water"], ["assess", "Examples/riverside-water"],
      ["report", "Examples/riverside-water", "-o", "/tmp/unused"], ["diagram", "Examples/riverside-water"],
      ["check", "Examples/riverside-water"],
    ] {
      let result = try CommandRunner.run(arguments + ["--today", "2026-02-30"])
      #expect(result.status == 2)
      #expect(result.err.contains("--today must be a date YYYY-MM-DD, got '2026-02-30'"), "\(arguments)")
    }
  }

  /// Each command with `--format json -o FILE`: the file holds one JSON document, standard output stays empty.
  @Test(arguments: [
    ["validate", "Examples/riverside-water", "--today", "2026-11-27"],
    ["assess", "Examples/riverside-water", "--today", "2026-11-27"],
    ["check", "Examples/riverside-water", "--today", "2026-11-27", "--fail-on", "critical"],
    [
      "trace", "--config", "Examples/riverside-water/firewalls/fw-itot.iptables-save", "--src", "10.20.1.17",
      "--dst", "10.50.11.10", "--proto", "tcp", "--dport", "502",
    ],
    ["reach", "Examples/riverside-water"],
    ["flows", "Examples/riverside-water/captures/scada.pcap"],
    ["dissect", "Examples/riverside-water/captures/scada.pcap"],
    ["rules"],
  ])
  func jsonGoesToTheOutputFile(arguments: [String]) throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let file = directory + "/out.json"
    let result = try CommandRunner.run(arguments + ["--format", "json", "-o", file, "--quiet"])
    #expect([0, 1].contains(result.status), "\(arguments): \(result.err)")
    #expect(result.out.isEmpty, "\(arguments) wrote to standard output with -o")
    let data = try #require(FileManager.default.contents(atPath: file), "\(arguments) wrote no file")
    #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(arguments): not one JSON document")
  }

  @Test func theOldFormatNameTableStillWorks() throws {
    for command in ["flows", "dissect"] {
      let old = try CommandRunner.run([command, "--format", "table", "Examples/riverside-water/captures/scada.pcap"])
      let new = try CommandRunner.run([command, "--format", "text", "Examples/riverside-water/captures/scada.pcap"])
      #expect(old.status == 0 && new.status == 0)
      #expect(old.out == new.out && !new.out.isEmpty)
    }
    // dissect has CSV too, as flows has: a header and one row per dissected flow.
    let capture = "Examples/riverside-water/captures/scada.pcap"
    let csv = try CommandRunner.run(["dissect", "--format", "csv", capture])
    let text = try CommandRunner.run(["dissect", capture])
    let lines = csv.out.split(separator: "\n")
    #expect(lines.first?.hasPrefix("flow_id,initiator,responder,transport,first_packet,protocol,") == true)
    let dissected = text.out.split(separator: "\n").last?.split(separator: " ").first.flatMap { Int($0) }
    #expect(dissected != nil && lines.count == 1 + (dissected ?? -1), "\(text.out.suffix(80))")
    #expect(lines.contains { $0.contains(",modbus,") })
  }

  @Test func traceBatchWritesJSONLinesAndRefusesText() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let probes = directory + "/probes.jsonl"
    try Data(#"{"id":"a","src":"10.20.1.17","dst":"10.50.11.10","proto":"tcp","dport":502}"#.utf8)
      .write(to: URL(fileURLWithPath: probes))
    let config = ["--config", "Examples/riverside-water/firewalls/fw-itot.iptables-save"]
    let lines = try CommandRunner.run(["trace"] + config + ["--batch", probes])
    #expect(lines.status == 0)
    #expect(lines.out.hasPrefix("{") && lines.out.split(separator: "\n").count == 1)
    let json = try CommandRunner.run(["trace"] + config + ["--batch", probes, "--format", "json"])
    #expect(json.out == lines.out)
    let text = try CommandRunner.run(["trace"] + config + ["--batch", probes, "--format", "text"])
    #expect(text.status == 2)
    #expect(text.err.contains("--batch writes one JSON answer per line"))
  }

  @Test func quietKeepsOnlyErrors() throws {
    let plant = ["Examples/riverside-water", "--today", "2026-11-27"]
    let check = try CommandRunner.run(["check"] + plant + ["--quiet"])
    #expect(check.status == 1)
    #expect(check.err.isEmpty, "\(check.err)")
    let loud = try CommandRunner.run(["check"] + plant)
    #expect(loud.err.contains("check failed"))
    let validate = try CommandRunner.run(["validate"] + plant + ["--quiet"])
    #expect(validate.status == 0 && validate.out.isEmpty, "\(validate.out)")
    let broken = try CommandRunner.run(["validate", "Tests/Fixtures/models/bh312-conduit-bypasses-dmz.yaml", "-q"])
    #expect(broken.status == 1 && broken.out.contains(": error:") && !broken.out.contains(": warning:"))
  }

  @Test func noColorTurnsColoursOff() {
    #expect(!Console.colorsStandardOutput(environment: ["NO_COLOR": "1"]))
    // An empty NO_COLOR does not count (no-color.org); then only a terminal decides.
    #expect(
      Console.colorsStandardOutput(environment: ["NO_COLOR": ""])
        == Console.colorsStandardOutput(environment: [:]))
  }

  @Test func versionSaysWhatWasBuilt() throws {
    let result = try CommandRunner.run(["--version"])
    #expect(result.status == 0)
    // A test build is a development build; Scripts/release-check checks a stamped one.
    let line = result.out.trimmingCharacters(in: .newlines)
    #expect(line == "\(BuildInfo.version) (development build, not stamped)" || line.contains("(commit "))
    // Scripts/release names the archive after this line of BuildInfo.swift.
    let source = try String(
      contentsOfFile: ValidateCommandTests.packageRoot + "/Sources/bulkhead/Shared/BuildInfo.swift", encoding: .utf8)
    #expect(source.contains("\n  static let version = \"\(BuildInfo.version)\"\n"))
  }
}
