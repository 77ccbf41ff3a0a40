import ArgumentParser
import BulkheadFirewall
import BulkheadModel
import Foundation

/// `bulkhead trace`: the packet tracer, over one firewall config or through the plant model's firewalls in
/// sequence (verdict, deciding rule file:line, path).
struct TraceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trace",
    abstract: "Trace one packet (or a batch of probes) through a firewall config or the plant's firewalls.",
    discussion: """
      With a model directory (or bulkhead.yaml), the packet crosses every firewall between its source and \
      destination zones, entering and leaving by the interfaces that face them. With --config, it is traced through \
      one file; --batch reads one JSON probe per line and prints one JSON answer per line.
      """
  )

  @Argument(help: "Plant model directory or bulkhead.yaml (instead of --config).")
  var model: String?

  @Option(help: "Firewall configuration file (iptables-save text, nft text or nft -j JSON).")
  var config: String?

  @Option(help: "Dialect (iptables, nftables, …; detected from the content when omitted or auto).")
  var vendor: FirewallVendor?

  @Option(help: "Source address.") var src: String?
  @Option(help: "Destination address.") var dst: String?
  @Option(help: "Protocol: tcp, udp, icmp, icmpv6 or a number.") var proto: String?
  @Option(help: "Source port (default 49152).") var sport: UInt16?
  @Option(help: "Destination port.") var dport: UInt16?
  @Option(name: .customLong("icmp-type"), help: "ICMP type (default echo request).") var icmpType: UInt8?
  @Option(name: .customLong("icmp-code"), help: "ICMP code (default 0).") var icmpCode: UInt8?
  @Option(name: .customLong("in"), help: "Input interface (--config only).") var inInterface: String?
  @Option(name: .customLong("out"), help: "Output interface (--config only).") var outInterface: String?
  @Option(help: "Conntrack state: new, established, related, invalid (default new).") var state: String?
  @Option(help: "Entry chain or hook (default: the forward hook).") var chain: String = "forward"
  @Option(help: "Output format: text or json.") var format: Format = .text
  @Option(help: "JSON-lines file of probes ('-' for standard input); prints one JSON answer per line.")
  var batch: String?

  func validate() throws {
    if (model == nil) == (config == nil) {
      throw ValidationError("give a model directory or --config FILE (one of them)")
    }
    if batch != nil && config == nil { throw ValidationError("--batch works with --config") }
    if batch == nil && (src == nil || dst == nil || proto == nil) {
      throw ValidationError("give --src, --dst and --proto, or --batch FILE")
    }
  }

  func run() throws {
    if let model {
      try runModel(model)
      return
    }
    guard let config else { throw ExitCode.validationFailure }
    let result = FirewallParser.parse(contentsOf: config, vendor: vendor)
    for diagnostic in result.diagnostics {
      FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
    guard let ruleset = result.ruleset else { throw ExitCode(2) }
    let tracer = Tracer(ruleset: ruleset)
    if let batch {
      try runBatch(batch, tracer: tracer)
      return
    }
    let packet = try makePacket()
    let report = TraceReport(packet: packet, result: tracer.trace(packet, entry: chain))
    switch format {
    case .text: print(report.text)
    case .json: print(try Format.json(report))
    }
  }

  private func makePacket() throws -> Packet {
    guard let src, let dst, let proto else { throw ExitCode.validationFailure }
    guard let protoNumber = ProtocolNames.number(Substring(proto)) else {
      throw ValidationError("unknown protocol '\(proto)'")
    }
    do {
      return try BatchProbe.packet(
        src: src, dst: dst, proto: protoNumber, sport: sport, dport: dport, icmpType: icmpType, icmpCode: icmpCode,
        inInterface: inInterface, outInterface: outInterface, state: state)
    } catch {
      throw ValidationError("\(error)")
    }
  }

  private func runModel(_ path: String) throws {
    let loaded: LoadedModel
    do {
      loaded = try ModelLoader().load(path: path)
    } catch {
      FileHandle.standardError.write(Data((error.diagnostic.description + "\n").utf8))
      throw ExitCode(2)
    }
    for diagnostic in loaded.diagnostics where diagnostic.severity == .error {
      FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
    let firewalls = PlantFirewalls(plant: loaded.plant)
    for diagnostic in firewalls.diagnostics where diagnostic.severity != .note {
      FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
    let trace = firewalls.trace(try makePacket())
    switch format {
    case .text: print(trace.text)
    case .json: print(try Format.json(trace))
    }
  }

  private func runBatch(_ path: String, tracer: Tracer) throws {
    let data: Data?
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      data = FileManager.default.contents(atPath: path)
    }
    guard let data else {
      FileHandle.standardError.write(Data("\(path): error: cannot read probe file\n".utf8))
      throw ExitCode(2)
    }
    let runner = BatchTracer(tracer: tracer, entry: chain)
    var failures = 0
    var output = ""
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
      guard let answer = runner.answer(line: line) else { continue }
      if answer.failed { failures += 1 }
      output += answer.json + "\n"
    }
    FileHandle.standardOutput.write(Data(output.utf8))
    if failures > 0 {
      FileHandle.standardError.write(Data("\(path): error: \(failures) probe line(s) could not be read\n".utf8))
      throw ExitCode(1)
    }
  }
}

extension FirewallVendor: ExpressibleByArgument {}

extension TraceCommand {
  /// `--format text|json`, shared by the firewall commands.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text
    case json

    /// Deterministic JSON: sorted keys, pretty-printed.
    static func json(_ value: some Encodable) throws -> String {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
      return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
  }
}
