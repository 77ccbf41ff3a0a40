/// The transport a flow runs over; stream dissectors get in-order bytes, datagram dissectors one datagram per call.
public enum Transport: String, Hashable, Sendable, Codable {
  case tcp
  case udp
}
