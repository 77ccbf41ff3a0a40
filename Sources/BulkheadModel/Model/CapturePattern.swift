/// A capture file or glob (`captures/*.pcap`) named by the model.
public struct CapturePattern: Hashable, Sendable, Codable {
  /// The pattern as written, relative to the model's directory.
  public var pattern: String
  /// The pattern resolved against the model's directory.
  public var resolvedPattern: String
  /// Where it was written.
  public var location: SourceLocation

  /// Creates a pattern.
  public init(pattern: String, resolvedPattern: String, location: SourceLocation) {
    self.pattern = pattern
    self.resolvedPattern = resolvedPattern
    self.location = location
  }

  /// The existing files the pattern matches, sorted (a plain path matches itself if it exists).
  public func files() -> [String] { FileGlob.expand(resolvedPattern) }
}
