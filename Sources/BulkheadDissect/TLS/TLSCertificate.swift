/// The subject and issuer of an X.509 certificate (RFC 5280 §4.1), as RFC 4514 strings: relative distinguished
/// names last-first, `CN=…,O=…,C=…`, the form Zeek's x509.log and OpenSSL print.
enum TLSCertificate {
  struct Names {
    var subject: String
    var issuer: String
  }

  /// Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer,
  /// validity, subject, … }, … } (RFC 5280 §4.1.1.1, §4.1.2).
  static func names(_ der: UnsafeRawBufferPointer) -> Names? {
    guard let certificate = BERElement(der), certificate.identifier == 0x30,
      let tbs = BERElement(certificate.contents), tbs.identifier == 0x30
    else { return nil }
    var fields = tbs.children
    if fields.first?.identifier == 0xA0 { fields.removeFirst() }
    // serialNumber, signature, issuer, validity, subject.
    guard fields.count >= 5, fields[2].identifier == 0x30, fields[4].identifier == 0x30,
      let issuer = distinguishedName(fields[2]), let subject = distinguishedName(fields[4])
    else { return nil }
    return Names(subject: subject, issuer: issuer)
  }

  /// Name ::= SEQUENCE OF RelativeDistinguishedName (SET OF AttributeTypeAndValue), printed per RFC 4514 §2.1:
  /// the last RDN first, RDNs separated by commas, multi-valued RDNs' parts by plus signs.
  static func distinguishedName(_ name: BERElement) -> String? {
    var rdns: [String] = []
    for rdn in name.children {
      guard rdn.identifier == 0x31 else { return nil }
      var parts: [String] = []
      for pair in rdn.children {
        let items = pair.children
        guard pair.identifier == 0x30, items.count == 2, items[0].identifier == 0x06 else { return nil }
        parts.append(attributeType(items[0].contents) + "=" + escaped(items[1]))
      }
      rdns.append(parts.joined(separator: "+"))
    }
    return rdns.reversed().joined(separator: ",")
  }

  /// Short names of RFC 4514 §3 (and emailAddress, PKCS #9, as OpenSSL prints it); other types in dotted form.
  private static func attributeType(_ oid: UnsafeRawBufferPointer) -> String {
    let dotted = objectIdentifier(oid)
    switch dotted {
    case "2.5.4.3": return "CN"
    case "2.5.4.6": return "C"
    case "2.5.4.7": return "L"
    case "2.5.4.8": return "ST"
    case "2.5.4.9": return "STREET"
    case "2.5.4.10": return "O"
    case "2.5.4.11": return "OU"
    case "2.5.4.5": return "serialNumber"
    case "0.9.2342.19200300.100.1.25": return "DC"
    case "0.9.2342.19200300.100.1.1": return "UID"
    case "1.2.840.113549.1.9.1": return "emailAddress"
    default: return dotted
    }
  }

  /// X.690 §8.19: the first octet holds 40 × X + Y, then base-128 components.
  static func objectIdentifier(_ bytes: UnsafeRawBufferPointer) -> String {
    var components: [String] = []
    var value: UInt64 = 0
    for (index, byte) in bytes.enumerated() {
      guard value < 1 << 56 else { break }
      value = value << 7 | UInt64(byte & 0x7F)
      guard byte & 0x80 == 0 else { continue }
      if components.isEmpty && index < bytes.count {
        let first = min(value / 40, 2)
        components.append(String(first))
        components.append(String(value - first * 40))
      } else {
        components.append(String(value))
      }
      value = 0
    }
    return components.joined(separator: ".")
  }

  /// A string value, escaped per RFC 4514 §2.4 (`,+"\<>;` and a leading `#` or space, a trailing space); a value
  /// that is not a string type is written as `#` and its hex encoding.
  private static func escaped(_ value: BERElement) -> String {
    // UTF8String 12, PrintableString 19, TeletexString 20, IA5String 22, UniversalString 28, BMPString 30.
    guard [12, 19, 20, 22].contains(value.identifier) else {
      return "#" + value.contents.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
    let text = String(decoding: value.contents.prefix(AttributeList.valueLimit), as: UTF8.self)
    var result = ""
    for (index, character) in text.enumerated() {
      if ",+\"\\<>;".contains(character) || (index == 0 && (character == "#" || character == " "))
        || (index == text.count - 1 && character == " ")
      {
        result.append("\\")
      }
      result.append(character)
    }
    return result
  }
}
