import ArgumentParser
import BulkheadFirewall
import BulkheadModel
import BulkheadReport
import Foundation

/// `bulkhead trace`: the packet tracer, over one firewall config or through the plant model's firewalls in
/// sequence (verdict, deciding rule file:line, path).
struct TraceCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "trace",
    abstract: "Trace one packet (or a batch of probes) through a firewall config or the plant's firewalls.",
    discussion: """
      With a model directory (or bulkhead.yaml), the packet crosses every firewall between its source and \
      destination zones, entering and leaving by the interfaces that face them. With --config, it is traced through \
      one file; --batch reads one JSON probe per line and prints one JSON answer per line (JSON is the only format \
      --batch writes). Exit status: 0 traced, \
      1 some --batch lines could not be read, 2 the model or config cannot be read, bad arguments, or the output \
      cannot be written.
      """
  )

  @OptionGroup var input: FirewallInputOptions

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
  @Option(help: "Output format (default: text; with --batch, json: one answer per line).")
  var format: OutputFormat?
  @Option(help: "JSON-lines file of probes ('-' for standard input); prints one JSON answer per line.")
  var batch: String?
  @OptionGroup var destination: OutputOptions
  @OptionGroup var console: ConsoleOptions

  func validate() throws {
    if batch != nil && input.config == nil { throw ValidationError("--batch works with --config") }
    if batch != nil && format == .text {
      throw ValidationError("--batch writes one JSON answer per line: leave out --format, or give --format json")
    }
    if batch == nil && (src == nil || dst == nil || proto == nil) {
      throw ValidationError("give --src, --dst and --proto, or --batch FILE")
    }
  }

  func run() throws {
    switch try input.load() {
    case .plant(let loaded):
      let trace = input.firewalls(of: loaded).trace(try makePacket())
      try destination.write(format == .json ? DeterministicJSON.text(trace) : PlantTraceText.render(trace))
    case .config(let ruleset):
      let tracer = Tracer(ruleset: ruleset)
      if let batch {
        try runBatch(batch, tracer: tracer)
        return
      }
      let packet = try makePacket()
      let report = TraceReport(packet: packet, result: tracer.trace(packet, entry: chain))
      try destination.write(format == .json ? DeterministicJSON.text(report) : TraceText.render(report))
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

  private func runBatch(_ path: String, tracer: Tracer) throws {
    let data: Data?
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      try InputFile.require(path)
      data = FileManager.default.contents(atPath: path)
    }
    guard let data else {
      Console.error("\(path): error: cannot read probe file")
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
    try OutputFile.write(Data(output.utf8), to: destination.output)
    if failures > 0 {
      Console.error("\(path): error: \(failures) probe line(s) could not be read")
      throw ExitCode(1)
    }
  }
}
