import Testing

@testable import BulkheadFirewall

@Test func vendorDetection() {
  #expect(Vendor.detect("*filter\n-A INPUT -j ACCEPT\n") == .iptables)
}
