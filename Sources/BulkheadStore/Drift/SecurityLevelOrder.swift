/// How much protection a flow's security facts show, for telling a downgrade: OPC UA's modes in their order
/// (OPC 10000-4 §7.20: None < Sign < SignAndEncrypt), and for other protocols encrypted over cleartext.
enum SecurityLevelOrder {
  /// 0 none, 1 signed (authenticated, not encrypted), 2 encrypted; nil when nothing is known.
  static func level(mode: String, authenticated: Int8, encrypted: Int8) -> Int? {
    switch mode {
    case "SignAndEncrypt": return 2
    case "Sign": return 1
    case "None": return 0
    default: break
    }
    if encrypted == 1 { return 2 }
    if authenticated == 1 { return 1 }
    if encrypted == 0 { return 0 }
    return nil
  }

  /// What the level is called in a finding.
  static func name(_ level: Int, mode: String) -> String {
    if !mode.isEmpty { return mode }
    switch level {
    case 2: return "encrypted"
    case 1: return "signed"
    default: return "cleartext"
    }
  }
}
