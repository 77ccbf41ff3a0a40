import BulkheadCapture
import Foundation
import Testing

/// A missing MAC vendor table is said once per process: every report records it, the note is printed once.
@Suite struct VendorTableNoteTests {
  @Test func missingTableIsNotedOncePerProcess() throws {
    var options = CaptureOptions()
    // A path of this test's own, so no other test's note counts against it.
    options.ouiTablePath = "/nonexistent/oui-\(UUID().uuidString).txt"
    let capture = try #require(Corpus.path(named: "zeek__arp-who-has.pcap"), Comment(rawValue: Corpus.missingMessage))
    let reports = (0..<3).map { _ in CaptureSession.run(files: [capture], options: options) }
    let notice = try #require(reports[0].vendorTableNotice)
    #expect(notice.contains("ieee-data"))
    #expect(reports.allSatisfy { $0.vendorTableNotice == notice }, "each report records the missing table")
    #expect(reports.map { VendorTableNote.firstTime(in: $0) } == [notice, nil, nil])
  }

  @Test func noNoteWhenTheTableIsRead() throws {
    let capture = try #require(Corpus.path(named: "zeek__arp-who-has.pcap"), Comment(rawValue: Corpus.missingMessage))
    let report = CaptureSession.run(files: [capture])
    #expect(report.vendorTableNotice == nil, "ieee-data is a test requirement (Scripts/test installs it)")
    #expect(VendorTableNote.firstTime(in: report) == nil)
  }
}
