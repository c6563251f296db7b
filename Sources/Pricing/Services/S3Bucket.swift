import CostModel

/// S3 storage (tiered) and requests in one storage class: Standard, Standard-IA, One Zone-IA,
/// Glacier Instant Retrieval, Glacier Flexible Retrieval, Glacier Deep Archive or
/// Intelligent-Tiering; retrievals and restores where the class charges them.
public struct S3Bucket: ServiceRule {
    public let type = "s3"
    public let summary = "S3 storage in one storage class (Standard by default), requests and retrievals"
    static let classes = [
        "standard", "standard_ia", "one_zone_ia", "glacier_instant", "glacier_flexible", "deep_archive",
        "intelligent_tiering",
    ]
    public let parameters: [ParameterSpec] = [
        .number("buckets", "count", default: 1, "buckets (no charge of their own)"),
        ParameterSpec(
            "storage_class", .text(choices: classes), default: .text("standard"),
            "storage class of the data (one resource per class)"),
        .number(
            "storage_gb", "GB", default: 0,
            "average GB stored over the month (Intelligent-Tiering: in the Frequent Access tier)"),
        .number(
            "put_requests", "request", default: 0,
            "PUT, COPY, POST and LIST requests per month (LIST requests of every class bill at the Standard price)"),
        .number("get_requests", "request", default: 0, "GET and other requests per month"),
        .number(
            "retrieval_gb", "GB", default: 0,
            "GB retrieved (Standard-IA, One Zone-IA, Glacier Instant Retrieval) or restored (Glacier Flexible Retrieval, Deep Archive) per month"
        ),
        .number(
            "restore_requests", "request", default: 0, "restore requests per month (Glacier Flexible Retrieval, Deep Archive)"),
        ParameterSpec(
            "restore_tier", .text(choices: ["standard", "expedited", "bulk"]), default: .text("standard"),
            "restore speed (Glacier Flexible Retrieval: standard or expedited; Deep Archive: standard or bulk)"),
        .number("infrequent_gb", "GB", default: 0, "Intelligent-Tiering: GB in the Infrequent Access tier"),
        .number("archive_gb", "GB", default: 0, "Intelligent-Tiering: GB in the (opt-in) Archive Access tier"),
        .number("deep_archive_gb", "GB", default: 0, "Intelligent-Tiering: GB in the (opt-in) Deep Archive Access tier"),
        .number("monitored_objects", "count", default: 0, "Intelligent-Tiering: objects monitored (128 KB and larger)"),
    ]

    public func validate(_ p: RuleInput) -> [(param: String, message: String)] {
        let cls = p.text("storage_class")
        var problems: [(param: String, message: String)] = []
        let restores = ["glacier_flexible": ["standard", "expedited"], "deep_archive": ["standard", "bulk"]]
        if let tiers = restores[cls], !tiers.contains(p.text("restore_tier")) {
            problems.append(
                (
                    "restore_tier",
                    "\(cls) restores are \(tiers.joined(separator: " or ")), not \(p.text("restore_tier")) (Amazon S3 User Guide, restoring an archived object; bulk restores of Glacier Flexible Retrieval are not priced here)"
                ))
        }
        if restores[cls] == nil && p.number("restore_requests") != .zero {
            problems.append(("restore_requests", "only Glacier Flexible Retrieval and Deep Archive objects are restored"))
        }
        if cls == "standard" && p.number("retrieval_gb") != .zero {
            problems.append(("retrieval_gb", "S3 Standard has no retrieval charge"))
        }
        for name in ["infrequent_gb", "archive_gb", "deep_archive_gb", "monitored_objects"]
        where cls != "intelligent_tiering" && p.number(name) != .zero {
            problems.append((name, "\(name) is for storage_class intelligent_tiering"))
        }
        return problems
    }

    public func components(_ p: RuleInput) -> [PriceComponent] {
        let cls = p.text("storage_class")
        switch cls {
        case "standard":
            return [
                PriceComponent("Standard storage", key: "s3.standard.storage", quantity: p.number("storage_gb")),
                PriceComponent("PUT/COPY/POST/LIST requests", key: "s3.requests.tier1", quantity: p.number("put_requests")),
                PriceComponent("GET and other requests", key: "s3.requests.tier2", quantity: p.number("get_requests")),
            ]
        case "intelligent_tiering":
            return [
                PriceComponent(
                    "Intelligent-Tiering Frequent Access storage", key: "s3.intelligent_tiering.frequent",
                    quantity: p.number("storage_gb")),
                PriceComponent(
                    "Intelligent-Tiering Infrequent Access storage", key: "s3.intelligent_tiering.infrequent",
                    quantity: p.number("infrequent_gb")),
                PriceComponent(
                    "Intelligent-Tiering Archive Access storage", key: "s3.intelligent_tiering.archive",
                    quantity: p.number("archive_gb")),
                PriceComponent(
                    "Intelligent-Tiering Deep Archive Access storage", key: "s3.intelligent_tiering.deep_archive",
                    quantity: p.number("deep_archive_gb")),
                PriceComponent(
                    "monitoring and automation (objects)", key: "s3.intelligent_tiering.monitoring",
                    quantity: p.number("monitored_objects")),
                PriceComponent(
                    "PUT/COPY/POST/LIST requests", key: "s3.intelligent_tiering.requests.tier1",
                    quantity: p.number("put_requests")),
                PriceComponent(
                    "GET and other requests", key: "s3.intelligent_tiering.requests.tier2", quantity: p.number("get_requests")),
            ]
        default:
            let restored = cls == "glacier_flexible" || cls == "deep_archive"
            let tier = p.text("restore_tier")
            var lines = [
                PriceComponent("\(cls) storage", key: "s3.\(cls).storage", quantity: p.number("storage_gb")),
                PriceComponent("PUT/COPY/POST requests", key: "s3.\(cls).requests.tier1", quantity: p.number("put_requests")),
                PriceComponent("GET and other requests", key: "s3.\(cls).requests.tier2", quantity: p.number("get_requests")),
            ]
            if restored {
                lines += [
                    PriceComponent(
                        "\(tier) restore requests", key: "s3.\(cls).restore_requests.\(tier)",
                        quantity: p.number("restore_requests")),
                    PriceComponent("\(tier) retrieval", key: "s3.\(cls).retrieval.\(tier)", quantity: p.number("retrieval_gb")),
                ]
            } else {
                lines.append(PriceComponent("retrieval", key: "s3.\(cls).retrieval", quantity: p.number("retrieval_gb")))
            }
            return lines
        }
    }

    public let example = RuleExample(
        ["storage_gb": "100", "put_requests": "100000", "get_requests": "1000000"],
        region: "eu-central-1", monthly: "3.42",
        seed: "seed 000: 'S3 bucket ~$0 (pay per storage/request)'")
}
