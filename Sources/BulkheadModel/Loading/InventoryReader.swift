import Foundation

/// Reads assets from an inventory CSV: one row per asset, columns recognised by their common names.
///
/// Unknown columns are reported once (BH342); a row that cannot be read is reported with its line (BH343) and the
/// rows around it still count. Multiple addresses or MACs in one cell are separated by `;`, `,` or spaces.
public struct InventoryReader: Sendable {
  /// What reading produced.
  public struct Result: Sendable {
    /// The assets, in row order; `zone` is empty when the row gives none (the loader infers it).
    public var assets: [Asset]
    /// What could not be read.
    public var diagnostics: [Diagnostic]
  }

  /// Creates a reader.
  public init() {}

  /// Reads the CSV at `path`; diagnostics name it `displayPath` (the path as the user sees it).
  public func read(path: String, displayPath: String? = nil, at reference: SourceLocation? = nil) -> Result {
    let shown = displayPath ?? path
    guard let data = FileManager.default.contents(atPath: path) else {
      let location = reference ?? SourceLocation(file: shown)
      return Result(
        assets: [], diagnostics: [Diagnostic(.inventoryUnreadable, "cannot read inventory '\(shown)'", at: location)])
    }
    guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
      let location = reference ?? SourceLocation(file: shown)
      return Result(
        assets: [], diagnostics: [Diagnostic(.inventoryUnreadable, "inventory '\(shown)' is not text", at: location)])
    }
    return parse(text: text, file: shown)
  }

  /// Parses CSV text; diagnostics name `file`.
  public func parse(text: String, file: String) -> Result {
    let table = CSVTable(text: text)
    var diagnostics: [Diagnostic] = table.problems.map {
      Diagnostic(
        .inventoryBadRow, "row at line \($0.line): \($0.message)",
        at: .init(file: file, line: $0.line, column: $0.column))
    }
    guard let header = table.records.first else {
      diagnostics.append(Diagnostic(.inventoryMissingColumn, "inventory has no header row", at: .init(file: file)))
      return Result(assets: [], diagnostics: diagnostics)
    }
    var columns: [InventoryColumn?] = []
    var seen: Set<InventoryColumn> = []
    for field in header.fields {
      let location = SourceLocation(file: file, line: field.line, column: field.column)
      let trimmed = field.text.trimmingCharacters(in: .whitespaces)
      if let column = InventoryColumn(header: trimmed), !seen.contains(column) {
        columns.append(column)
        seen.insert(column)
      } else {
        columns.append(nil)
        let why = InventoryColumn(header: trimmed) == nil ? "unknown" : "repeated"
        diagnostics.append(
          Diagnostic(.inventoryUnknownColumn, "\(why) inventory column '\(trimmed)' is ignored", at: location))
      }
    }
    guard seen.contains(.id) || seen.contains(.name) else {
      let location = SourceLocation(file: file, line: header.line, column: 1)
      diagnostics.append(
        Diagnostic(
          .inventoryMissingColumn, "inventory has no name or id column (e.g. 'name', 'hostname')", at: location))
      return Result(assets: [], diagnostics: diagnostics)
    }
    var assets: [Asset] = []
    for record in table.records.dropFirst() {
      if record.fields.allSatisfy({ $0.text.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
      if let asset = readRow(record, columns: columns, file: file, diagnostics: &diagnostics) { assets.append(asset) }
    }
    return Result(assets: assets, diagnostics: diagnostics)
  }

  private func readRow(
    _ record: CSVTable.Record, columns: [InventoryColumn?], file: String, diagnostics: inout [Diagnostic]
  ) -> Asset? {
    let rowLocation = SourceLocation(file: file, line: record.line, column: 1)
    guard record.fields.count == columns.count else {
      diagnostics.append(
        Diagnostic(
          .inventoryBadRow,
          "inventory row at line \(record.line) has \(record.fields.count) fields, the header has \(columns.count)",
          at: rowLocation))
      return nil
    }
    var values: [InventoryColumn: (String, SourceLocation)] = [:]
    var fields: [String: SourceLocation] = [:]
    for (field, column) in zip(record.fields, columns) {
      guard let column else { continue }
      let text = field.text.trimmingCharacters(in: .whitespaces)
      guard !text.isEmpty else { continue }
      let location = SourceLocation(file: file, line: field.line, column: field.column)
      values[column] = (text, location)
      fields[InventoryReader.modelKey(column)] = location
    }
    guard let (idText, idLocation) = values[.id] ?? values[.name] else {
      diagnostics.append(
        Diagnostic(.inventoryBadRow, "inventory row at line \(record.line) has no name or id", at: rowLocation))
      return nil
    }
    guard ModelIdentifier.isValid(idText) else {
      diagnostics.append(
        Diagnostic(.invalidID, "asset id '\(idText)' may only hold letters, digits, '.', '_' and '-'", at: idLocation))
      return nil
    }
    var addresses: [IPAddress] = []
    if let (text, location) = values[.addresses] {
      for (index, piece) in InventoryReader.split(text).enumerated() {
        if let address = IPAddress(piece) {
          addresses.append(address)
          fields["addresses[\(index)]"] = location
        } else {
          diagnostics.append(Diagnostic(.malformedAddress, "'\(piece)' is not an IP address", at: location))
        }
      }
    }
    var macs: [MACAddress] = []
    if let (text, location) = values[.macs] {
      for piece in InventoryReader.split(text) {
        if let mac = MACAddress(piece) {
          macs.append(mac)
        } else {
          diagnostics.append(Diagnostic(.malformedMAC, "'\(piece)' is not a MAC address", at: location))
        }
      }
    }
    var kind = AssetKind.other
    if let (text, location) = values[.kind] {
      if let parsed = AssetKind(text: text) {
        kind = parsed
      } else {
        diagnostics.append(
          Diagnostic(.invalidValue, "unknown asset kind '\(text)'; one of: \(AssetKind.allNames)", at: location))
      }
    }
    var criticality: Criticality?
    if let (text, location) = values[.criticality] {
      criticality = Criticality(text: text)
      if criticality == nil {
        diagnostics.append(
          Diagnostic(.invalidValue, "unknown criticality '\(text)'; one of: low, medium, high, critical", at: location))
      }
    }
    return Asset(
      id: idText, name: values[.name]?.0 ?? idText, zone: values[.zone]?.0 ?? "", addresses: addresses, macs: macs,
      kind: kind, vendor: values[.vendor]?.0, model: values[.model]?.0, firmware: values[.firmware]?.0,
      criticality: criticality, description: values[.description]?.0, origin: .inventory,
      locations: NodeLocations(entity: rowLocation, fields: fields))
  }

  /// The model key a column fills (so an inventory value's location is found under the same key as a YAML one).
  static func modelKey(_ column: InventoryColumn) -> String { column.rawValue }

  static func split(_ text: String) -> [String] {
    text.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == " " || $0 == "|" }).map(String.init)
  }
}
