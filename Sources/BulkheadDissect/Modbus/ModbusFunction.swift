import BulkheadModel

/// A Modbus function code (MODBUS Application Protocol Specification V1.1b3, §5.1 and §6), unknown codes kept.
enum ModbusFunction: Hashable {
  case readCoils
  case readDiscreteInputs
  case readHoldingRegisters
  case readInputRegisters
  case writeSingleCoil
  case writeSingleRegister
  case readExceptionStatus
  case diagnostics
  case getCommEventCounter
  case getCommEventLog
  case writeMultipleCoils
  case writeMultipleRegisters
  case reportServerID
  case readFileRecord
  case writeFileRecord
  case maskWriteRegister
  case readWriteMultipleRegisters
  case readFIFOQueue
  case encapsulatedInterfaceTransport
  /// Schneider Electric UMAS (user-defined code 90, Modicon programming and configuration).
  case umas
  /// Any other code, including legacy Modicon program/poll codes and user-defined codes (§5.1: 65-72, 100-110).
  case other(UInt8)

  init(code: UInt8) {
    switch code {
    case 1: self = .readCoils
    case 2: self = .readDiscreteInputs
    case 3: self = .readHoldingRegisters
    case 4: self = .readInputRegisters
    case 5: self = .writeSingleCoil
    case 6: self = .writeSingleRegister
    case 7: self = .readExceptionStatus
    case 8: self = .diagnostics
    case 11: self = .getCommEventCounter
    case 12: self = .getCommEventLog
    case 15: self = .writeMultipleCoils
    case 16: self = .writeMultipleRegisters
    case 17: self = .reportServerID
    case 20: self = .readFileRecord
    case 21: self = .writeFileRecord
    case 22: self = .maskWriteRegister
    case 23: self = .readWriteMultipleRegisters
    case 24: self = .readFIFOQueue
    case 43: self = .encapsulatedInterfaceTransport
    case 90: self = .umas
    default: self = .other(code)
    }
  }

  /// The name Zeek's Modbus analyzer logs, so tallies compare one to one with `modbus.log`.
  var name: String {
    switch self {
    case .readCoils: "READ_COILS"
    case .readDiscreteInputs: "READ_DISCRETE_INPUTS"
    case .readHoldingRegisters: "READ_HOLDING_REGISTERS"
    case .readInputRegisters: "READ_INPUT_REGISTERS"
    case .writeSingleCoil: "WRITE_SINGLE_COIL"
    case .writeSingleRegister: "WRITE_SINGLE_REGISTER"
    case .readExceptionStatus: "READ_EXCEPTION_STATUS"
    case .diagnostics: "DIAGNOSTICS"
    case .getCommEventCounter: "GET_COMM_EVENT_COUNTER"
    case .getCommEventLog: "GET_COMM_EVENT_LOG"
    case .writeMultipleCoils: "WRITE_MULTIPLE_COILS"
    case .writeMultipleRegisters: "WRITE_MULTIPLE_REGISTERS"
    case .reportServerID: "REPORT_SLAVE_ID"
    case .readFileRecord: "READ_FILE_RECORD"
    case .writeFileRecord: "WRITE_FILE_RECORD"
    case .maskWriteRegister: "MASK_WRITE_REGISTER"
    case .readWriteMultipleRegisters: "READ_WRITE_MULTIPLE_REGISTERS"
    case .readFIFOQueue: "READ_FIFO_QUEUE"
    case .encapsulatedInterfaceTransport: "ENCAP_INTERFACE_TRANSPORT"
    case .umas: "UMAS"
    case .other(let code):
      switch code {
      // Legacy Modicon codes Zeek also names (484/584/884 programming and polling, Concept, firmware).
      case 9: "PROGRAM_484"
      case 10: "POLL_484"
      case 13: "PROGRAM_584_984"
      case 14: "POLL_584_984"
      case 18: "PROGRAM_884_U84"
      case 19: "RESET_COMM_LINK_884_U84"
      case 40: "PROGRAM_CONCEPT"
      case 125: "FIRMWARE_REPLACEMENT"
      case 126: "PROGRAM_584_984_2"
      case 127: "REPORT_LOCAL_ADDRESS"
      default: "unknown-\(code)"
      }
    }
  }

  /// The operation class; legacy programming codes and UMAS are `program` because they change the controller.
  var operationClass: OperationClass {
    switch self {
    case .readCoils, .readDiscreteInputs, .readHoldingRegisters, .readInputRegisters, .readFIFOQueue: .read
    case .writeSingleCoil, .writeSingleRegister, .writeMultipleCoils, .writeMultipleRegisters, .maskWriteRegister,
      .readWriteMultipleRegisters:
      .write
    case .readExceptionStatus, .diagnostics, .getCommEventCounter, .getCommEventLog, .reportServerID: .diagnostics
    case .readFileRecord, .writeFileRecord: .fileTransfer
    case .encapsulatedInterfaceTransport: .discovery
    case .umas: .program
    case .other(let code):
      switch code {
      case 9, 13, 18, 40, 125, 126: .program
      case 10, 14, 127: .diagnostics
      case 19: .control
      default: .other
      }
    }
  }
}
