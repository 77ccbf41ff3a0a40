import ArgumentParser

/// A command's `--format` values. Every command calls its human-readable output `text` and its one JSON document
/// `json`; older spellings (`table`) stay accepted as aliases but are not listed in help or completions.
protocol CommandFormat: RawRepresentable<String>, CaseIterable, ExpressibleByArgument {
  /// Spellings accepted besides the raw values, with the format each means.
  static var aliases: [String: Self] { get }
}

extension CommandFormat {
  static var aliases: [String: Self] { [:] }

  init?(argument: String) {
    guard let format = Self(rawValue: argument) ?? Self.aliases[argument] else { return nil }
    self = format
  }
}
