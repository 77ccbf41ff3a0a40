import Foundation
import Testing
import Yams

/// Issue 24 item 3: the composite action (action.yml) is run here step by step, as a runner would — its shell steps
/// with `bash --noprofile --norc -eo pipefail`, inputs and step outputs passed through the environment, `$GITHUB_ENV`
/// and `$GITHUB_OUTPUT` carried between steps — on the example plant, with the built binary as the `binary` input.
/// The upload step is GitHub's own action; it is checked to upload the file the gate wrote.
@Suite struct ActionStepsTests {
  /// What a run of the action's steps left behind.
  struct Run {
    var stepStatuses: [String: Int32] = [:]
    var outputs: [String: [String: String]] = [:]
    var log = ""
  }

  static func action() throws -> [String: Any] {
    let text = try String(contentsOfFile: ValidateCommandTests.packageRoot + "/action.yml", encoding: .utf8)
    return try #require(try Yams.load(yaml: text) as? [String: Any])
  }

  static func steps() throws -> [[String: Any]] {
    let runs = try #require(try action()["runs"] as? [String: Any])
    #expect(runs["using"] as? String == "composite")
    return try #require(runs["steps"] as? [[String: Any]])
  }

  /// Replaces `${{ inputs.x }}`, `${{ github.action_path }}` and `${{ steps.id.outputs.key }}`; anything else is a
  /// test failure (the scripts must not depend on what this runner does not model).
  static func evaluate(_ text: String, inputs: [String: String], run: Run) -> String {
    var result = text
    while let start = result.range(of: "${{"),
      let end = result.range(of: "}}", range: start.upperBound..<result.endIndex)
    {
      let expression = result[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
      let parts = expression.split(separator: ".").map(String.init)
      let value: String
      switch parts.first {
      case "inputs" where parts.count == 2: value = inputs[parts[1]] ?? ""
      case "github" where expression == "github.action_path": value = ValidateCommandTests.packageRoot
      case "steps" where parts.count == 4 && parts[2] == "outputs": value = run.outputs[parts[1]]?[parts[3]] ?? ""
      default:
        Issue.record("action.yml: unmodelled expression \(expression)")
        value = ""
      }
      result.replaceSubrange(start.lowerBound..<end.upperBound, with: value)
    }
    return result
  }

  /// Runs every shell step in order with `given` inputs over the action's defaults.
  static func runAction(_ given: [String: String], in directory: String) throws -> Run {
    let declared = try #require(try action()["inputs"] as? [String: [String: Any]])
    var inputs = declared.compactMapValues { $0["default"].map { "\($0)" } }
    for (name, value) in given {
      #expect(declared[name] != nil, "action.yml has no input \(name)")
      inputs[name] = value
    }
    var run = Run()
    let environmentFile = directory + "/github-env"
    FileManager.default.createFile(atPath: environmentFile, contents: nil)
    for (index, step) in try steps().enumerated() {
      guard let script = step["run"] as? String else { continue }
      #expect(step["shell"] as? String == "bash")
      #expect(!script.contains("${{"), "step \(index): an expression pasted into a script")
      let outputFile = directory + "/github-output-\(index)"
      FileManager.default.createFile(atPath: outputFile, contents: nil)
      var environment = ProcessInfo.processInfo.environment
      for line in try String(contentsOfFile: environmentFile, encoding: .utf8).split(separator: "\n") {
        let pair = line.split(separator: "=", maxSplits: 1).map(String.init)
        if pair.count == 2 { environment[pair[0]] = pair[1] }
      }
      for (key, value) in step["env"] as? [String: Any] ?? [:] {
        environment[key] = evaluate("\(value)", inputs: inputs, run: run)
      }
      environment["GITHUB_ENV"] = environmentFile
      environment["GITHUB_OUTPUT"] = outputFile
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/bash")
      let scriptFile = directory + "/step-\(index).sh"
      try Data(script.utf8).write(to: URL(fileURLWithPath: scriptFile))
      process.arguments = ["--noprofile", "--norc", "-eo", "pipefail", scriptFile]
      process.environment = environment
      process.currentDirectoryURL = URL(fileURLWithPath: ValidateCommandTests.packageRoot)
      let log = Pipe()
      process.standardOutput = log
      process.standardError = log
      try process.run()
      let data = log.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      let name = step["name"] as? String ?? "step \(index)"
      run.log += "## \(name)\n" + String(decoding: data, as: UTF8.self)
      run.stepStatuses[name] = process.terminationStatus
      if let id = step["id"] as? String {
        var outputs: [String: String] = [:]
        for line in try String(contentsOfFile: outputFile, encoding: .utf8).split(separator: "\n") {
          let pair = line.split(separator: "=", maxSplits: 1).map(String.init)
          if pair.count == 2 { outputs[pair[0]] = pair[1] }
        }
        run.outputs[id] = outputs
      }
    }
    return run
  }

  @Test func theGateFailsOnTheExamplePlantAndUploadsItsSARIF() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let sarif = directory + "/bulkhead.sarif"
    let run = try Self.runAction(
      ["plant": "Examples/riverside-water", "binary": try ValidateCommandTests.binary().path, "sarif": sarif],
      in: directory)
    #expect(run.stepStatuses["Get bulkhead"] == 0, "\(run.log)")
    #expect(run.outputs["gate"]?["status"] == "1", "\(run.log)")
    #expect(run.stepStatuses["Run the gate"] == 0, "the gate step must not stop the upload")
    #expect(run.stepStatuses["Verdict"] == 1)
    let document = try #require(
      try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: sarif))) as? [String: Any])
    #expect(document["version"] as? String == "2.1.0")
    let results = (document["runs"] as? [[String: Any]])?.first?["results"] as? [Any]
    #expect(results?.isEmpty == false)

    // The upload step sends that same file, also when the gate failed.
    let upload = try #require(try Self.steps().first { ($0["uses"] as? String)?.contains("upload-sarif") == true })
    #expect((upload["uses"] as? String)?.hasPrefix("github/codeql-action/upload-sarif@") == true)
    #expect((upload["with"] as? [String: Any])?["sarif_file"] as? String == "${{ inputs.sarif }}")
    #expect((upload["if"] as? String)?.contains("always()") == true)
  }

  /// With every finding at or above high accepted (owner, justification, expiry), the same gate passes.
  @Test func acceptedFindingsPassTheGate() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let assessed = try CommandRunner.run(["assess", "Examples/riverside-water", "--format", "json"])
    let document = try #require(try JSONSerialization.jsonObject(with: Data(assessed.out.utf8)) as? [String: Any])
    let findings = try #require(document["findings"] as? [[String: Any]])
    var yaml = "accepted:\n"
    for finding in findings where ["high", "critical"].contains(finding["severity"] as? String ?? "") {
      let fingerprint = try #require(finding["fingerprint"] as? String)
      let rule = try #require(finding["ruleID"] as? String)
      yaml += "  - fingerprint: \(fingerprint)\n    rule: \(rule)\n    justification: accepted by the action test\n"
      yaml += "    owner: ot-security\n    expires: 2099-12-31\n"
    }
    let accepted = directory + "/accepted.yaml"
    try Data(yaml.utf8).write(to: URL(fileURLWithPath: accepted))
    let run = try Self.runAction(
      [
        "plant": "Examples/riverside-water", "binary": try ValidateCommandTests.binary().path,
        "sarif": directory + "/bulkhead.sarif", "accepted": accepted,
      ], in: directory)
    #expect(run.outputs["gate"]?["status"] == "0", "\(run.log)")
    #expect(run.stepStatuses["Verdict"] == 0)
  }

  @Test func aPlantThatCannotBeReadFailsClosed() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let run = try Self.runAction(
      ["plant": "no/such/plant", "binary": try ValidateCommandTests.binary().path, "sarif": directory + "/b.sarif"],
      in: directory)
    #expect(run.outputs["gate"]?["status"] == "2", "\(run.log)")
    #expect(run.stepStatuses["Verdict"] == 2)
  }

  /// The command the issue and the README name is the one the action runs.
  @Test func theActionRunsTheDocumentedCommand() throws {
    let gate = try #require(try Self.steps().first { $0["id"] as? String == "gate" }?["run"] as? String)
    #expect(gate.contains("check \"$BULKHEAD_PLANT\" --fail-on \"$BULKHEAD_FAIL_ON\""))
    #expect(gate.contains("--format sarif -o \"$BULKHEAD_SARIF\""))
    let readme = try String(contentsOfFile: ValidateCommandTests.packageRoot + "/README.md", encoding: .utf8)
    #expect(readme.contains("/bulkhead@v") && readme.contains("fail-on: high"), "README has no workflow snippet")
  }
}
