import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the files a model names may live: inside the plant's directory after symlinks are resolved, or under a
/// directory the user allowed explicitly (`--allow-outside PATH`).
///
/// A model arrives in a pull request; without this check `config: ../../../../etc/shadow` would make `assess`, the
/// binder and SARIF echo any file the CI runner can read as "lines not modeled".
public struct PlantDirectory: Hashable, Sendable {
  /// The plant directory, canonical (absolute, symlinks resolved).
  public var root: String
  /// Directories outside the plant the user allowed, canonical.
  public var allowed: [String]

  /// What a check found.
  public enum Check: Hashable, Sendable {
    /// A regular file inside the plant (or an allowed directory): it may be read.
    case inside
    /// Nothing is there (the caller's own "missing file" diagnostic applies).
    case missing
    /// The file resolves outside the plant directory, to `resolved`.
    case outside(resolved: String)
    /// The path is a FIFO, directory, device or socket (named), which is never read.
    case notRegular(String)
  }

  /// The directory `root` (as written or relative to the working directory) and the allowed outside directories.
  public init(root: String, allowOutside: [String] = []) {
    self.root = Self.canonical(root) ?? root
    self.allowed = allowOutside.map { Self.canonical($0) ?? $0 }
  }

  /// Whether `path` may be read.
  public func check(_ path: String) -> Check {
    guard let resolved = Self.canonical(path) else { return .missing }
    guard ([root] + allowed).contains(where: { Self.contains($0, resolved) }) else {
      return .outside(resolved: resolved)
    }
    if let kind = FileKind.nonRegular(path: resolved) { return .notRegular(kind) }
    return .inside
  }

  /// The diagnostic for a refused `path` of kind `what` ("configuration", "inventory", "capture") written at
  /// `location`, or nil when it may be read (or is missing).
  public func refusal(_ path: String, what: String, at location: SourceLocation) -> Diagnostic? {
    switch check(path) {
    case .inside, .missing:
      return nil
    case .outside(let resolved):
      return Diagnostic(
        .pathOutsidePlant,
        "\(what) \(path) resolves to \(resolved), outside the plant directory \(root); it is not read (pass "
          + "--allow-outside DIR to allow a directory outside the plant)",
        at: location)
    case .notRegular(let kind):
      return Diagnostic(
        .notRegularFile, "\(what) \(path) is not a regular file (\(kind)); it is not read", at: location)
    }
  }

  /// `path` absolute with every symlink resolved, or nil when it does not exist.
  static func canonical(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Whether `path` is `directory` or lies under it (both canonical).
  static func contains(_ directory: String, _ path: String) -> Bool {
    path == directory || path.hasPrefix(directory.hasSuffix("/") ? directory : directory + "/")
  }
}
