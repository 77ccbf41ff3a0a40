import Foundation
import Testing

@testable import BulkheadReport

/// Opens the example plant's binder in headless Chromium (Debian `chromium`, installed by .ci/run): the page must
/// render (a screenshot of non-trivial size), carry the inline diagram SVG, and log nothing to the console (a
/// script error, or a fetch the Content-Security-Policy refused, would show up there).
@Suite(.serialized) struct BrowserTests {
  struct Page {
    var screenshot: Data
    var log: String
  }

  static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// Loads `html` in headless Chromium (bounded by `timeout`), returning the screenshot and the browser's log.
  static func open(_ html: String) throws -> Page {
    let browser = try #require(chromium, "Chromium is not installed (apt-get install chromium; .ci/run does)")
    let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "bulkhead-browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let page = directory.appendingPathComponent("binder.html")
    let shot = directory.appendingPathComponent("binder.png")
    let log = directory.appendingPathComponent("chromium.log")
    try Data(html.utf8).write(to: page)
    FileManager.default.createFile(atPath: log.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
    // --no-sandbox: CI runs as root, where Chromium refuses its sandbox. A private profile per run keeps parallel
    // runs apart.
    process.arguments = [
      "120", browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
      "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--enable-logging=stderr", "--v=0",
      "--screenshot=\(shot.path)", "--window-size=1280,2000", page.absoluteString,
    ]
    let handle = try FileHandle(forWritingTo: log)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    process.waitUntilExit()
    try handle.close()
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    #expect(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus):\n\(text.suffix(2000))")
    let screenshot = (try? Data(contentsOf: shot)) ?? Data()
    return Page(screenshot: screenshot, log: text)
  }

  /// Console output and uncaught errors in Chromium's log (`INFO:CONSOLE`, `ERROR:CONSOLE`, `Uncaught`).
  static func consoleLines(_ log: String) -> [String] {
    log.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
  }

  @Test func binderRendersWithItsDiagramsAndNoConsoleErrors() throws {
    let (result, plant) = try BinderExample.assess()
    let layout = GraphvizLayout()
    try #require(layout.isAvailable, "Graphviz `dot` is not installed (apt-get install graphviz; .ci/run does)")
    var svg: [DiagramKind: String] = [:]
    for kind in DiagramKind.allCases {
      svg[kind] = try layout.svg(DOTRenderer().render(kind, result: result, plant: plant))
    }
    let html = BinderRenderer().html(result, plant: plant, svg: svg)
    #expect(html.contains("<figure class=\"diagram\" id=\"figure-zones\">\n<svg"))
    #expect(html.contains("<figure class=\"diagram\" id=\"figure-traffic\">\n<svg"))
    let page = try Self.open(html)
    // A blank 1280×2000 page compresses to a few kilobytes; the binder's top with the diagram is far more.
    #expect(page.screenshot.count > 100_000, "screenshot is \(page.screenshot.count) bytes")
    #expect(page.screenshot.starts(with: [0x89, 0x50, 0x4E, 0x47]), "screenshot is not a PNG")
    #expect(Self.consoleLines(page.log).isEmpty, "console output: \(Self.consoleLines(page.log))")
  }

  /// The console check must be able to fail: a page with a script error and a refused fetch is caught.
  @Test func consoleCheckCatchesErrorsAndFetches() throws {
    let html = """
      <!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'">
      </head><body><p>x</p><img src="http://192.0.2.1/x.png"></body></html>
      """
    let page = try Self.open(html)
    #expect(!Self.consoleLines(page.log).isEmpty, "a refused fetch left no console line")
  }
}
