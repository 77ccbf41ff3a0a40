import BulkheadModel

/// One OPC UA service (OPC 10000-4 §5) with the DefaultBinary encoding ids of its request and response, as the
/// specification's NodeIds table (OPC 10000-6 Annex A, `NodeIds.csv`) assigns them.
///
/// The ids are not derived from each other: for the services of the first releases the response happens to be the
/// request + 3 (DataType, DefaultXml, DefaultBinary in a row), but services added later break that pattern
/// (FindServersOnNetwork 12208/12209, RegisterServer2 12211/12212), so each pair is written out.
struct OPCUAServiceEncoding: Sendable {
  /// The service name, e.g. `Read` (the request is `ReadRequest`).
  var name: String
  /// `<name>Request_Encoding_DefaultBinary`.
  var request: UInt32
  /// `<name>Response_Encoding_DefaultBinary`.
  var response: UInt32
  var operationClass: OperationClass
}
