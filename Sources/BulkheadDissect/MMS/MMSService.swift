import BulkheadModel

/// MMS services (ISO 9506-2 §7, ConfirmedServiceRequest and UnconfirmedService CHOICE tags) and the PDUs around
/// them, with the operation class each one is to a device.
enum MMSService {
  /// Unconfirmed services: 0x100 | tag (informationReport 0, unsolicitedStatus 1, eventNotification 2).
  static let unconfirmedBase: UInt32 = 0x100
  /// PDUs that are not a service: 0x200 | MMSpdu tag.
  static let confirmedError: UInt32 = 0x202
  static let reject: UInt32 = 0x204
  static let cancel: UInt32 = 0x205
  static let initiate: UInt32 = 0x208
  static let conclude: UInt32 = 0x20B
  /// ACSE release (RLRQ/RLRE) and abort, session refuse/abort.
  static let release: UInt32 = 0x302
  static let associationAbort: UInt32 = 0x304
  static let sessionAbort: UInt32 = 0x319
  /// The identify service (its response names vendor, model and revision).
  static let identify: UInt32 = 2

  /// ConfirmedServiceRequest tags 0...77 (ISO 9506-2:2003 §7.2; 72...77 are the file services of ISO 9506-2 Annex C).
  private static let confirmed: [(String, OperationClass)] = [
    ("status", .diagnostics), ("getNameList", .discovery), ("identify", .discovery), ("rename", .write),
    ("read", .read), ("write", .write), ("getVariableAccessAttributes", .discovery), ("defineNamedVariable", .write),
    ("defineScatteredAccess", .write), ("getScatteredAccessAttributes", .discovery), ("deleteVariableAccess", .write),
    ("defineNamedVariableList", .write), ("getNamedVariableListAttributes", .discovery),
    ("deleteNamedVariableList", .write), ("defineNamedType", .write), ("getNamedTypeAttributes", .discovery),
    ("deleteNamedType", .write), ("input", .read), ("output", .control), ("takeControl", .control),
    ("relinquishControl", .control), ("defineSemaphore", .control), ("deleteSemaphore", .control),
    ("reportSemaphoreStatus", .diagnostics), ("reportPoolSemaphoreStatus", .diagnostics),
    ("reportSemaphoreEntryStatus", .diagnostics), ("initiateDownloadSequence", .program),
    ("downloadSegment", .program), ("terminateDownloadSequence", .program), ("initiateUploadSequence", .program),
    ("uploadSegment", .program), ("terminateUploadSequence", .program), ("requestDomainDownload", .program),
    ("requestDomainUpload", .program), ("loadDomainContent", .program), ("storeDomainContent", .program),
    ("deleteDomain", .program), ("getDomainAttributes", .discovery), ("createProgramInvocation", .program),
    ("deleteProgramInvocation", .program), ("start", .control), ("stop", .control), ("resume", .control),
    ("reset", .control), ("kill", .control), ("getProgramInvocationAttributes", .discovery),
    ("obtainFile", .fileTransfer), ("defineEventCondition", .write), ("deleteEventCondition", .write),
    ("getEventConditionAttributes", .discovery), ("reportEventConditionStatus", .diagnostics),
    ("alterEventConditionMonitoring", .write), ("triggerEvent", .control), ("defineEventAction", .write),
    ("deleteEventAction", .write), ("getEventActionAttributes", .discovery), ("reportEventActionStatus", .diagnostics),
    ("defineEventEnrollment", .write), ("deleteEventEnrollment", .write), ("alterEventEnrollment", .write),
    ("reportEventEnrollmentStatus", .diagnostics), ("getEventEnrollmentAttributes", .discovery),
    ("acknowledgeEventNotification", .other), ("getAlarmSummary", .diagnostics),
    ("getAlarmEnrollmentSummary", .diagnostics), ("readJournal", .read), ("writeJournal", .write),
    ("initializeJournal", .write), ("reportJournalStatus", .diagnostics), ("createJournal", .write),
    ("deleteJournal", .write), ("getCapabilityList", .discovery), ("fileOpen", .fileTransfer),
    ("fileRead", .fileTransfer), ("fileClose", .fileTransfer), ("fileRename", .fileTransfer),
    ("fileDelete", .fileTransfer), ("fileDirectory", .fileTransfer),
  ]

  /// Name and class of a tally code.
  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    if code < unconfirmedBase {
      return code < confirmed.count ? confirmed[Int(code)] : ("unknown-\(code)", .other)
    }
    switch code {
    // Information reports push process values (IEC 61850-8-1 §17: reports), as a read would fetch them.
    case unconfirmedBase: return ("informationReport", .read)
    case unconfirmedBase | 1: return ("unsolicitedStatus", .diagnostics)
    case unconfirmedBase | 2: return ("eventNotification", .diagnostics)
    case confirmedError: return ("confirmed-error", .other)
    case reject: return ("reject", .other)
    case cancel: return ("cancel", .other)
    case initiate: return ("initiate", .other)
    case conclude: return ("conclude", .other)
    case release: return ("release", .other)
    case associationAbort: return ("abort", .other)
    case sessionAbort: return ("session-abort", .other)
    default: return ("unknown-\(code)", .other)
    }
  }
}
