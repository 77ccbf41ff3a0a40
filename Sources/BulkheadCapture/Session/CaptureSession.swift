import BulkheadModel

/// Reads capture files through link, IP and transport decoding into the flow table, and hands in-order payload to an
/// attached ``FlowPayloadConsumer``.
///
/// Several files read into one session form one continuous capture (a capture split by size or time). A session is
/// used from one thread; read independent files in parallel with one session each.
///
/// ```swift
/// let session = CaptureSession(consumer: myDissectors)
/// session.read(file: "plant.pcapng")
/// let report = session.finish()
/// ```
public final class CaptureSession {
  /// The settings.
  public let options: CaptureOptions
  /// The payload consumer, if any (set before the first read).
  public let consumer: (any FlowPayloadConsumer)?
  /// Called with every finished flow as it is emitted (in addition to collecting, unless
  /// ``CaptureOptions/collectFlows`` is off).
  public var onFlowEnd: ((FlowRecord) -> Void)?
  /// Called now and then while reading a file with (bytes done, file size); for progress displays.
  public var onProgress: ((Int, Int) -> Void)?

  /// Creates a session.
  public init(options: CaptureOptions = CaptureOptions(), consumer: (any FlowPayloadConsumer)? = nil) {
    self.options = options
    self.consumer = consumer
  }

  /// Reads one capture file (format from its magic bytes); problems become diagnostics, never errors.
  public func read(file path: String) {}

  /// Reads a capture held in memory (`name` is used in diagnostics); the bytes must stay valid during the call.
  public func read(bytes: UnsafeRawBufferPointer, name: String) {}

  /// Finishes every live flow (reason `.captureEnd`) and returns the report; the session is spent afterwards.
  public func finish() -> CaptureReport { CaptureReport() }

  /// Reads `files` in order into one session and returns its report.
  public static func run(
    files: [String], options: CaptureOptions = CaptureOptions(), consumer: (any FlowPayloadConsumer)? = nil
  ) -> CaptureReport {
    let session = CaptureSession(options: options, consumer: consumer)
    for file in files { session.read(file: file) }
    return session.finish()
  }
}
