import CostModel
import Testing

@Suite struct FixedDecimalTests {
    @Test(arguments: [
        ("0.0384", Int64(384_000_000)), ("0.0000004000", 4_000), ("5", 50_000_000_000), ("112", 1_120_000_000_000),
        ("0.1330000000", 1_330_000_000), ("10.9760000000", 109_760_000_000), ("0.00000000005000", 0),
    ])
    func parsesExactly(text: String, scaled: Int64) throws {
        if text == "0.00000000005000" {
            #expect(FixedDecimal.parse(text) == .failure(.tooPrecise))
        } else {
            #expect(try FixedDecimal.parse(text).get().scaled == scaled)
        }
    }

    @Test(arguments: ["", "abc", "1e-4", "-1", "1.2.3", "0.5 ", " 0.5", "$0.05", "1,000", ".", "0x10"])
    func rejectsGarbage(text: String) {
        if case .success = FixedDecimal.parse(text) { Issue.record("accepted \(text)") }
    }

    @Test func printsShortestForm() throws {
        #expect(try FixedDecimal.parse("0.0000004000").get().description == "0.0000004")
        #expect(try FixedDecimal.parse("36").get().description == "36")
        #expect(try FixedDecimal.parse("0.0500").get().description == "0.05")
    }

    @Test func rejectsHugeNumbers() {
        #expect(FixedDecimal.parse("1000000000") == .failure(.tooLarge))
    }
}

@Suite struct MoneyTests {
    @Test func monthOfT4gMediumInFrankfurt() throws {
        // 730 h × $0.0384 = $28.032: the seed says "~$30".
        let cost = Money.cost(quantity: Quantity(730), unitPrice: try FixedDecimal.parse("0.0384").get())
        #expect(cost.micros == 28_032_000)
        #expect(cost.formatted() == "28.03")
    }

    @Test func interfaceEndpointTwoAZs() throws {
        let cost = Money.cost(quantity: Quantity(1460), unitPrice: try FixedDecimal.parse("0.012").get())
        #expect(cost.formatted() == "17.52")
    }

    @Test func roundsHalfAwayFromZeroOncePerLine() throws {
        // 3 requests × $0.0000004 = $0.0000012 → 1 micro-dollar.
        let c = Money.cost(quantity: Quantity(3), unitPrice: try FixedDecimal.parse("0.0000004").get())
        #expect(c.micros == 1)
        let half = Money.cost(quantity: try Quantity.parse("0.5").get(), unitPrice: try FixedDecimal.parse("0.000003").get())
        #expect(half.micros == 2)  // 1.5 micros rounds up
    }

    @Test func hugeRequestCountsDoNotOverflow() throws {
        let c = Money.cost(quantity: Quantity(100_000_000_000), unitPrice: try FixedDecimal.parse("0.0000004").get())
        #expect(c.formatted() == "40000.00")
    }

    /// One rounding rule for every amount: half away from zero, straight to the step asked for.
    @Test func roundingIsHalfAwayFromZeroAndOnce() {
        // 10^-10 USD (bill amounts) to micros.
        #expect(Money.rounded(12_345, scale: 10) == Money(micros: 1))  // 1.2345 micros
        #expect(Money.rounded(15_000, scale: 10) == Money(micros: 2))
        #expect(Money.rounded(-15_000, scale: 10) == Money(micros: -2))
        #expect(Money.rounded(-14_999, scale: 10) == Money(micros: -1))
        // 10^-16 USD (tiered costs) to cents: 0.0049996 USD is 0.00, not 0.005000 and then 0.01.
        #expect(Money.rounded(49_996_000_000_000, scale: 16, toCents: true) == .zero)
        #expect(Money.rounded(50_000_000_000_000, scale: 16, toCents: true) == Money(micros: 10_000))
        #expect(Money.rounded(-50_000_000_000_000, scale: 16, toCents: true) == Money(micros: -10_000))
        #expect(Money(micros: 1_234_567).roundedToCents == Money(micros: 1_230_000))
        #expect(Money(micros: -1_235_000).roundedToCents == Money(micros: -1_240_000))
        // Beyond Int64: overflow, never a trap.
        #expect(Money.rounded(Int128(Int64.max) * 100, scale: 6) == .overflow)
        #expect(Money.overflow.roundedToCents == .overflow)
        #expect(Money(micros: .min).roundedToCents == .overflow)
    }

    @Test func formatting() {
        #expect(Money(micros: -1_505_000).formatted() == "-1.51")
        #expect(Money(micros: 4_999).formatted() == "0.00")
        #expect(Money(micros: 28_032_000).exactString == "28.032")
        #expect(Money(micros: 5_000_000).exactString == "5.00")
    }
}

@Suite struct QuantityTests {
    @Test func parses() throws {
        #expect(try Quantity.parse("100000000000").get() == Quantity(100_000_000_000))
        #expect(try Quantity.parse("0.25").get().millionths == 250_000)
        #expect(Quantity.parse("1e3") == .failure(.notANumber))
        #expect(Quantity.parse("0.0000001") == .failure(.tooPrecise))
        #expect(Quantity(millionths: 1_500_000).description == "1.5")
    }
}

@Suite struct SpellingTests {
    @Test func suggestsCloseWords() {
        #expect(Spelling.closest(to: "GB-Month", in: ["GB-month", "GB", "hour"]) == "GB-month")
        #expect(Spelling.closest(to: "hours", in: ["GB-month", "GB", "hour"]) == "hour")
        #expect(Spelling.closest(to: "zzzzzz", in: ["GB-month", "hour"]) == nil)
    }
}

/// One reader of calendar days for every file: real dates only.
@Suite struct CivilDateTests {
    @Test(arguments: [
        "2026-02-31", "2023-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "26-01-01", "2026/01/01",
    ])
    func refusesWhatIsNotADay(_ text: String) {
        #expect(CivilDate(parsing: text) == nil)
    }

    @Test func readsRealDaysAndCountsFromTheEpoch() throws {
        let leap = try #require(CivilDate(parsing: "2024-02-29"))
        #expect(leap.description == "2024-02-29")
        #expect(CivilDate(parsing: "1970-01-01")?.daysSinceEpoch == 0)
        #expect(CivilDate(parsing: "2006-01-01")?.daysSinceEpoch == 13_149)  // 1_136_073_600 / 86_400
        #expect(CivilDate(parsing: "1969-12-31")?.daysSinceEpoch == -1)
        for days: Int64 in [-719_468, -1, 0, 13_149, 20_792, 2_932_896] {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(CivilDate(parsing: date.description)?.daysSinceEpoch == days, "\(date)")
        }
        // A timestamp's date prefix: what follows the ten bytes is the caller's to read.
        let stamp = Array("2027-03-04T10:00:00Z".utf8)
        #expect(stamp.withUnsafeBytes { CivilDate(prefixOf: $0) } == CivilDate(year: 2027, month: 3, day: 4))
        #expect(CivilDate(parsing: "2027-03-04T") == nil)
    }
}
