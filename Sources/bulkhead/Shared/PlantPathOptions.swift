import ArgumentParser

/// `--allow-outside DIR`: the one way to let a model's paths (configs, inventory, captures) point outside the plant
/// directory, for commands that load a model.
struct PlantPathOptions: ParsableArguments {
  @Option(
    name: .customLong("allow-outside"),
    help: ArgumentHelp(
      "Also read model paths (configs, inventory, captures) that resolve into this directory (repeatable).",
      discussion: "Without it, a path that resolves outside the plant directory is an error and is not read.",
      valueName: "dir"))
  var allowOutside: [String] = []
}
