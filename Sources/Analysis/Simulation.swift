import CostModel
import Dispatch
import Pricing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// xoshiro256**: fast, seedable, the same stream on every machine.
struct Xoshiro256 {
    var s: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitmix(), splitmix(), splitmix(), splitmix())
    }

    @inline(__always) mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }

    /// Uniform in [0, 1).
    @inline(__always) mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

/// An uncertain input: a usage input with a range, a parameter written as a range, or tenants.
struct Variable {
    var label: String
    var low: Double
    var high: Double
    var expected: Double
    var distribution: Distribution

    @inline(__always) func draw(_ rng: inout Xoshiro256) -> Double {
        let u = rng.unit()
        switch distribution {
        case .uniform:
            return low + u * (high - low)
        case .triangular(let mode):
            let c = Double(mode.millionths) / 1e6
            let f = (c - low) / (high - low)
            return u < f
                ? low + (u * (high - low) * (c - low)).squareRoot() : high - ((1 - u) * (high - low) * (high - c)).squareRoot()
        case .lognormal(let p50, let p90):
            let mu = log(Double(p50.millionths) / 1e6)
            let sigma = (log(Double(p90.millionths) / 1e6) - mu) / 1.2815515655446004
            let u2 = rng.unit()
            let z = (-2 * log(1 - u)).squareRoot() * cos(2 * Double.pi * u2)
            return min(high, max(low, exp(mu + sigma * z)))
        }
    }
}

/// One priced component as a function of at most two variables:
/// q = c + Σ aᵢ·(xᵢ − eᵢ) + d·(xₐ − eₐ)(x_b − e_b), priced with its tiers in doubles.
struct Term: Hashable {
    var tiers: [Double]  // start, end (inf for open), price, start, end, price, ...
    var fixed: Bool
    var c: Double
    var linear: [Int]  // variable indices
    var coefficients: [Double]
    var interaction: Double

    @inline(__always) func cost(_ x: UnsafeBufferPointer<Double>, _ e: UnsafeBufferPointer<Double>) -> Double {
        var q = c
        for k in 0..<linear.count { q += coefficients[k] * (x[linear[k]] - e[linear[k]]) }
        if interaction != 0 { q += interaction * (x[linear[0]] - e[linear[0]]) * (x[linear[1]] - e[linear[1]]) }
        if q <= 0 { return 0 }
        if fixed { return q }
        var total = 0.0
        var i = 0
        while i < tiers.count {
            let start = tiers[i]
            let end = tiers[i + 1]
            let price = tiers[i + 2]
            if q > start { total += (min(q, end) - start) * price }
            i += 3
        }
        return total
    }
}

