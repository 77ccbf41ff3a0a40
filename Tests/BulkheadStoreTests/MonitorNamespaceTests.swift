import Foundation
import Testing

@testable import BulkheadStore

/// `bulkhead monitor` on a veth between two network namespaces this test builds: a pymodbus server in one, a
/// client in the other reading and writing registers; the monitor captures in the server's namespace, is stopped
/// with SIGINT, and the store then holds the Modbus flow with its reads and writes. Needs root and `ip netns`;
/// `BULKHEAD_SKIP_NETNS=1` skips it (reported as skipped).
@Suite(.serialized) struct MonitorNamespaceTests {
  static let skipRequested = ProcessInfo.processInfo.environment["BULKHEAD_SKIP_NETNS"] == "1"

  /// This run's namespaces (unique per process), removed at the end whatever happened.
  struct Namespaces {
    let server: String
    let client: String

    init() {
      server = "bhmon\(getpid())s"
      client = "bhmon\(getpid())c"
    }

    func up() throws {
      for command in [
        ["ip", "netns", "add", server], ["ip", "netns", "add", client],
        [
          "ip", "link", "add", "bhm\(getpid())a", "netns", server, "type", "veth", "peer", "name", "bhm\(getpid())b",
          "netns", client,
        ],
        ["ip", "-n", server, "link", "set", "bhm\(getpid())a", "name", "mon0"],
        ["ip", "-n", client, "link", "set", "bhm\(getpid())b", "name", "cli0"],
        ["ip", "-n", server, "addr", "add", "10.250.0.1/30", "dev", "mon0"],
        ["ip", "-n", client, "addr", "add", "10.250.0.2/30", "dev", "cli0"],
        ["ip", "-n", server, "link", "set", "mon0", "up"], ["ip", "-n", client, "link", "set", "cli0", "up"],
        ["ip", "-n", server, "link", "set", "lo", "up"], ["ip", "-n", client, "link", "set", "lo", "up"],
      ] {
        let result = try KillTests.run("/usr/bin/env", command, deadline: 20)
        try #require(result.status == 0, "\(command.joined(separator: " ")): \(result.err)")
      }
    }

    func down() {
      _ = try? KillTests.run("/usr/bin/env", ["ip", "netns", "del", server], deadline: 20)
      _ = try? KillTests.run("/usr/bin/env", ["ip", "netns", "del", client], deadline: 20)
    }
  }

  static let peers = """
    import asyncio, sys, time
    role = sys.argv[1]
    if role == "server":
        from pymodbus.server import ModbusTcpServer
        from pymodbus.simulator import DataType, SimData, SimDevice
        device = SimDevice(id=1, simdata=(
            [SimData(0, count=16, values=False, datatype=DataType.BITS)],
            [SimData(0, count=16, values=False, datatype=DataType.BITS)],
            [SimData(0, values=[0] * 16, datatype=DataType.REGISTERS)],
            [SimData(0, values=[0] * 16, datatype=DataType.REGISTERS)]))
        async def serve():
            server = ModbusTcpServer(device, address=("10.250.0.1", 502))
            try:
                await asyncio.wait_for(server.serve_forever(), 60)  # bounded: the test kills it sooner
            except asyncio.TimeoutError:
                pass
        asyncio.run(serve())
    else:
        from pymodbus.client import ModbusTcpClient
        client = ModbusTcpClient("10.250.0.1", port=502, timeout=2)
        deadline = time.time() + 15
        while not client.connect():
            if time.time() > deadline: sys.exit("no server")
            time.sleep(0.2)
        for i in range(5):
            client.read_holding_registers(0, count=4, device_id=1)
        client.write_register(1, 42, device_id=1)
        client.close()
    """

  @Test(.enabled(if: !skipRequested, "BULKHEAD_SKIP_NETNS=1: live capture into the store was NOT checked"))
  func monitorRecordsModbusReadsAndWritesLive() throws {
    try #require(getuid() == 0, "monitor needs root (network namespaces); run as root or set BULKHEAD_SKIP_NETNS=1")
    let directory = try StoreFixtures.scratch("monitor")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let script = directory + "/peers.py"
    try Data(Self.peers.utf8).write(to: URL(fileURLWithPath: script))
    let namespaces = Namespaces()
    defer { namespaces.down() }
    try namespaces.up()

    let store = directory + "/observations.sqlite"
    let monitor = Process()
    monitor.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    monitor.arguments = [
      "ip", "netns", "exec", namespaces.server, try KillTests.binary().path, "monitor", StoreFixtures.examplePlant,
      "--interface", "mon0", "--store", store, "--flush", "1", "--duration", "60", "--filter", "tcp port 502",
    ]
    let monitorErr = Pipe()
    monitor.standardOutput = FileHandle.nullDevice
    monitor.standardError = monitorErr
    try monitor.run()
    let server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    server.arguments = ["ip", "netns", "exec", namespaces.server, "python3", script, "server"]
    server.standardOutput = FileHandle.nullDevice
    server.standardError = FileHandle.nullDevice
    try server.run()
    defer {
      if server.isRunning { kill(server.processIdentifier, SIGKILL) }
      if monitor.isRunning { kill(monitor.processIdentifier, SIGKILL) }
    }
    // Give the monitor a moment to open the interface before the client talks.
    Thread.sleep(forTimeInterval: 1.5)
    let client = try KillTests.run(
      "/usr/bin/env", ["ip", "netns", "exec", namespaces.client, "python3", script, "client"], deadline: 40)
    #expect(client.status == 0, "client: \(client.err)")
    Thread.sleep(forTimeInterval: 0.5)
    kill(monitor.processIdentifier, SIGINT)
    let stopDeadline = Date().addingTimeInterval(20)
    while monitor.isRunning && Date() < stopDeadline { Thread.sleep(forTimeInterval: 0.1) }
    let stopped = !monitor.isRunning
    #expect(stopped, "monitor did not stop within 20 s of SIGINT")
    if !stopped { kill(monitor.processIdentifier, SIGKILL) }
    monitor.waitUntilExit()
    let err = String(decoding: monitorErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(monitor.terminationStatus == 0, "monitor: \(err)")
    #expect(err.contains("dropped"), "libpcap counters reported: \(err)")

    let opened = try ObservationStore(path: store, create: false)
    #expect(try opened.consistencyProblems() == [])
    let flows = try opened.flows()
    let modbus = flows.filter { $0.key.application == "modbus" && $0.key.responderPort == 502 }
    try #require(modbus.count == 1, "flows in the store: \(flows.map(\.key))")
    let operations = Dictionary(
      modbus[0].counts.operations.map { ($0.key.operationClass, $0.value) }, uniquingKeysWith: +)
    #expect(operations["read"] == 5)
    #expect(operations["write"] == 1)
    #expect(modbus[0].key.initiator.description == "10.250.0.2")
    #expect(modbus[0].capturePoints == ["live:mon0"])
  }
}
