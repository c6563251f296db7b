import CostModel
import Testing

/// Quantity and Money arithmetic never traps: results beyond the limits are the sticky
/// overflow values the engine reports as input errors.
@Suite struct LimitsTests {
    @Test func quantityProductBeyondTheLargestIsOverflow() {
        let count = Quantity(9_000_000_000_000)
        #expect(!count.isOverflow)
        #expect((count * Quantity(730)).isOverflow)
        // Just inside: 12,328,767,123 instances × 730 h = 8,999,999,999,790 h.
        #expect((Quantity(12_328_767_123) * Quantity(730)).millionths == 8_999_999_999_790_000_000)
        #expect((Quantity(12_328_767_124) * Quantity(730)).isOverflow)
    }

    @Test func sumsDifferencesAndQuotientsAreChecked() {
        let largest = Quantity.largest
        #expect((largest + Quantity(millionths: 1)).isOverflow)
        #expect((largest + .zero) == largest)
        #expect((Quantity.zero - largest).millionths == -9_000_000_000_000_000_000)
        #expect((Quantity.zero - largest - Quantity(millionths: 1)).isOverflow)
        #expect((Quantity(5) / .zero).isOverflow)
        #expect((largest / Quantity(millionths: 500_000)).isOverflow)  // ÷ 0.5
        #expect(Quantity(7) / Quantity(2) == Quantity(millionths: 3_500_000))
        #expect(Quantity(9_000_000_000_001).isOverflow)
        #expect(Quantity(-9_000_000_000_001).isOverflow)
    }

    @Test func overflowIsSticky() {
        let o = Quantity.overflow
        #expect((o - Quantity(1_000)).isOverflow)
        #expect((o * .zero).isOverflow)
        #expect((Quantity(1) / o).isOverflow)
        #expect((o + Quantity(1)).isOverflow)
    }

    @Test func moneyCostBeyondInt64IsOverflowNotATrap() {
        // 9e12 units at 900,000,000 USD each: 8.1e21 USD, beyond Int64 micros.
        let price = FixedDecimal(scaled: 900_000_000 * FixedDecimal.one)
        #expect(Money.cost(quantity: .largest, unitPrice: price) == .overflow)
        #expect(Money.cost(quantity: .overflow, unitPrice: FixedDecimal(scaled: 1)) == .overflow)
        // 1,000 units at 0.0384: 38.40 USD, exactly.
        #expect(Money.cost(quantity: Quantity(1_000), unitPrice: FixedDecimal(scaled: 384_000_000)).micros == 38_400_000)
        #expect(Money.overflow.roundedToCents == .overflow)
        #expect(Money(micros: 900_000_000_004_999).roundedToCents.micros == 900_000_000_000_000)
        #expect(Money(micros: 900_000_000_000_001).exceedsLargest)
        #expect(!Money.largest.exceedsLargest)
    }
}
