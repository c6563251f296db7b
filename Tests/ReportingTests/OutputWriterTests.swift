import CostModel
import Foundation
import Reporting
import TestSupport
import Testing

/// The one JSON writer and the CSV writer: layout rules, escaping, money, numbers, chunked output.
@Suite struct OutputWriterTests {
    @Test func blockAndInlineLayout() {
        let doc = JSONWriter.document(
            .object(
                [
                    ("name", .string("a \"b\"\n\\c\u{1}")),
                    ("cost", .money(Money(micros: -1_504_999))),
                    ("flags", .object([("on", .bool(true)), ("off", .null)], .inline)),
                    ("empty_block", .array([], .block)),
                    ("empty_inline", .object([], .inline)),
                    ("items", .array([.object([("n", .int(-12)), ("tags", .strings(["x", "y"]))], .block)], .block)),
                    ("rows", .array([.object([("deep", .array([.int(1), .int(2)], .block))], .inline)], .block)),
                ], .block))
        #expect(
            doc == """
                {
                  "name": "a \\"b\\"\\n\\\\c\\u0001",
                  "cost": "-1.50",
                  "flags": {"on": true, "off": null},
                  "empty_block": [],
                  "empty_inline": {},
                  "items": [
                    {
                      "n": -12,
                      "tags": ["x", "y"]
                    }
                  ],
                  "rows": [
                    {"deep": [1, 2]}
                  ]
                }

                """)
    }

    @Test func moneyIsFormattedAsMoneyFormats() {
        for micros: Int64 in [0, 4_999, 5_000, -4_999, -5_000, 28_034_999, 1_000_000_000_000_000, -99_995_000, .max, .min + 1] {
            var out = OutputBuffer()
            out.append(money: Money(micros: micros))
            #expect(out.text == Money(micros: micros).formatted(decimals: 2), "\(micros)")
        }
    }

    @Test func quantitiesAndDecimalsAreWrittenAsTheirDescriptions() {
        for millionths: Int64 in [0, 1, 10, 500_000, 730_000_000, 1_234_567, 100_000_000_000_000, 9_000_000_000_000_000_000] {
            var out = OutputBuffer()
            out.append(quantity: Quantity(millionths: millionths))
            #expect(out.text == Quantity(millionths: millionths).description, "\(millionths)")
        }
        for scaled: Int64 in [0, 1, 384_000_000, 10_000_000_000, 9_000_000_000_000_000_000, 1_000_000_001] {
            var out = OutputBuffer()
            out.append(decimal: FixedDecimal(scaled: scaled))
            #expect(out.text == FixedDecimal(scaled: scaled).description, "\(scaled)")
        }
    }

    @Test func numbersAreNeverInfOrNaN() {
        #expect(JSONWriter.numberText(.infinity) == "null")
        #expect(JSONWriter.numberText(-.infinity) == "null")
        #expect(JSONWriter.numberText(.nan) == "null")
        #expect(JSONWriter.numberText(42) == "42")
        #expect(JSONWriter.numberText(-0.125) == "-0.12")
        #expect(JSONWriter.numberText(61.666) == "61.67")
        #expect(JSONWriter.document(.array([.number(.nan), .number(2.5)], .inline)) == "[null, 2.50]\n")
    }

    @Test func csvQuotesOnlyWhereNeeded() {
        var out = OutputBuffer()
        out.csv { w in
            w.row(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", ""])
            w.beginField()
            w.part("x")
            w.part(": ")
            w.part("y")
            w.endField()
            w.beginField()
            w.part("{")
            w.part(jsonString: "k")
            w.part(":")
            w.part(jsonString: "v,w")
            w.part("}")
            w.endField()
            w.field(money: Money(micros: 1_234_567))
            w.empty()
            w.endRow()
        }
        #expect(
            out.text
                == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\nlf\",\r\nx: y,\"{\"\"k\"\":\"\"v,w\"\"}\",1.23,\r\n")
    }

    /// Output bound to a file is written in chunks as it grows, and arrives whole.
    @Test func largeOutputArrivesWhole() throws {
        let dir = try TempDir()
        let path = dir.file("big.csv")
        var expected = ""
        for i in 0..<60_000 { expected += "row \(i),\"quoted, \(i)\"\r\n" }
        let written = try AtomicFile.write(to: path) { out in
            out.csv { w in
                for i in 0..<60_000 {
                    w.field("row \(i)")
                    w.field("quoted, \(i)")
                    w.endRow()
                }
            }
        }
        #expect(written == expected.utf8.count)
        #expect(written > 1 << 20)
        #expect(String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self) == expected)
    }
}
