/// Splits one iptables-save line into words the way iptables-restore does: spaces separate, double quotes group
/// (a backslash escapes a quote inside), and each word keeps its 1-based column for diagnostics.
public enum ShellTokenizer {
  /// One word and the column where it started.
  public struct Token: Hashable, Sendable {
    /// The word, quotes removed.
    public var text: String
    /// The 1-based column of the word's first character.
    public var column: Int
  }

  /// Tokenizes a line; an unterminated quote runs to the end of the line (reported by the caller if it matters).
  public static func tokenize(_ line: Substring) -> (tokens: [Token], unterminatedQuote: Bool) {
    var tokens: [Token] = []
    var current = ""
    var start = 0
    var inWord = false
    var inQuote = false
    var escaped = false
    var column = 0
    for ch in line {
      column += 1
      if escaped {
        current.append(ch)
        escaped = false
        continue
      }
      if inQuote {
        if ch == "\\" {
          escaped = true
        } else if ch == "\"" {
          inQuote = false
        } else {
          current.append(ch)
        }
        continue
      }
      if ch == " " || ch == "\t" || ch == "\r" {
        if inWord {
          tokens.append(Token(text: current, column: start))
          current = ""
          inWord = false
        }
        continue
      }
      if !inWord {
        inWord = true
        start = column
      }
      if ch == "\"" { inQuote = true } else { current.append(ch) }
    }
    if inWord { tokens.append(Token(text: current, column: start)) }
    return (tokens, inQuote)
  }
}
