import ArgumentParser
import BulkheadFirewall
import BulkheadModel

/// What `trace` and `reach` evaluate: one firewall config (`--config FILE`), or the firewalls of a plant model.
struct FirewallInputOptions: ParsableArguments {
  @Argument(help: "Plant model directory or bulkhead.yaml (instead of --config).")
  var model: String?

  @Option(help: "Firewall configuration file (iptables-save, nft text or JSON, FortiOS …: see --vendor).")
  var config: String?

  @Option(
    help: ArgumentHelp(
      "Dialect: \(FirewallDialects.namesText), or auto (the default: detected from the content).",
      valueName: "name"))
  var vendor: FirewallVendor?

  @OptionGroup var paths: PlantPathOptions

  /// The loaded input.
  enum Input {
    /// One parsed config.
    case config(Ruleset)
    /// A plant model (its firewalls come from ``FirewallInputOptions/firewalls(of:)``).
    case plant(LoadedModel)
  }

  func validate() throws {
    if (model == nil) == (config == nil) {
      throw ValidationError("give a model directory or --config FILE (one of them)")
    }
  }

  /// Parses the config or loads the model; the config's diagnostics and the model's errors go to standard error,
  /// and an input that cannot be used at all is exit status 2.
  func load() throws -> Input {
    if let model {
      let loaded = try ModelInput.load(model, allowOutside: paths.allowOutside)
      Console.report(loaded.diagnostics.filter { $0.severity == .error })
      return .plant(loaded)
    }
    guard let config else { throw ExitCode.validationFailure }
    try InputFile.require(config)
    let result = FirewallParser.parse(contentsOf: config, vendor: vendor)
    Console.report(result.diagnostics)
    guard let ruleset = result.ruleset else { throw ExitCode(2) }
    return .config(ruleset)
  }

  /// The plant's firewalls in their topology; their warnings and errors go to standard error.
  func firewalls(of loaded: LoadedModel) -> PlantFirewalls {
    let firewalls = PlantFirewalls(plant: loaded.plant)
    Console.report(firewalls.diagnostics.filter { $0.severity != .note })
    return firewalls
  }
}

extension FirewallVendor: ExpressibleByArgument {}
