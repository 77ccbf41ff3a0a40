import BulkheadModel
import Crypto
import Foundation

/// The evidence appendix's file list: every input with its size and SHA-256, so an auditor can check that a
/// re-run reads the same bytes.
enum InputDigest {
  static func inputs(plant: Plant, captures: [String]) -> [InputFile] {
    var entries: [(String, InputFile.Kind)] = [(plant.modelFile, .model)]
    if let inventory = plant.inventoryPath { entries.append((inventory, .inventory)) }
    for point in plant.enforcementPoints { if let path = point.configPath { entries.append((path, .firewall)) } }
    for capture in captures { entries.append((capture, .capture)) }
    return entries.compactMap { path, kind in
      guard let data = FileManager.default.contents(atPath: path) else { return nil }
      let digest = SHA256.hash(data: data).map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
      }.joined()
      return InputFile(path: path, kind: kind, size: data.count, sha256: digest)
    }.sorted()
  }
}
