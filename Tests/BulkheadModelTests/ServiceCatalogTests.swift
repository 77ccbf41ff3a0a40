import Testing

@testable import BulkheadModel

@Suite struct ServiceCatalogTests {
  @Test(arguments: [
    ("modbus", "tcp/502", "modbus"),
    ("opcua", "tcp/4840", "opcua"),
    ("s7comm", "tcp/102", "s7comm"),
    ("dnp3", "tcp/20000 udp/20000", "dnp3"),
    ("enip", "tcp/44818 udp/2222 udp/44818", "enip"),
    ("bacnet", "udp/47808", "bacnet"),
    ("iec104", "tcp/2404", "iec104"),
    ("mqtt", "tcp/1883", "mqtt"),
    ("mqtts", "tcp/8883", "mqtt"),
    ("https", "tcp/443", "tls"),
    ("http", "tcp/80", "http"),
    ("ssh", "tcp/22", "ssh"),
    ("rdp", "tcp/3389", "rdp"),
    ("smb", "tcp/445", "smb"),
    ("dns", "tcp/53 udp/53", "dns"),
    ("ntp", "udp/123", "ntp"),
    ("MODBUS", "tcp/502", "modbus"),
  ])
  func catalogServices(name: String, ranges: String, application: String) throws {
    let service = try ServiceCatalog.standard.resolve(name).get()
    #expect(service.ranges.map(\.description).joined(separator: " ") == ranges)
    #expect(service.applicationProtocol == application)
  }

  @Test(arguments: [
    ("tcp/502", "tcp/502"),
    ("udp/1000-2000", "udp/1000-2000"),
    ("tcp/any", "tcp/any"),
    ("TCP/8530", "tcp/8530"),
    ("tcp/80,8080", "tcp/80 tcp/8080"),
    ("icmp", "icmp"),
    ("gre", "gre"),
    ("47", "gre"),
    ("sctp/2905", "sctp/2905"),
  ])
  func rawSpecs(text: String, ranges: String) throws {
    let service = try ServiceCatalog.standard.resolve(text).get()
    #expect(service.ranges.map(\.description).joined(separator: " ") == ranges)
  }

  @Test(arguments: ["tcp/70000", "udp/20-10", "icmp/7", "tcp/", "foo/1", "tcp/1:2"])
  func malformedSpecs(text: String) {
    guard case .failure(.malformedSpec) = ServiceCatalog.standard.resolve(text) else {
      Issue.record("\(text) should be a malformed spec")
      return
    }
  }

  @Test func unknownNames() {
    #expect(ServiceCatalog.standard.resolve("modbsu") == .failure(.unknownName("modbsu")))
  }

  @Test func reverseLookupByPort() {
    #expect(ServiceCatalog.standard.services(ipProtocol: 6, port: 502).map(\.name) == ["modbus"])
    #expect(ServiceCatalog.standard.services(ipProtocol: 17, port: 44818).map(\.name) == ["enip"])
    #expect(ServiceCatalog.standard.services(ipProtocol: 6, port: 9).isEmpty)
  }

  @Test func icmpIgnoresPorts() throws {
    let icmp = try ServiceCatalog.standard.resolve("icmp").get()
    #expect(icmp.contains(ipProtocol: 1, port: 0))
    #expect(icmp.contains(ipProtocol: 1, port: 800))
    #expect(!icmp.contains(ipProtocol: 58, port: 0))
  }
}
