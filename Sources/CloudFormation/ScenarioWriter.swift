/// Writes the imported scenario as YAML in orcha-cost's scenario format, with the templates'
/// free and unknown resources and every assumption as comments.
enum ScenarioWriter {
    static let plural: [String: String] = [
        "sqs": "queues", "s3": "buckets", "sns": "topics", "cloudwatch": "monitoring", "secrets_manager": "secrets",
        "route53": "dns", "ecr": "images", "codepipeline": "pipelines", "kms": "keys", "ec2_instance": "instances",
        "vpc_endpoint_interface": "endpoints", "vpc_endpoint_gateway": "gateway-endpoints", "public_ipv4": "public-ips",
        "nat_gateway": "nat", "alb": "albs", "nlb": "nlbs", "waf": "waf", "transit_gateway": "transit-gateway",
    ]

    static func write(
        priced: [ImportedResource], free: [String: Int], unknown: [(type: String, source: String)], skipped: [String],
        templates: [String], region: String, phase: String
    ) -> String {
        // Ids in template order: the name, or `name-2`, `name-3`, ... on a clash (with an id or
        // with a usage input name of an earlier resource).
        var ids: Set<String> = []
        var usageNames: Set<String> = []
        var named: [(id: String, resource: ImportedResource)] = []
        for r in priced {
            var base = r.members > 1 ? (plural[r.type] ?? r.type.replacingOccurrences(of: "_", with: "-")) : r.name
            if base.isEmpty { base = "resource" }
            var id = base
            var n = 2
            func names(_ id: String) -> [String] { r.usage.map { usageName(id, $0.parameter) } }
            while ids.contains(id) || names(id).contains(where: usageNames.contains) {
                id = "\(base)-\(n)"
                n += 1
            }
            ids.insert(id)
            usageNames.formUnion(names(id))
            named.append((id, r))
        }
        var out = "# Imported from CloudFormation by orcha-cost import cloudformation: \(templates.joined(separator: ", ")).\n"
        out += "# Usage inputs are ranges to fill in: templates say what is deployed, not how much it is used.\n"
        let assumptions = named.flatMap { n in n.resource.assumptions.map { "\(n.id): \($0)" } }
        if !assumptions.isEmpty {
            out += "# Assumptions (what the templates do not state):\n"
            for a in assumptions { out += "#   - \(comment(a))\n" }
        }
        if !unknown.isEmpty {
            out +=
                "# Not priced: \(unknown.count) resource\(unknown.count == 1 ? "" : "s") of types orcha-cost has no type for:\n"
            for u in unknown { out += "#   - \(comment(u.type)) \(comment(u.source))\n" }
        }
        if !skipped.isEmpty {
            out += "# Not created (their condition is false with the parameters' defaults):\n"
            for s in skipped { out += "#   - \(comment(s))\n" }
        }
        let freeCount = free.values.reduce(0, +)
        if freeCount > 0 {
            let list = free.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
                "\($0.key) \($0.value)"
            }
            out += "# Free: \(freeCount) resources with no charge of their own (or priced through another): "
            out += list.joined(separator: ", ") + "\n"
        }
        let stackNames = templates.map { $0.components(separatedBy: ".").first ?? $0 }
        out += "name: \(quote("Imported: " + stackNames.joined(separator: ", ")))\n"
        out += "description: \(quote("CloudFormation templates \(templates.joined(separator: ", ")), imported by orcha-cost"))\n"
        out += "region: \(region)\n"
        let usage = named.flatMap { n in n.resource.usage.map { (n, $0) } }
        if !usage.isEmpty {
            out += "usage:\n"
            for (n, u) in usage {
                out += "  \(usageName(n.id, u.parameter)):\n"
                out += "    value: \(u.range)\n"
                out += "    unit: \(u.unit)\n"
                let scope = n.resource.members > 1 ? " (\(n.resource.members) template resources together)" : ""
                out +=
                    "    description: \(quote("to be filled in: \(u.what) for \(n.id)\(scope); the templates cannot know it"))\n"
            }
        }
        out += "phases:\n"
        out += "  - id: \(phase)\n"
        out += "    name: Deployed (CloudFormation templates)\n"
        out += named.isEmpty ? "    resources: []\n" : "    resources:\n"
        for (id, r) in named {
            out += "      - id: \(id)\n"
            out += "        type: \(r.type)\n"
            for (k, v) in r.parameters {
                switch v {
                case .number(let s): out += "        \(k): \(s)\n"
                case .text(let s): out += "        \(k): \(quote(s))\n"
                case .flag(let f): out += "        \(k): \(f)\n"
                }
            }
            for u in r.usage { out += "        \(u.parameter): $\(usageName(id, u.parameter))\n" }
            out += "        note: \(quote(r.sources.joined(separator: ", ")))\n"
        }
        return out
    }

    static func usageName(_ id: String, _ parameter: String) -> String {
        id.replacingOccurrences(of: "-", with: "_") + "_" + parameter
    }

    /// Text for a comment line: no line breaks.
    static func comment(_ s: String) -> String {
        String(s.map { $0.isNewline ? " " : $0 })
    }

    /// A YAML scalar: plain when it is safe, else double-quoted with escapes.
    static func quote(_ s: String) -> String {
        let safe =
            !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-/".contains($0)) }
            && s.first!.isLetter && !["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(s.lowercased())
        if safe { return s }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
