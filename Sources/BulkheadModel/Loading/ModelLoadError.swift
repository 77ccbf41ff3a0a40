/// Why a model could not be read at all (as opposed to read with diagnostics); the CLI exits 2 on these.
public enum ModelLoadError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Nothing exists at the path.
  case notFound(String)
  /// The directory holds no `bulkhead.yaml` (or `bulkhead.yml`).
  case noModelInDirectory(String)
  /// The file exists but cannot be read as UTF-8 text.
  case unreadable(String, reason: String)

  /// The diagnostic the CLI prints for this error (code BH001).
  public var diagnostic: Diagnostic {
    switch self {
    case .notFound(let path), .noModelInDirectory(let path), .unreadable(let path, _):
      Diagnostic(.unreadableFile, message, at: SourceLocation(file: path))
    }
  }

  /// One sentence naming the path.
  public var message: String {
    switch self {
    case .notFound(let path): "no such file or directory: \(path)"
    case .noModelInDirectory(let path): "no bulkhead.yaml in directory \(path) (create one with `bulkhead init`)"
    case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
    }
  }

  public var description: String { diagnostic.description }
}
