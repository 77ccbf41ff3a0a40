import ArgumentParser
import Testing

@testable import bulkhead

/// Every command's discussion is one paragraph: the help renderer wraps it to the terminal, so a hard line break in
/// the source shows up as a line cut short mid-sentence.
@Suite struct HelpTextTests {
  @Test func discussionsAreSingleParagraphs() {
    var pending: [any ParsableCommand.Type] = [Bulkhead.self]
    var seen = 0
    while let command = pending.popLast() {
      seen += 1
      let configuration = command.configuration
      #expect(
        !configuration.discussion.contains("\n"),
        "\(configuration.commandName ?? "\(command)"): discussion has a hard line break")
      pending.append(contentsOf: configuration.subcommands)
    }
    #expect(seen > 10)
  }
}
