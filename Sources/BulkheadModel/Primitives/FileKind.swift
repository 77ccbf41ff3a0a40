#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Names the kind of a file that is not a regular one: every input Bulkhead reads (model, inventory, firewall
/// configs, captures, accepted findings) must be a regular file, because a FIFO blocks a reader forever and a
/// directory or a device has no contents to interpret.
public enum FileKind {
  /// "a FIFO", "a directory", … for anything but a regular file; nil for a regular file.
  public static func nonRegular(mode: mode_t) -> String? {
    switch Int(mode) & Int(S_IFMT) {
    case Int(S_IFREG): nil
    case Int(S_IFDIR): "a directory"
    case Int(S_IFIFO): "a FIFO"
    case Int(S_IFCHR): "a character device"
    case Int(S_IFBLK): "a block device"
    case Int(S_IFSOCK): "a socket"
    default: "an unknown kind of file"
    }
  }

  /// What `path` is when it exists (after symlinks) and is not a regular file; nil for a regular file or a path
  /// that does not exist (callers report a missing file their own way).
  public static func nonRegular(path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return nonRegular(mode: info.st_mode)
  }

  /// The one-line reason an input at `path` is refused, or nil when it is a regular file or missing.
  public static func refusal(path: String) -> String? {
    nonRegular(path: path).map { "not a regular file (\($0))" }
  }
}