extension Engine {
    /// Monte Carlo over every uncertain input: P10/P50/P90 and mean per phase, and the inputs
    /// whose low-to-high swing moves each phase most. Deterministic for a seed, whatever the
    /// number of threads: each block of samples has its own random stream and slot.
    public mutating func simulate(path: String, samples: Int, seed: UInt64, overrides: Overrides) throws -> SimulationResult {
        var (scenario, phases) = try validate(path: path)
        try overrides.apply(to: &scenario, phases: &phases)
        try check(scenario, phases)
        let plan = try price(scenario, phases)
        let declared = Dictionary(uniqueKeysWithValues: scenario.usage.map { ($0.name, $0) })

        // Variables, by where their number comes from.
        var variables: [Variable] = []
        var index: [String: Int] = [:]
        func variable(_ id: String, _ label: String, _ e: Estimate, _ d: Distribution) -> Int {
            if let i = index[id] { return i }
            index[id] = variables.count
            variables.append(
                Variable(
                    label: label, low: Double(e.low.millionths) / 1e6, high: Double(e.high.millionths) / 1e6,
                    expected: Double(e.expected.millionths) / 1e6, distribution: d))
            return variables.count - 1
        }
        func id(_ resource: ResourceSpec, _ e: Estimate, _ source: NumberSource) -> (String, String, Distribution) {
            switch source {
            case .usage(let name):
                let d = declared[name].flatMap { $0.value == e ? $0.distribution : nil } ?? .uniform
                return ("usage \(name) \(e)", "$" + name, d)
            case .parameter(let p): return ("param \(resource.id).\(p) \(e)", "\(resource.id).\(p)", .uniform)
            }
        }

        var terms: [Term] = []
        var termIndex: [Term: Int] = [:]
        var phaseTerms: [[Int]] = []
        for phase in phases {
            var list: [Int] = []
            for (resource, perTenant) in phase.resources.map({ ($0, false) }) + phase.perTenant.map({ ($0, true) }) {
                guard let rule = ServiceRules.rule(resource.type) else { continue }
                // The variables this resource depends on.
                var vars: [Int] = []
                _ = evaluate(resource, rule, phase, scenario) { e, source in
                    if e.isRange {
                        let (vid, label, d) = id(resource, e, source)
                        let v = variable(vid, label, e, d)
                        if !vars.contains(v) { vars.append(v) }
                    }
                    return e.expected
                }
                if perTenant && phase.tenants.isRange {
                    let v = variable("tenants \(phase.tenants)", "tenants", phase.tenants, .uniform)
                    if !vars.contains(v) { vars.append(v) }
                }
                if vars.count > 2 {
                    throw UserError(
                        [
                            resource.location.diagnostic(
                                "resource '\(resource.id)' depends on \(vars.count) uncertain inputs; simulate handles at most 2 per resource",
                                hint: "give some of them single values with --set")
                        ], status: .dataError)
                }
                // Component quantities with chosen values for the resource's variables.
                func quantities(_ values: [Int: Double]) -> ([PriceComponent], String) {
                    let input = evaluate(resource, rule, phase, scenario) { e, source in
                        guard e.isRange, let v = index[id(resource, e, source).0], let x = values[v] else { return e.expected }
                        return Quantity(millionths: Int64((x * 1e6).rounded()))
                    }
                    var comps = rule.components(input)
                    if perTenant {
                        let tv = index["tenants \(phase.tenants)"]
                        let n =
                            tv.flatMap { values[$0] }.map { Quantity(millionths: Int64(($0 * 1e6).rounded())) }
                            ?? phase.tenants.expected
                        comps = comps.map {
                            var c = $0
                            c.quantity = c.quantity * n
                            return c
                        }
                    }
                    return (comps, input.region)
                }
                let (base, region) = quantities([:])
                var probes: [[Int: Double]] = []
                for v in vars { probes += [[v: variables[v].low], [v: variables[v].high]] }
                if vars.count == 2 {
                    probes.append([vars[0]: variables[vars[0]].high, vars[1]: variables[vars[1]].high])
                }
                let probed = probes.map { quantities($0).0 }
                for (i, component) in base.enumerated() {
                    func q(_ comps: [PriceComponent]) -> Double {
                        i < comps.count ? Double(comps[i].quantity.millionths) / 1e6 : .nan
                    }
                    var coefficients: [Double] = []
                    for (k, v) in vars.enumerated() {
                        let span = variables[v].high - variables[v].low
                        coefficients.append(span > 0 ? (q(probed[2 * k + 1]) - q(probed[2 * k])) / span : 0)
                    }
                    var interaction = 0.0
                    if vars.count == 2 {
                        let a = variables[vars[0]]
                        let b = variables[vars[1]]
                        let predicted =
                            q(base) + coefficients[0] * (a.high - a.expected) + coefficients[1] * (b.high - b.expected)
                        let denom = (a.high - a.expected) * (b.high - b.expected)
                        if denom != 0 { interaction = (q(probed[4]) - predicted) / denom }
                    }
                    if probed.contains(where: { $0.count != base.count }) || coefficients.contains(where: \.isNaN) {
                        throw UserError(
                            [
                                resource.location.diagnostic(
                                    "the components of '\(resource.id)' change with its uncertain inputs",
                                    hint: "simulate needs the same components throughout the range")
                            ],
                            status: .dataError)
                    }
                    var tiers: [Double] = []
                    let fixed = component.price == .fixed
                    if case .key(let key) = component.price {
                        guard let p = try price(key, region) else { continue }
                        for t in p.tiers {
                            tiers += [
                                Double(t.start.millionths) / 1e6, t.end.map { Double($0.millionths) / 1e6 } ?? .infinity,
                                Double(t.price.scaled) / 1e10,
                            ]
                        }
                    }
                    let term = Term(
                        tiers: tiers, fixed: fixed, c: q(base), linear: vars, coefficients: coefficients,
                        interaction: interaction)
                    if term.c == 0 && coefficients.allSatisfy({ $0 == 0 }) { continue }
                    if let existing = termIndex[term] {
                        list.append(existing)
                    } else {
                        termIndex[term] = terms.count
                        list.append(terms.count)
                        terms.append(term)
                    }
                }
            }
            phaseTerms.append(list)
        }

        // Sampling: blocks of 16384 samples, each with its own stream, spread over the cores.
        let phaseCount = phases.count
        let block = 16_384
        let blocks = (samples + block - 1) / block
        let results = UnsafeMutableBufferPointer<Double>.allocate(capacity: samples * phaseCount)
        defer { results.deallocate() }
        let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: blocks * phaseCount)
        defer { sums.deallocate() }
        let expected = variables.map(\.expected)
        let vars = variables
        let allTerms = terms
        let byPhase = phaseTerms
        nonisolated(unsafe) let out = results
        nonisolated(unsafe) let blockSums = sums
        DispatchQueue.concurrentPerform(iterations: blocks) { b in
            var rng = Xoshiro256(seed: seed &+ UInt64(b) &* 0x9E37_79B9_7F4A_7C15)
            var x = expected
            var termCost = [Double](repeating: 0, count: allTerms.count)
            var local = [Double](repeating: 0, count: phaseCount)
            expected.withUnsafeBufferPointer { e in
                for n in (b * block)..<min(samples, (b + 1) * block) {
                    for v in 0..<vars.count { x[v] = vars[v].draw(&rng) }
                    x.withUnsafeBufferPointer { xp in
                        for t in 0..<allTerms.count { termCost[t] = allTerms[t].cost(xp, e) }
                    }
                    for p in 0..<phaseCount {
                        var total = 0.0
                        for t in byPhase[p] { total += termCost[t] }
                        out[p * samples + n] = total
                        local[p] += total
                    }
                }
            }
            for p in 0..<phaseCount { blockSums[b * phaseCount + p] = local[p] }
        }

