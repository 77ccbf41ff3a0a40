import BulkheadFirewall
import BulkheadModel

/// Why a what-if comparison could not be made at all (a proposed config that can be read but not parsed is not one
/// of these: it is a diagnostic of the proposed side, and the paths through it are unknown).
public enum WhatIfError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No enforcement point of the model has this id.
  case unknownEnforcementPoint(String, known: [String])
  /// Two proposed configs for the same enforcement point.
  case repeatedEnforcementPoint(String)
  /// The proposed file cannot be read (missing, or not a regular file), with why.
  case unreadableConfig(path: String, reason: String)
  /// No proposed config was given: there is nothing to compare.
  case nothingProposed
  /// The exact packet-space difference needs more memory than its budget (refused, never approximated).
  case overBudget(memoryLimit: Int)

  public var description: String {
    switch self {
    case .unknownEnforcementPoint(let id, let known):
      "no enforcement point '\(id)' in the model (enforcement points: \(known.joined(separator: ", ")))"
    case .repeatedEnforcementPoint(let id): "enforcement point '\(id)' is given two proposed configs"
    case .unreadableConfig(let path, let reason): "\(path): \(reason)"
    case .nothingProposed: "no proposed config: give at least one FW=FILE"
    case .overBudget(let limit):
      "the exact difference needs more than \(limit >> 20) MB for its diagrams; refused rather than approximated"
    }
  }
}
