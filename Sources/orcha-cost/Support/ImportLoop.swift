import ArgumentParser
import CostModel

/// Imports each file with `body`, one after the other, going on after a file that fails: its
/// error and "nothing imported from this file; the `store` is unchanged by it" go to stderr.
/// Then exits with the worst status of the failures (a missing file among files that exist
/// counts as bad input, 65, not 66), or returns when every file was imported.
func importEach(_ files: [String], store: String, _ body: (String) throws -> Void) throws {
    var failures: [UserError] = []
    for file in files {
        do {
            try body(file)
        } catch let error as UserError {
            Terminal.stderr(error.description)
            Terminal.stderr("\(file): nothing imported from this file; the \(store) is unchanged by it")
            failures.append(error)
        }
    }
    if let worst = failures.map(\.status.rawValue).max() {
        throw ExitCode(
            worst == ExitStatus.noInput.rawValue && failures.count < files.count ? ExitStatus.dataError.rawValue : worst)
    }
}
