import Foundation
import Testing

/// Issue 24 item 2: the completion scripts the release archive installs (Scripts/release writes them with these
/// same calls) offer every command and the format names (CLIConventionsTests checks the values they come from).
@Suite struct CompletionScriptTests {
  static let commands = [
    "init", "discover", "validate", "trace", "reach", "flows", "dissect", "assess", "check", "rules", "report",
    "diagram", "bench", "ingest", "monitor", "baseline", "whatif",
  ]

  @Test(arguments: ["bash", "zsh", "fish"])
  func everyCommandIsOffered(shell: String) throws {
    let result = try CommandRunner.run(["--generate-completion-script", shell])
    #expect(result.status == 0)
    let script = result.out
    #expect(script.count > 1000)
    for command in Self.commands { #expect(script.contains(command), "\(shell): no \(command)") }
    for value in ["sarif", "markdown", "csv"] { #expect(script.contains(value), "\(shell): no \(value)") }
    // fish names a long option `-l 'quiet'`, bash and zsh `--quiet`.
    for option in ["quiet", "output", "today"] {
      let spelled = shell == "fish" ? "-l '\(option)'" : "--\(option)"
      #expect(script.contains(spelled), "\(shell): no \(spelled)")
    }
  }

  /// bash itself reads the script and completes `bulkhead f` to the commands starting with f.
  @Test func bashCompletesCommandNames() throws {
    let script = try CommandRunner.run(["--generate-completion-script", "bash"]).out
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let file = directory + "/bulkhead.bash"
    try Data(script.utf8).write(to: URL(fileURLWithPath: file))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [
      "-c",
      """
      source "$0"
      COMP_WORDS=(bulkhead f); COMP_CWORD=1; COMP_LINE="bulkhead f"; COMP_POINT=${#COMP_LINE}
      "$(complete -p bulkhead | sed 's/.*-F \\([^ ]*\\).*/\\1/')" bulkhead f bulkhead
      printf '%s\\n' "${COMPREPLY[@]}"
      """,
      file,
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(Set(String(decoding: data, as: UTF8.self).split(separator: "\n")) == ["flows"])
  }
}
