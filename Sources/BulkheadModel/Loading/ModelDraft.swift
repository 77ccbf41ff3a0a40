/// What the YAML parser read, before the inventory is merged and references are resolved.
struct ModelDraft {
  var name = ""
  var description: String?
  var zones: [Zone] = []
  var assets: [Asset] = []
  var groups: [AssetGroup] = []
  var conduits: [Conduit] = []
  var enforcementPoints: [EnforcementPoint] = []
  var captures: [CapturePattern] = []
  var inventory: String?
  var inventoryLocation: SourceLocation?
  /// Assets written without a `zone:` key (the loader infers theirs from their address).
  var assetsWithoutZone: Set<Int> = []
}
