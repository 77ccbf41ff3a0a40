import Foundation
import Testing

/// Issue 23, one test per row of its table that belongs to the CLI and the gate: each failed before (the gate
/// passed, a file outside the plant was echoed, a write error crashed or was lost, a FIFO hung, a missing file exited
/// 0, a repeated problem flooded standard error) and passes now.
@Suite struct FailClosedCommandTests {
  static let plant = "Examples/riverside-water"
  static let capture = "Examples/riverside-water/captures/scada.pcap"
  static let firewall = "Examples/riverside-water/firewalls/fw-itot.iptables-save"

  // MARK: Row 1 — the gate fails closed on a model it cannot fully read

  static func brokenModels(in directory: String) throws -> [String] {
    let texts = [
      "empty": "",
      "only-plant": "plant: X\n",
      "duplicate-key": "plant: X\nplant: Y\nzones: []\n",
      "nesting": "plant: X\nzones: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
    ]
    var paths = ["Tests/Fixtures/models/bh002-yaml-syntax.yaml"]
    for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
      let path = directory + "/\(name).yaml"
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      paths.append(path)
    }
    return paths
  }

  @Test func checkOnABrokenModelFailsClosedAndSARIFSaysWhy() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for model in try Self.brokenModels(in: directory) {
      let result = try CommandRunner.run(["check", model, "--today", "2026-11-27", "--format", "sarif"])
      #expect(result.status == 2, "\(model)")
      #expect(!result.err.contains("check passed"), "\(model)")
      #expect(result.err.contains("inputs incomplete"), "\(model)")
      let sarif = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
      let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
      let ids = (run["results"] as? [[String: Any]])?.compactMap { $0["ruleId"] as? String } ?? []
      #expect(ids.contains { $0.hasPrefix("BH0") }, "\(model): \(ids)")
    }
  }

  @Test func assessSaysFirstThatItsInputsAreIncomplete() throws {
    let result = try CommandRunner.run([
      "assess", "Tests/Fixtures/models/bh002-yaml-syntax.yaml", "--today", "2026-11-27",
    ])
    #expect(result.status == 0)
    #expect(result.out.hasPrefix("INCOMPLETE ASSESSMENT: 1 input error(s)"))
    #expect(result.err.hasPrefix("INCOMPLETE ASSESSMENT"))
  }

  @Test func anUnreadableFirewallConfigFailsTheGate() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try Data(
      """
      plant: Gate
      zones:
        - {id: office, purdue: 4, sl_target: 1, networks: [10.1.0.0/24]}
        - {id: control, purdue: 2, sl_target: 2, networks: [10.2.0.0/24]}
      enforcement_points:
        - {id: fw, vendor: iptables, config: fw.rules, interfaces: {eth0: [office], eth1: [control]}}

      """.utf8
    ).write(to: URL(fileURLWithPath: directory + "/bulkhead.yaml"))
    try Data("this is not a firewall export\n".utf8).write(to: URL(fileURLWithPath: directory + "/fw.rules"))
    let unparsable = try CommandRunner.run(["check", directory, "--today", "2026-11-27", "--format", "text"])
    #expect(unparsable.status == 2)
    try FileManager.default.removeItem(atPath: directory + "/fw.rules")
    let missing = try CommandRunner.run(["check", directory, "--today", "2026-11-27", "--format", "text"])
    #expect(missing.status == 2)
    #expect(missing.err.contains("inputs incomplete"))
  }

  @Test func anUnreadableCaptureFailsTheGate() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try Data(
      """
      plant: Gate
      zones:
        - {id: control, purdue: 2, sl_target: 2, networks: [10.2.0.0/24]}
      captures: [cut.pcap]

      """.utf8
    ).write(to: URL(fileURLWithPath: directory + "/bulkhead.yaml"))
    try Data([0xd4, 0xc3, 0xb2, 0xa1]).write(to: URL(fileURLWithPath: directory + "/cut.pcap"))
    let result = try CommandRunner.run(["check", directory, "--today", "2026-11-27", "--format", "text"])
    #expect(result.status == 2)
    #expect(result.err.contains("cut.pcap: error:"))
  }

  @Test func theExamplePlantStillFailsOnFindingsNotOnInputs() throws {
    let result = try CommandRunner.run(["check", Self.plant, "--today", "2026-11-27"])
    #expect(result.status == 1)
    #expect(result.err.contains("check failed: 5 unaccepted finding(s) at or above high"))
    #expect(!result.err.contains("INCOMPLETE"))
  }

  // MARK: Row 2 — paths stay inside the plant

  @Test func aConfigOutsideThePlantIsRefusedAndNeverEchoed() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let plant = directory + "/plant"
    try FileManager.default.createDirectory(atPath: plant, withIntermediateDirectories: true)
    try Data("SECRET-TOKEN-4242 do not publish\n".utf8).write(to: URL(fileURLWithPath: directory + "/secret"))
    try Data(
      """
      plant: Outside
      zones:
        - {id: office, purdue: 4, sl_target: 1, networks: [10.1.0.0/24]}
        - {id: control, purdue: 2, sl_target: 2, networks: [10.2.0.0/24]}
      enforcement_points:
        - {id: fw, vendor: iptables, config: ../secret, interfaces: {eth0: [office], eth1: [control]}}

      """.utf8
    ).write(to: URL(fileURLWithPath: plant + "/bulkhead.yaml"))
    let validate = try CommandRunner.run(["validate", plant])
    #expect(validate.status == 1)
    #expect(validate.out.contains("bulkhead.yaml:6:") && validate.out.contains("[BH347]"))
    var everything = validate.out + validate.err
    for arguments in [
      ["assess", plant], ["assess", plant, "--format", "json"], ["assess", plant, "--format", "sarif"],
      ["assess", plant, "--format", "markdown"], ["reach", plant], ["check", plant],
      ["report", plant, "--out", directory + "/binder"],
    ] {
      let result = try CommandRunner.run(arguments)
      everything += result.out + result.err
    }
    for name in ["binder.html", "binder.md"] {
      everything += (try? String(contentsOfFile: directory + "/binder/" + name, encoding: .utf8)) ?? ""
    }
    #expect(!everything.contains("SECRET-TOKEN-4242"))
    let allowed = try CommandRunner.run(["validate", plant, "--allow-outside", directory])
    #expect(!allowed.out.contains("[BH347]"))
  }

  // MARK: Rows 4 and 5 — the engine refuses rather than exhaust memory, and says where it cut a chain

  @Test func reachOverItsMemoryBudgetRefusesClearly() throws {
    // Issue 23's shape (random prefixes and port ranges); its exact answer needs more than 8 MB.
    let path = "Tests/Fixtures/firewall/iptables/random-1500-seed7.rules"
    let result = try CommandRunner.run(["reach", "--config", path, "--max-memory", "8"])
    #expect(result.status == 2)
    #expect(result.out.isEmpty)
    #expect(
      result.err.contains("error: ruleset too large for an exact answer within 8 MB (raise with --max-memory)"))
  }

  @Test func reachNotesAJumpChainCutAtTheDepthLimit() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var lines = ["*filter", ":FORWARD DROP [0:0]"]
    for i in 0..<100 { lines.append(":C\(i) - [0:0]") }
    lines.append("-A FORWARD -p tcp -j C0")
    for i in 0..<99 { lines.append("-A C\(i) -j C\(i + 1)") }
    lines += ["-A C99 -j ACCEPT", "COMMIT", ""]
    let path = directory + "/deep.rules"
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
    let result = try CommandRunner.run(["reach", "--config", path])
    #expect(result.status == 0)
    #expect(result.out.contains("note: jump depth above 64"))
  }

  // MARK: Row 6 — output errors are errors

  static let writers: [[String]] = [
    ["validate", plant, "--today", "2026-11-27"],
    ["trace", plant, "--src", "10.20.1.17", "--dst", "10.50.11.10", "--proto", "tcp", "--dport", "502"],
    ["trace", "--config", firewall, "--src", "10.20.1.17", "--dst", "10.50.11.10", "--proto", "tcp"],
    ["reach", plant], ["reach", "--config", firewall],
    ["flows", capture], ["flows", "--format", "json", capture], ["flows", "--format", "csv", capture],
    ["flows", "--format", "jsonl", capture],
    ["dissect", capture], ["dissect", "--format", "json", capture],
    ["assess", plant, "--today", "2026-11-27"], ["check", plant, "--today", "2026-11-27"],
    ["rules"], ["diagram", plant, "--today", "2026-11-27"],
  ]

  @Test(arguments: writers)
  func aFullDiskIsOneLineAndExitTwo(arguments: [String]) throws {
    let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    let result = try CommandRunner.run(arguments, stdout: full)
    #expect(result.status == 2, "\(arguments)")
    let lines = result.err.split(separator: "\n")
    #expect(lines.last?.contains("cannot write") == true, "\(arguments): \(result.err)")
    #expect(!result.err.contains("Fatal error") && !result.err.contains("NSError"))
  }

  /// Row 6, "or closed": a reader that went away (`bulkhead flows … | head -0`) is EPIPE, a write error the command
  /// reports in one line with exit 2, not SIGPIPE ending it silently and not an exit 0 that lost the output.
  @Test(arguments: writers)
  func aClosedStandardOutputIsOneLineAndExitTwo(arguments: [String]) throws {
    let pipe = Pipe()
    try pipe.fileHandleForReading.close()
    let result = try CommandRunner.run(arguments, stdout: pipe.fileHandleForWriting)
    #expect(result.status == 2, "\(arguments)")
    #expect(result.err.split(separator: "\n").last?.contains("cannot write") == true, "\(arguments): \(result.err)")
    #expect(!result.err.contains("Fatal error") && !result.err.contains("NSError"))
  }

  @Test func initAndReportToAFullDiskExitTwo() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for arguments in [
      ["init", directory + "/starter"],
      ["report", Self.plant, "--out", directory + "/binder", "--today", "2026-11-27"],
    ] {
      let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
      let result = try CommandRunner.run(arguments, stdout: full)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.err.split(separator: "\n").last?.contains("standard output: error: cannot write") == true)
    }
    // The binder was written whole before the list of what was written failed.
    #expect(FileManager.default.fileExists(atPath: directory + "/binder/binder.html"))
  }

  @Test func writingTheReportToAFullDiskIsNotAFailedGate() throws {
    let result = try CommandRunner.run(["check", Self.plant, "--today", "2026-11-27", "-o", "/dev/full"])
    #expect(result.status == 2)
    #expect(result.err.contains("/dev/full: error: cannot write: "))
  }

  // MARK: Rows 7 and 8 — inputs that are not regular files, and exit codes of the capture commands

  @Test func aFIFOCaptureIsALocatedErrorAtOnce() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let fifo = directory + "/live.pcap"
    #expect(mkfifo(fifo, 0o600) == 0)
    for arguments in [
      ["flows", fifo], ["dissect", fifo],
      [
        "trace", "--config", fifo, "--src", "1.1.1.1", "--dst",
        "2.2.2.2", "--proto", "tcp",
      ], ["validate", fifo],
    ] {
      let result = try CommandRunner.run(arguments, deadline: 30)
      #expect(!result.timedOut, "\(arguments) hung")
      #expect(result.status == 2, "\(arguments)")
      // validate prints its report, diagnostics included, on standard output.
      let said = result.out + result.err
      #expect(said.contains("\(fifo): error:") && said.contains("FIFO"), "\(arguments): \(said)")
    }
  }

  @Test(arguments: [
    ["flows", "Examples"], ["flows", "/dev/zero"], ["dissect", "Examples"], ["dissect", "/no/such.pcap"],
  ])
  func aCaptureThatIsNotAFileExitsTwo(arguments: [String]) throws {
    let result = try CommandRunner.run(arguments, deadline: 30)
    #expect(!result.timedOut)
    #expect(result.status == 2)
    #expect(result.err.contains("\(arguments[1]): error:"))
  }

  @Test func aCaptureCutBeforeItsFirstPacketExitsTwo() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/four.pcap"
    try Data([0xd4, 0xc3, 0xb2, 0xa1]).write(to: URL(fileURLWithPath: path))
    for command in ["flows", "dissect"] {
      let result = try CommandRunner.run([command, path])
      #expect(result.status == 2, "\(command)")
      #expect(result.err.contains("[BH503]"))
    }
  }

  // MARK: Row 11 — a repeated diagnostic is printed once with a count

  @Test func oneHundredThousandEmptyBlocksAreOneLine() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // A section header block, then 100,000 enhanced packet blocks of 12 bytes (no room for their fields).
    var bytes: [UInt8] = []
    func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    u32(0x0A0D_0D0A)
    u32(28)
    u32(0x1A2B_3C4D)
    bytes += [1, 0, 0, 0]
    bytes += [UInt8](repeating: 0xff, count: 8)
    u32(28)
    for _ in 0..<100_000 {
      u32(6)
      u32(12)
      u32(12)
    }
    let path = directory + "/empty-epbs.pcapng"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let result = try CommandRunner.run(["flows", path])
    #expect(result.err.utf8.count < 4_000, "\(result.err.utf8.count) bytes on stderr")
    #expect(result.err.contains("100000 times"))
  }
}