        // Tornado swings with the compiled terms.
        func phaseCost(_ p: Int, _ x: [Double]) -> Double {
            x.withUnsafeBufferPointer { xp in
                expected.withUnsafeBufferPointer { e in byPhase[p].reduce(0) { $0 + allTerms[$1].cost(xp, e) } }
            }
        }
        // Samples lie within the inputs' ranges, so costs stay near the plan's checked low..high;
        // a value Int64 cannot hold (or not finite) would be a bug, shown as overflow, not a trap.
        func money(_ d: Double) -> Money {
            let micros = (d * 1e6).rounded()
            return micros.isFinite && micros.magnitude < 9e18 ? Money(micros: Int64(micros)).roundedToCents : .overflow
        }
        var stats: [SimulationResult.PhaseStats] = []
        for (p, cost) in plan.phases.enumerated() {
            var column = Array(results[(p * samples)..<((p + 1) * samples)])
            func percentile(_ q: Double) -> Money {
                let k = max(0, min(samples - 1, Int((q * Double(samples)).rounded(.up)) - 1))
                return money(quickselect(&column, k))
            }
            var mean = 0.0
            for b in 0..<blocks { mean += sums[b * phaseCount + p] }
            mean /= Double(samples)
            var drivers: [SimulationResult.Driver] = []
            for (v, variable) in variables.enumerated() {
                var lo = expected
                var hi = expected
                lo[v] = variable.low
                hi[v] = variable.high
                let swing = money(phaseCost(p, hi)) - money(phaseCost(p, lo))
                if swing != .zero { drivers.append(.init(label: variable.label, swing: swing)) }
            }
            drivers.sort {
                abs($0.swing.micros) > abs($1.swing.micros)
                    || (abs($0.swing.micros) == abs($1.swing.micros) && $0.label < $1.label)
            }
            stats.append(
                .init(
                    id: cost.id, name: cost.name, expected: cost.monthlyCost, low: cost.low, high: cost.high,
                    p10: percentile(0.10), p50: percentile(0.50), p90: percentile(0.90), mean: money(mean), drivers: drivers))
        }
        return SimulationResult(samples: samples, seed: seed, variables: variables.map(\.label), phases: stats)
    }
}

/// The k-th smallest element (0-based), reordering `a` (Hoare partition, median of three).
func quickselect(_ a: inout [Double], _ k: Int) -> Double {
    var lo = 0
    var hi = a.count - 1
    while lo < hi {
        let mid = lo + (hi - lo) / 2
        if a[mid] < a[lo] { a.swapAt(mid, lo) }
        if a[hi] < a[lo] { a.swapAt(hi, lo) }
        if a[hi] < a[mid] { a.swapAt(hi, mid) }
        let pivot = a[mid]
        var i = lo
        var j = hi
        while i <= j {
            while a[i] < pivot { i += 1 }
            while a[j] > pivot { j -= 1 }
            if i <= j {
                a.swapAt(i, j)
                i += 1
                j -= 1
            }
        }
        if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
    }
    return a[k]
}
