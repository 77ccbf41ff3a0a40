import ArgumentParser
import BulkheadModel

/// `--today`: the day review-by dates, acceptances and expiries are judged on, with one help text and one error for
/// every command that judges dates.
struct DateOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Judge dates (review-by dates, acceptances) as of this day, YYYY-MM-DD (default: today, UTC).",
      valueName: "date"))
  var today: String?

  func validate() throws {
    if let today, CalendarDate(today) == nil {
      throw ValidationError("--today must be a date YYYY-MM-DD, got '\(today)'")
    }
  }

  /// The day to judge by: `--today`, or today (UTC).
  var day: CalendarDate { today.flatMap(CalendarDate.init) ?? .today() }
}
