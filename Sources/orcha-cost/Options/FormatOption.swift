import ArgumentParser
import Reporting

extension OutputFormat: ExpressibleByArgument {}

/// A command with a `--format` option: it declares the formats it writes, and `validate()` calls
/// ``validateFormat()``.
protocol FormattedCommand: ParsableCommand {
    /// The formats the command writes, the default first.
    static var formats: [OutputFormat] { get }
    var format: OutputFormat { get }
}

extension FormattedCommand {
    /// `--format`'s help: the formats this command writes.
    static var formatHelp: ArgumentHelp { ArgumentHelp(OutputFormat.list(formats) + ".") }

    func validateFormat() throws {
        guard Self.formats.contains(format) else {
            throw ValidationError(
                "\(Self.configuration.commandName ?? "this command") supports --format \(OutputFormat.list(Self.formats))")
        }
    }
}
