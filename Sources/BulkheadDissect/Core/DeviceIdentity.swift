/// A device's identity as it revealed it on the wire (Modbus 43/14, CIP ListIdentity, S7 SZL …).
public struct DeviceIdentity: Hashable, Comparable, Sendable, Codable {
  /// Which protocol message revealed it, e.g. `modbus-43/14`, `enip-list-identity`, `s7-szl-0x0011`.
  public var source: String
  /// The vendor name or numeric vendor id.
  public var vendor: String?
  /// The product name or code.
  public var product: String?
  /// The serial number.
  public var serial: String?
  /// The firmware or revision.
  public var firmware: String?
  /// The order number or model, when distinct from the product.
  public var model: String?

  /// Creates an identity.
  public init(
    source: String, vendor: String? = nil, product: String? = nil, serial: String? = nil, firmware: String? = nil,
    model: String? = nil
  ) {
    self.source = source
    self.vendor = vendor
    self.product = product
    self.serial = serial
    self.firmware = firmware
    self.model = model
  }

  public static func < (lhs: DeviceIdentity, rhs: DeviceIdentity) -> Bool {
    (lhs.source, lhs.vendor ?? "", lhs.product ?? "", lhs.serial ?? "", lhs.firmware ?? "", lhs.model ?? "")
      < (rhs.source, rhs.vendor ?? "", rhs.product ?? "", rhs.serial ?? "", rhs.firmware ?? "", rhs.model ?? "")
  }
}
