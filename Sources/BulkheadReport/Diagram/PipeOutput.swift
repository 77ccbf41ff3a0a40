import Foundation

/// The two pipes' contents, filled from two reader threads.
final class PipeOutput: @unchecked Sendable {
  private let lock = NSLock()
  private var outputData = Data()
  private var errorData = Data()

  var output: Data { lock.withLock { outputData } }
  var errors: Data { lock.withLock { errorData } }
  func setOutput(_ data: Data) { lock.withLock { outputData = data } }
  func setErrors(_ data: Data) { lock.withLock { errorData = data } }
}
