/// Every assessment rule, one line each; a test checks that every `*Rule` type is listed and every id is unique.
public enum RuleRegistry {
  /// The registered rules, in documentation order.
  public static let all: [any AssessmentRule.Type] = [
    DMZBypassRule.self,
    UndeclaredPermitRule.self,
    DeclaredButBlockedRule.self,
    ShadowConduitRule.self,
    ObservedNotPermittedRule.self,
    StaleRuleRule.self,
    AnyAnyRule.self,
    NoDefaultDenyRule.self,
    ShadowedRuleRule.self,
    ProtocolViolationRule.self,
    UnauthenticatedCrossZoneRule.self,
    UnknownAssetRule.self,
    DroppedAttemptRule.self,
    SilentAssetRule.self,
    SLGapRule.self,
  ]

  /// The rules' descriptions.
  public static var descriptions: [RuleDescription] { all.map { $0.description } }

  /// The rule type with this id.
  public static func rule(id: String) -> (any AssessmentRule.Type)? { all.first { $0.description.id == id } }
}
