import BulkheadAnalysis
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadReport

/// The binder of the example plant with vendor firewalls (Examples/riverside-vendors) names each enforcement
/// point's vendor and cites the vendor's own policies, at their lines, as the evidence of its findings and conduits.
@Suite struct VendorBinderTests {
  static func binder() throws -> String {
    let today = try #require(CalendarDate("2026-11-27"))
    let loaded = try ModelLoader().load(path: BinderExample.packageRoot + "/Examples/riverside-vendors", today: today)
    let result = Assessor(today: today, toolVersion: "0.1.0").assess(loaded)
    return BinderExample.relative(BinderRenderer().markdown(result, plant: loaded.plant))
  }

  @Test func enforcementPointsNameTheirVendor() throws {
    let text = try Self.binder()
    #expect(
      text.contains("| `fw-itot` | fortigate | `Examples/riverside-vendors/firewalls/fw-itot.conf` | yes | yes |"))
    #expect(text.contains("| `fw-ot` | paloalto | `Examples/riverside-vendors/firewalls/fw-ot.xml` | yes | yes |"))
  }

  @Test func evidenceIsTheVendorPolicyAtItsLine() throws {
    let text = try Self.binder()
    // The DMZ bypass: FortiGate policy 8 (`edit 8` is line 167) and the PAN-OS rule (its `<entry>` at line 412).
    #expect(
      text.contains(
        "fw-itot: firewall policy 8 \"ACME vendor support 2019\"  (ACME vendor support 2019) "
          + "`Examples/riverside-vendors/firewalls/fw-itot.conf:167`"))
    #expect(
      text.contains(
        "fw-ot: security rule ACME vendor support 2019 - temporary  (ACME vendor support 2019 - temporary) "
          + "`Examples/riverside-vendors/firewalls/fw-ot.xml:412`"))
    // A conduit's implementing rule on each vendor.
    #expect(
      text.contains(
        "`Examples/riverside-vendors/firewalls/fw-itot.conf:92` `firewall policy 1 \"enterprise-historian\""))
    #expect(
      text.contains("`Examples/riverside-vendors/firewalls/fw-ot.xml:")
        && text.contains("security rule scada-filtration"))
  }
}
