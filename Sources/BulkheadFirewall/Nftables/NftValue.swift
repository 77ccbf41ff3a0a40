import Foundation

/// One element on the right of an nft match (libnftables-json(5) "EXPRESSIONS"): a scalar, a range or a prefix.
enum NftValue: Hashable, Sendable {
  /// A string or number.
  case scalar(String)
  /// `{"range": [a, b]}`.
  case range(String, String)
  /// `{"prefix": {"addr": a, "len": n}}`.
  case prefix(String, Int)

  /// Reads a JSON scalar as text (numbers without a fraction print as integers).
  static func text(_ any: Any) -> String? {
    if let s = any as? String { return s }
    if let n = any as? NSNumber { return n.stringValue }
    return nil
  }

  /// Reads one set element, unwrapping `{"elem": {"val": …}}` (elements with timeouts or comments).
  static func element(_ any: Any) -> NftValue? {
    if let s = text(any) { return .scalar(s) }
    guard let object = any as? [String: Any] else { return nil }
    if let elem = object["elem"] as? [String: Any], let val = elem["val"] { return element(val) }
    if let range = object["range"] as? [Any], range.count == 2, let a = text(range[0]), let b = text(range[1]) {
      return .range(a, b)
    }
    if let prefix = object["prefix"] as? [String: Any], let addr = prefix["addr"].flatMap(text),
      let len = (prefix["len"] as? NSNumber)?.intValue
    {
      return .prefix(addr, len)
    }
    return nil
  }
}
