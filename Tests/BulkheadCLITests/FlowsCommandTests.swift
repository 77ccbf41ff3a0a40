import Foundation
import Testing

/// `bulkhead flows --format json` on the example plant: the report's keys, plus the full observation of every flow
/// whose annotations name a protocol.
@Suite struct FlowsCommandTests {
  @Test func jsonCarriesEachRecognisedFlowsObservation() throws {
    let result = try ValidateCommandTests.run([
      "flows", "--format", "json", "Examples/riverside-water/captures/scada.pcap",
    ])
    #expect(result.status == 0)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
    #expect(Set(document.keys).isSuperset(of: ["files", "flows", "statistics", "observations"]))
    let flows = try #require(document["flows"] as? [[String: Any]])
    let observations = try #require(document["observations"] as? [[String: Any]])
    let annotated = flows.filter { ($0["annotations"] as? [String: String])?["protocol"] != nil }
    #expect(!observations.isEmpty)
    #expect(observations.compactMap { $0["flowID"] as? Int } == annotated.compactMap { $0["flowID"] as? Int })
    for (observed, flow) in zip(observations, annotated) {
      let observation = try #require(observed["observation"] as? [String: Any])
      let annotations = try #require(flow["annotations"] as? [String: String])
      #expect(observation["protocolID"] as? String == annotations["protocol"])
      #expect((observation["operations"] as? [Any])?.isEmpty == false)
    }
  }

  @Test func withoutDissectorsThereAreNoObservations() throws {
    let result = try ValidateCommandTests.run([
      "flows", "--no-dissect", "--format", "json", "Examples/riverside-water/captures/scada.pcap",
    ])
    #expect(result.status == 0)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
    #expect((document["observations"] as? [Any])?.isEmpty == true)
    #expect((document["flows"] as? [Any])?.isEmpty == false)
  }

  @Test func jsonLinesAreTheJSONFlowsOneALine() throws {
    let capture = "Examples/riverside-water/captures/ot-dmz.pcap"
    let json = try ValidateCommandTests.run(["flows", "--format", "json", capture])
    let lines = try ValidateCommandTests.run(["flows", "--format", "jsonl", capture])
    #expect(json.status == 0 && lines.status == 0)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
    let flows = try #require(document["flows"] as? [[String: Any]])
    let listed = try lines.out.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(flows.count > 5 && listed.count == flows.count)
    for (line, flow) in zip(listed, flows) { #expect(NSDictionary(dictionary: line).isEqual(flow)) }
  }
}
