import ArgumentParser

/// The formats `whatif` prints.
enum WhatIfFormat: String, CommandFormat {
  case text, json, markdown
}
