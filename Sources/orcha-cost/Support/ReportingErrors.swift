import ArgumentParser
import CostModel

/// Runs a command body, turning user errors into `path:line: error:` messages on stderr and the
/// documented exit status; anything unexpected is an internal error (70), never a stack trace.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as UserError {
        Terminal.stderr(error.description)
        throw ExitCode(error.status.rawValue)
    } catch let error as ExitCode {
        throw error
    } catch {
        Terminal.stderr("orcha-cost: internal error: \(error)")
        throw ExitCode(ExitStatus.software.rawValue)
    }
}
