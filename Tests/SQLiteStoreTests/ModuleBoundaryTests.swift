import Foundation
import Testing

/// The C libraries have one wrapper module each: nothing else in Sources/ imports them (libcurl
/// stays with the price-list downloader in Pricing, its only user).
@Suite struct ModuleBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// The module (folder under Sources/) that may import each C module.
    static let owners = ["CSQLite": "SQLiteStore", "CCSV": "FileIO", "CZlib": "FileIO", "CCurl": "Pricing"]

    /// `Module/File.swift: import CModule` for each import of a C module outside its owner.
    static func strayImports() throws -> [String] {
        var found: [String] = []
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        for file in files.sorted() where file.hasSuffix(".swift") {
            let module = String(file.prefix { $0 != "/" })
            let text = try String(contentsOfFile: sources.appendingPathComponent(file).path, encoding: .utf8)
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                let words = line.split(separator: " ")
                // `import X`, `@_implementationOnly import X`, `public import X`, `import struct X.Y`
                guard let at = words.firstIndex(of: "import"), at + 1 < words.count else { continue }
                let imported = words[words.index(after: at)...].last.map { String($0.prefix { $0 != "." }) } ?? ""
                if let owner = owners[imported], owner != module { found.append("\(file): \(line)") }
            }
        }
        return found
    }

    @Test func cModulesAreImportedOnlyByTheirWrapper() throws {
        for owner in Set(Self.owners.values) {
            #expect(FileManager.default.fileExists(atPath: Self.sources.appendingPathComponent(owner).path))
        }
        #expect(try Self.strayImports() == [])
    }
}
