import CostModel
import Pricing

extension Engine {
    /// One priced component of a phase at the expected values.
    struct ExactComponent {
        var price: PriceRef
        var region: String
        var quantity: Quantity
    }

    /// The components of a phase (tenants applied), at the expected value of every input.
    mutating func exactComponents(_ phase: ResolvedPhase, _ scenario: Scenario) -> [ExactComponent] {
        var out: [ExactComponent] = []
        for (resource, perTenant) in phase.resources.map({ ($0, false) }) + phase.perTenant.map({ ($0, true) }) {
            guard let rule = ServiceRules.rule(resource.type) else { continue }
            let input = evaluate(resource, rule, phase, scenario, .expected)
            for c in rule.components(input) {
                let q = perTenant ? c.quantity * phase.tenants.expected : c.quantity
                out.append(ExactComponent(price: c.price, region: input.region, quantity: q))
            }
        }
        return out
    }

    /// A phase's unrounded monthly cost in 10^-16 dollars.
    mutating func exactTotal(_ components: [ExactComponent]) throws -> Int128 {
        var total: Int128 = 0
        for c in components {
            switch c.price {
            case .fixed: total += Int128(c.quantity.millionths) * 10_000_000_000
            case .key(let key):
                guard let p = try price(key, c.region) else { continue }
                total += Engine.exactCost(c.quantity, p.tiers)
            }
        }
        return total
    }

    /// Solves cost(A, x) = cost(B, x) for x in the variation's range, exactly on the
    /// piecewise-linear costs (tiers included): the breakpoints of every tier are found, the
    /// difference is linear between them, and each root is computed in integers (to a
    /// millionth of the input's unit). Other overrides apply to both phases.
    /// One side of a break-even: a phase of a scenario file, with overrides of its own.
    public struct Side: Sendable {
        public var path: String
        public var phase: String
        public var overrides: Overrides

        public init(path: String, phase: String, overrides: Overrides) {
            self.path = path
            self.phase = phase
            self.overrides = overrides
        }
    }

    public mutating func breakEven(
        path: String, variation: Variation, between a: String, and b: String,
        overrides: Overrides
    ) throws -> BreakEven {
        let none = try Overrides([])
        return try breakEven(
            Side(path: path, phase: a, overrides: none), Side(path: path, phase: b, overrides: none), variation: variation,
            overrides: overrides)
    }

