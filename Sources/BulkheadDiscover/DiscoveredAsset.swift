import BulkheadModel

/// A host the draft makes an asset: the asset, the role guess behind its kind, and what the captures said about it.
public struct DiscoveredAsset: Hashable, Sendable {
  /// The proposed asset.
  public var asset: Asset
  /// Why it has its kind.
  public var role: RoleGuess
  /// Services it answered (`tcp/502`).
  public var serves: [String]
  /// Services it opened.
  public var uses: [String]
}
