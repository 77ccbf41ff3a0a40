import Foundation

/// Loads `bulkhead.yaml` (and the inventory CSV it names) into a ``Plant`` and validates it.
///
/// ```swift
/// let model = try ModelLoader().load(path: "Examples/riverside-water")
/// if model.isValid { let zone = model.plant.zone(containing: address) }
/// ```
public struct ModelLoader: Sendable {
  /// The services flows may name.
  public var catalog: ServiceCatalog
  /// Directories outside the plant's own that the model's paths may point into (`--allow-outside`).
  public var allowOutside: [String]

  /// Creates a loader.
  public init(catalog: ServiceCatalog = .standard, allowOutside: [String] = []) {
    self.catalog = catalog
    self.allowOutside = allowOutside
  }

  /// The model file a path stands for: the path itself, or `bulkhead.yaml` (then `bulkhead.yml`) in a directory.
  public static func modelFile(for path: String) throws(ModelLoadError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .notFound(path)
    }
    guard isDirectory.boolValue else { return path }
    for name in ["bulkhead.yaml", "bulkhead.yml"] {
      let candidate = path == "." ? name : (path.hasSuffix("/") ? path + name : path + "/" + name)
      if FileManager.default.fileExists(atPath: candidate) { return candidate }
    }
    throw .noModelInDirectory(path)
  }

  /// Loads and validates the model at `path` (a file or a directory holding `bulkhead.yaml`).
  ///
  /// - Parameter today: the date review dates are compared with (injectable so results are reproducible).
  /// - Throws: ``ModelLoadError`` only when the model file itself cannot be found or read; every problem inside it
  ///   is a diagnostic of the result.
  public func load(path: String, today: CalendarDate = .today()) throws(ModelLoadError) -> LoadedModel {
    let file = try ModelLoader.modelFile(for: path)
    if let kind = FileKind.nonRegular(path: file) {
      throw .unreadable(file, reason: "not a regular file (\(kind))")
    }
    guard let data = FileManager.default.contents(atPath: file) else {
      throw .unreadable(file, reason: "permission denied or not a regular file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .unreadable(file, reason: "not UTF-8 text")
    }
    let directory = (file as NSString).deletingLastPathComponent
    return load(yaml: text, file: file, baseDirectory: directory.isEmpty ? "." : directory, today: today)
  }

  /// Loads and validates model text; `file` names it in diagnostics, relative paths resolve against `baseDirectory`.
  public func load(yaml: String, file: String, baseDirectory: String = ".", today: CalendarDate = .today())
    -> LoadedModel
  {
    let (plant, diagnostics) = parse(yaml: yaml, file: file, baseDirectory: baseDirectory)
    let validation = ModelValidator(today: today).validate(plant)
    return LoadedModel(plant: plant, diagnostics: diagnostics + validation)
  }

  /// Parses model text into a plant without validating it (loading problems only).
  public func parse(yaml: String, file: String, baseDirectory: String = ".") -> (Plant, [Diagnostic]) {
    let parser = ModelParser(file: file, baseDirectory: baseDirectory, catalog: catalog)
    var draft = parser.parse(yaml: yaml)
    var diagnostics = parser.diagnostics
    let directory = PlantDirectory(root: baseDirectory, allowOutside: allowOutside)
    diagnostics += confine(&draft, to: directory)
    var inventoryPath: String?
    if let inventory = draft.inventory {
      let resolved = parser.resolve(inventory)
      let location = draft.inventoryLocation ?? SourceLocation(file: file)
      if let refusal = directory.refusal(resolved, what: "inventory", at: location) {
        // Not read, not digested: the plant names no inventory (Plant would fall back to the path as written).
        diagnostics.append(refusal)
        draft.inventory = nil
      } else {
        inventoryPath = resolved
      }
    }
    if let resolved = inventoryPath {
      let result = InventoryReader().read(path: resolved, displayPath: resolved, at: draft.inventoryLocation)
      diagnostics += result.diagnostics
      diagnostics += merge(result.assets, into: &draft)
    }
    inferZones(&draft)
    let lookup = Plant(name: draft.name, zones: draft.zones, assets: draft.assets, groups: draft.groups)
    let conduits = draft.conduits.map { conduit -> Conduit in
      var resolved = conduit
      resolved.flows = conduit.flows.map { flow in
        var flow = flow
        flow.from = lookup.endpoint(named: flow.from.id)
        flow.to = lookup.endpoint(named: flow.to.id)
        return flow
      }
      return resolved
    }
    let plant = Plant(
      name: draft.name, description: draft.description, modelFile: file, baseDirectory: baseDirectory,
      zones: draft.zones, assets: draft.assets, groups: draft.groups, conduits: conduits,
      enforcementPoints: draft.enforcementPoints, captures: draft.captures, inventory: draft.inventory,
      inventoryPath: inventoryPath)
    return (plant, diagnostics)
  }

  /// Keeps the model's firewall configs and captures inside `directory`: a refused config is dropped from its
  /// enforcement point (which then counts as unparsed), a refused capture file is left out of its pattern's files.
  private func confine(_ draft: inout ModelDraft, to directory: PlantDirectory) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for index in draft.enforcementPoints.indices {
      let point = draft.enforcementPoints[index]
      guard let path = point.configPath,
        let refusal = directory.refusal(path, what: "configuration", at: point.locations.of("config"))
      else { continue }
      diagnostics.append(refusal)
      draft.enforcementPoints[index].configPath = nil
    }
    for index in draft.captures.indices {
      draft.captures[index].directory = directory
      let pattern = draft.captures[index]
      for file in FileGlob.expand(pattern.resolvedPattern) {
        if let refusal = directory.refusal(file, what: "capture", at: pattern.location) { diagnostics.append(refusal) }
      }
    }
    return diagnostics
  }

  /// Adds inventory assets; a row whose id the model already declares completes that asset (the model wins).
  private func merge(_ rows: [Asset], into draft: inout ModelDraft) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var index: [String: Int] = [:]
    for (i, asset) in draft.assets.enumerated() where index[asset.id] == nil { index[asset.id] = i }
    for row in rows {
      guard let i = index[row.id] else {
        index[row.id] = draft.assets.count
        if row.zone.isEmpty { draft.assetsWithoutZone.insert(draft.assets.count) }
        draft.assets.append(row)
        continue
      }
      var asset = draft.assets[i]
      if asset.origin == .inventory {
        diagnostics.append(
          Diagnostic(.duplicateID, "asset '\(row.id)' appears twice in the inventory", at: row.location))
        continue
      }
      func conflict(_ field: String, _ model: String, _ inventory: String) {
        diagnostics.append(
          Diagnostic(
            .inventoryConflict,
            "inventory gives asset '\(row.id)' \(field) '\(inventory)', the model '\(model)'; the model wins",
            at: row.locations.of(field)))
      }
      if !row.zone.isEmpty {
        if draft.assetsWithoutZone.contains(i) {
          asset.zone = row.zone
          draft.assetsWithoutZone.remove(i)
        } else if asset.zone != row.zone {
          conflict("zone", asset.zone, row.zone)
        }
      }
      if asset.addresses.isEmpty {
        asset.addresses = row.addresses
      } else if !row.addresses.isEmpty && Set(row.addresses) != Set(asset.addresses) {
        conflict(
          "addresses", asset.addresses.map(\.description).joined(separator: " "),
          row.addresses.map(\.description).joined(separator: " "))
      }
      for mac in row.macs where !asset.macs.contains(mac) { asset.macs.append(mac) }
      if asset.kind == .other { asset.kind = row.kind }
      asset.vendor = asset.vendor ?? row.vendor
      asset.model = asset.model ?? row.model
      asset.firmware = asset.firmware ?? row.firmware
      asset.criticality = asset.criticality ?? row.criticality
      asset.description = asset.description ?? row.description
      for (key, location) in row.locations.fields where asset.locations.fields[key] == nil {
        asset.locations.fields[key] = location
      }
      asset.origin = .both
      draft.assets[i] = asset
    }
    return diagnostics
  }

  /// Places assets written without a zone into the zone their first placeable address lies in.
  private func inferZones(_ draft: inout ModelDraft) {
    let zones = Plant(name: draft.name, zones: draft.zones)
    for i in draft.assetsWithoutZone.sorted() {
      let asset = draft.assets[i]
      if let zone = asset.addresses.lazy.compactMap({ zones.zone(containing: $0) }).first {
        draft.assets[i].zone = zone.id
      }
    }
  }
}
