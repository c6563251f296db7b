import CostModel
import FileIO
import Foundation
import TestSupport
import Testing

/// The batch hand-off between the parsing thread and the consumer.
@Suite struct CSVStreamTests {
    /// What a record preparer writes on the parsing thread reaches the consumer with its own
    /// record, in order, across many batches, for both ways of splitting; records it writes
    /// nothing for get nothing.
    @Test(arguments: [true, false])
    func preparedBytesArriveWithTheirRecord(plainLines: Bool) throws {
        let dir = TempDir()
        var text = "\"h\",\"n\"\n"
        for i in 0..<60_000 { text += i % 3 == 0 ? "\"q\(i)\",\(i)\n" : "p\(i),\(i)\n" }
        let path = dir.write("p.csv", text)
        let stream = try CSVStream(path: path, hints: .generic)
        stream.splitsPlainLines = plainLines
        var prepared = 0
        var seen = 0
        try stream.forEachRecord(
            prepare: { record, out in
                prepared += 1
                // Every other record: its second field and line, as the consumer should get them.
                if prepared % 2 == 0 { out += Array("\(record.string(1))@\(record.line)".utf8) }
            },
            { record, extra in
                seen += 1
                let expected = seen % 2 == 0 ? "\(record.string(1))@\(record.line)" : ""
                #expect(String(decoding: extra, as: UTF8.self) == expected, "record \(seen)")
            })
        #expect(seen == 60_001 && prepared == seen)
    }
}
