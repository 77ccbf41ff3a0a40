/// A parsed CSV file (RFC 4180, plus `;` and tab separators that spreadsheet exports use).
///
/// Each field remembers its line and column, so a bad cell is reported where it is.
struct CSVTable {
  /// One field with its position.
  struct Field {
    var text: String
    var line: Int
    var column: Int
  }

  /// One record (a row); a quoted field may span lines, so `line` is where the record starts.
  struct Record {
    var line: Int
    var fields: [Field]
  }

  /// A record that could not be parsed (an unterminated quote), by starting line.
  struct Problem {
    var line: Int
    var column: Int
    var message: String
  }

  var records: [Record] = []
  var problems: [Problem] = []
  var separator: Character = ","

  init(text: String) {
    var scalars = Substring(text).unicodeScalars[...]
    if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
    let body = String(String.UnicodeScalarView(scalars))
    let firstLine = body.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
    // A spreadsheet in a comma-decimal locale exports `;`; pick the separator the header uses most.
    let counts: [(Character, Int)] = [",", ";", "\t"].map { sep in (sep, firstLine.filter { $0 == sep }.count) }
    separator = counts.max { $0.1 < $1.1 }.flatMap { $0.1 > 0 ? $0.0 : nil } ?? ","
    parse(body)
  }

  private mutating func parse(_ body: String) {
    var line = 1
    var column = 1
    var record: Record?
    var field = ""
    var fieldLine = 1
    var fieldColumn = 1
    var inQuotes = false
    var quoteStart = (line: 0, column: 0)
    var afterQuote = false

    func startFieldIfNeeded() {
      if record == nil { record = Record(line: line, fields: []) }
    }

    var iterator = body.makeIterator()
    var pending: Character? = iterator.next()
    while let c = pending {
      pending = iterator.next()
      if inQuotes {
        if c == "\"" {
          if pending == "\"" {
            field.append("\"")
            pending = iterator.next()
            column += 2
            continue
          }
          inQuotes = false
          afterQuote = true
          column += 1
          continue
        }
        field.append(c)
        if c == "\n" || c == "\r\n" || c == "\r" {
          line += 1
          column = 1
        } else {
          column += 1
        }
        continue
      }
      if c == "\"" && field.isEmpty && !afterQuote {
        startFieldIfNeeded()
        if field.isEmpty { (fieldLine, fieldColumn) = (line, column) }
        inQuotes = true
        quoteStart = (line, column)
        column += 1
        continue
      }
      if c == separator {
        startFieldIfNeeded()
        if field.isEmpty && !afterQuote { (fieldLine, fieldColumn) = (line, column) }
        record?.fields.append(Field(text: field, line: fieldLine, column: fieldColumn))
        field = ""
        afterQuote = false
        column += 1
        (fieldLine, fieldColumn) = (line, column)
        continue
      }
      if c == "\n" || c == "\r\n" || c == "\r" {
        if var finished = record {
          finished.fields.append(Field(text: field, line: fieldLine, column: fieldColumn))
          records.append(finished)
        }
        record = nil
        field = ""
        afterQuote = false
        line += 1
        column = 1
        (fieldLine, fieldColumn) = (line, column)
        continue
      }
      if record == nil {
        record = Record(line: line, fields: [])
        (fieldLine, fieldColumn) = (line, column)
      }
      field.append(c)
      column += 1
    }
    if inQuotes {
      problems.append(
        Problem(line: quoteStart.line, column: quoteStart.column, message: "a quoted field is never closed"))
      return
    }
    if var finished = record {
      finished.fields.append(Field(text: field, line: fieldLine, column: fieldColumn))
      records.append(finished)
    }
  }
}
