import Testing

@testable import BulkheadCapture

/// The flow table's speed depends on a flow's hot state filling exactly two cache lines.
@Suite struct FlowStateLayoutTests {
  @Test func hotStateIsTwoCacheLines() {
    #expect(MemoryLayout<FlowState>.size <= 128)
    #expect(MemoryLayout<FlowState>.stride == 128)
    #expect(MemoryLayout<FlowState>.offset(of: \FlowState.packetsA) == 64)
  }
}