    /// Where side A and side B cost the same as `variation` varies: two phases, two scenarios,
    /// or one phase with two sets of options. `overrides` apply to both sides.
    public mutating func breakEven(_ sideA: Side, _ sideB: Side, variation: Variation, overrides: Overrides) throws -> BreakEven {
        var loaded: [(Scenario, [ResolvedPhase])] = []
        for side in [sideA, sideB] {
            let (scenario, phases) = try validate(path: side.path)
            if !phases.contains(where: { $0.id == side.phase }) {
                let guess = Spelling.didYouMean(side.phase, in: phases.map(\.id))
                throw UserError(message: "no phase '\(side.phase)' in \(side.path).\(guess)", status: .usage)
            }
            loaded.append((scenario, phases))
        }
        let a = sideA.phase
        let b = sideB.phase
        let lo = variation.values.first!
        let hi = variation.values.last!

        // Components of both sides at x, with the overrides and x applied.
        func side(_ i: Int, _ x: Quantity) throws -> [ExactComponent] {
            var (s, p) = loaded[i]
            var set = overrides
            set.assignments += (i == 0 ? sideA : sideB).overrides.assignments
            set.assignments.append((variation.key, x.description))
            try set.apply(to: &s, phases: &p)
            try check(s, p)
            let id = i == 0 ? a : b
            return exactComponents(p.first { $0.id == id }!, s)
        }
        func components(at x: Quantity) throws -> ([ExactComponent], [ExactComponent]) {
            (try side(0, x), try side(1, x))
        }
        func difference(at x: Quantity) throws -> (Int128, Int128) {
            let (ca, cb) = try components(at: x)
            return (try exactTotal(ca), try exactTotal(cb))
        }

        // Breakpoints: where any component's quantity crosses a tier boundary. Quantities are
        // linear in x (checked at the midpoint); the boundary's x follows by interpolation.
        let (aLo, bLo) = try components(at: lo)
        let (aHi, bHi) = try components(at: hi)
        let mid = Quantity(millionths: (lo.millionths + hi.millionths) / 2)
        let (aMid, bMid) = try components(at: mid)
        guard aLo.count == aHi.count, aLo.count == aMid.count, bLo.count == bHi.count, bLo.count == bMid.count else {
            throw UserError(
                message: "the phases' components change with '\(variation.key)' (e.g. a Spot share from 0)",
                hint: "narrow --vary so the same components are priced throughout, or use sweep", status: .dataError)
        }
        var breakpoints: Set<Int64> = [lo.millionths, hi.millionths]
        for (cLo, cMid, cHi) in zip3(aLo + bLo, aMid + bMid, aHi + bHi) {
            let expectedMid =
                (Int128(cLo.quantity.millionths) * Int128(hi.millionths - mid.millionths)
                    + Int128(cHi.quantity.millionths) * Int128(mid.millionths - lo.millionths))
                / Int128(hi.millionths - lo.millionths)
            if abs(expectedMid - Int128(cMid.quantity.millionths)) > 2 {
                throw UserError(
                    message: "the cost is not piecewise linear in '\(variation.key)' (component \(cLo.price))",
                    hint: "use orcha-cost sweep to look at it instead", status: .dataError)
            }
            guard cLo.quantity != cHi.quantity, let key = cLo.price.key, let p = try price(key, cLo.region) else { continue }
            for tier in p.tiers {
                for boundary in [tier.start] + (tier.end.map { [$0] } ?? []) {
                    let num = Int128(boundary.millionths - cLo.quantity.millionths) * Int128(hi.millionths - lo.millionths)
                    let den = Int128(cHi.quantity.millionths - cLo.quantity.millionths)
                    let x = Int128(lo.millionths) + num / den
                    if x > Int128(lo.millionths) && x < Int128(hi.millionths) { breakpoints.insert(Int64(x)) }
                }
            }
        }

        // Walk the linear pieces; find sign changes and zero intervals of f = A − B.
        let xs = breakpoints.sorted()
        var values: [(Int64, Int128, Int128)] = []
        for x in xs {
            let (ca, cb) = try difference(at: Quantity(millionths: x))
            values.append((x, ca, cb))
        }
        func cents(_ u: Int128) -> Money { Money.rounded(u, scale: 16, toCents: true) }
        var points: [BreakEven.Point] = []
        for i in 0..<(values.count - 1) {
            let (x1, a1, b1) = values[i]
            let (x2, a2, b2) = values[i + 1]
            let f1 = a1 - b1
            let f2 = a2 - b2
            if f1 == 0 && f2 == 0 {
                if case .equal? = points.last?.kind, points.last!.kind == .equal(end: Quantity(millionths: x1)) {
                    points[points.count - 1].kind = .equal(end: Quantity(millionths: x2))
                } else {
                    points.append(
                        .init(
                            value: Quantity(millionths: x1), kind: .equal(end: Quantity(millionths: x2)),
                            costA: cents(a1), costB: cents(b1)))
                }
                continue
            }
            if f1 == 0 {
                if i == 0 {
                    points.append(.init(value: Quantity(millionths: x1), kind: .crossing, costA: cents(a1), costB: cents(b1)))
                }
                continue
            }
            if f2 == 0 {
                points.append(.init(value: Quantity(millionths: x2), kind: .crossing, costA: cents(a2), costB: cents(b2)))
                continue
            }
            if (f1 < 0) != (f2 < 0) {
                // Linear between x1 and x2: x* = x1 + f1 · (x2 − x1) / (f1 − f2), rounded to a millionth.
                let num = f1 * Int128(x2 - x1)
                let den = f1 - f2
                var (q, r) = num.quotientAndRemainder(dividingBy: den)
                if r.magnitude * 2 >= den.magnitude { q += (num < 0) == (den < 0) ? 1 : -1 }
                let x = Quantity(millionths: x1 + Int64(q))
                let (ca, cb) = try difference(at: x)
                points.append(.init(value: x, kind: .crossing, costA: cents(ca), costB: cents(cb)))
            }
        }
        return BreakEven(
            key: variation.key, phaseA: a, phaseB: b, from: lo, to: hi, points: points,
            atFrom: (cents(values.first!.1), cents(values.first!.2)),
            atTo: (cents(values.last!.1), cents(values.last!.2)))
    }
}

func zip3<A, B, C>(_ a: [A], _ b: [B], _ c: [C]) -> [(A, B, C)] {
    (0..<min(a.count, b.count, c.count)).map { (a[$0], b[$0], c[$0]) }
}
