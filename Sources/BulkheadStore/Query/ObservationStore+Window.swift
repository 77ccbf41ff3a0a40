extension ObservationStore {
  /// The flows of `window`, one per flow key, capture points merged per hour and hours added up; sorted by key.
  public func flows(in window: StoreWindow = StoredWindowDefault.everything) throws(StoreError) -> [StoredFlow] {
    StoredHistory.fold(try flowRows(in: window))
  }

  /// The hosts of `window` that sent traffic, sorted by address.
  public func hosts(in window: StoreWindow = StoredWindowDefault.everything) throws(StoreError) -> [StoredHost] {
    StoredHistory.hosts(try hostRows(in: window))
  }
}

/// Default windows.
public enum StoredWindowDefault {
  /// No bounds.
  public static let everything = StoreWindow()
}
