/// One BER-encoded element (ITU-T X.690 §8.1): identifier, length, contents, read without trapping.
struct BERElement {
  /// The identifier octet (class, constructed bit, and the tag number when it is below 31).
  let identifier: UInt8
  /// The tag number (X.690 §8.1.2.4: numbers of 31 and above follow in base-128 octets).
  let number: UInt32
  /// The contents octets.
  let contents: UnsafeRawBufferPointer
  /// Bytes of identifier, length and contents.
  let encodedLength: Int

  var isConstructed: Bool { identifier & 0x20 != 0 }
  /// Context-specific class (X.690 §8.1.2.2, bits 8-7 = 10).
  var isContextSpecific: Bool { identifier & 0xC0 == 0x80 }

  /// The element starting at `offset`, or nil when its header or contents run past the buffer. An indefinite length
  /// (X.690 §8.1.3.6) takes the rest of the buffer, end-of-contents octets included.
  init?(_ bytes: UnsafeRawBufferPointer, at offset: Int = 0) {
    guard let first = bytes.u8(offset) else { return nil }
    var position = offset + 1
    var number = UInt32(first & 0x1F)
    if number == 0x1F {
      number = 0
      while true {
        guard let byte = bytes.u8(position), number < 1 << 24 else { return nil }
        position += 1
        number = number << 7 | UInt32(byte & 0x7F)
        if byte & 0x80 == 0 { break }
      }
    }
    guard let lengthByte = bytes.u8(position) else { return nil }
    position += 1
    var length: Int
    if lengthByte & 0x80 == 0 {
      length = Int(lengthByte)
    } else if lengthByte == 0x80 {
      length = bytes.count - position
    } else {
      let octets = Int(lengthByte & 0x7F)
      guard octets <= 3 else { return nil }
      length = 0
      for _ in 0..<octets {
        guard let byte = bytes.u8(position) else { return nil }
        length = length << 8 | Int(byte)
        position += 1
      }
    }
    guard let contents = bytes.slice(position, length) else { return nil }
    identifier = first
    self.number = number
    self.contents = contents
    encodedLength = position + length - offset
  }

  /// The first element inside this one whose identifier is `identifier`, looking only at direct children.
  func child(_ identifier: UInt8) -> BERElement? {
    var offset = 0
    while let element = BERElement(contents, at: offset) {
      if element.identifier == identifier { return element }
      offset += element.encodedLength
    }
    return nil
  }

  /// The direct children, in order, as far as they parse.
  var children: [BERElement] {
    var result: [BERElement] = []
    var offset = 0
    while let element = BERElement(contents, at: offset) {
      result.append(element)
      offset += element.encodedLength
    }
    return result
  }
}
