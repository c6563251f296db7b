import Analysis
import CostModel
import Foundation
import Pricing
import Scenarios
import TestSupport
import Testing

/// An independent check (issue 13): the components of infracost's published AWS test cases
/// (us-east-1 goldens), priced with our types from the offline sheets, must agree with the
/// golden's monthly cost. Data: `Tests/Fixtures/estimator/infracost-us-east-1.tsv`.
@Suite struct EstimatorCheckTests {
    struct Row {
        var kind, goldenResource, component, resource, key, status: String
        var goldenCents: Int64
    }

    /// One comparison: a golden component (or the tiers of one, summed) against our one line.
    struct Comparison {
        var kind, goldenResource, resource, key: String
        var components: [String]
        var goldenCents: Int64
        var excluded: String
    }

    /// The 50 kinds of the acceptance point: the 33 infracost kinds that mapped onto our types
    /// before (infracost-kinds.md's "existing type" column, less eks_fargate_profile and
    /// waf_web_acl, counted below, and less glue_catalog_database and glue_crawler (no type
    /// prices catalog storage, requests or crawler hours), elastic_beanstalk_environment (a
    /// composite of other kinds) and s3_bucket_v3 (s3_bucket's components again)), plus the 17
    /// named in issue 13.
    static let kinds: [String] = [
        "api_gateway_rest_api", "apigatewayv2_api", "autoscaling_group", "cloudfront_distribution",
        "cloudwatch_dashboard", "cloudwatch_log_group", "cloudwatch_metric_alarm", "codebuild_project",
        "data_transfer", "db_instance", "ebs_volume", "ecr_repository", "ecs_service", "eip", "eks_node_group",
        "elasticache_cluster", "elasticache_replication_group", "glue_job", "instance", "lb", "nat_gateway",
        "rds_cluster_instance", "rds_cluster", "route53_health_check", "route53_record", "route53_zone", "s3_bucket",
        "secretsmanager_secret", "sns_topic_subscription", "sns_topic", "sqs_queue", "vpc_endpoint", "wafv2_web_acl",
        // issue 13's 17
        "dynamodb_table", "lambda_function", "lambda_provisioned_concurrency_config", "efs_file_system",
        "sfn_state_machine", "eks_cluster", "eks_fargate_profile", "elb", "kms_key", "cloudtrail",
        "cloudwatch_event_bus", "ssm_parameter", "acmpca_certificate_authority", "ebs_snapshot", "ec2_host",
        "api_gateway_stage", "waf_web_acl",
    ]

    static func load() throws -> [Row] {
        let path = Fixtures.root + "/Tests/Fixtures/estimator/infracost-us-east-1.tsv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var rows: [Row] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("kind\t") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 10 else {
                Issue.record("bad row: \(line)")
                continue
            }
            rows.append(
                Row(
                    kind: f[0], goldenResource: f[2], component: f[3], resource: f[7], key: f[8], status: f[9],
                    goldenCents: try cents(f[6])))
        }
        return rows
    }

    /// "$1,234.56" -> 123456.
    static func cents(_ printed: String) throws -> Int64 {
        let digits = printed.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: ",", with: "")
        let parts = digits.split(separator: ".")
        guard parts.count == 2, parts[1].count == 2, let whole = Int64(parts[0]), let frac = Int64(parts[1]) else {
            throw CocoaError(.formatting, userInfo: [NSDebugDescriptionErrorKey: "golden cost \(printed)"])
        }
        return whole * 100 + frac
    }

    static func comparisons(_ rows: [Row]) -> [Comparison] {
        var out: [Comparison] = []
        for row in rows {
            if let i = out.firstIndex(where: {
                $0.goldenResource == row.goldenResource && $0.resource == row.resource && $0.key == row.key
                    && $0.kind == row.kind
            }) {
                out[i].components.append(row.component)
                out[i].goldenCents += row.goldenCents
            } else {
                out.append(
                    Comparison(
                        kind: row.kind, goldenResource: row.goldenResource, resource: row.resource, key: row.key,
                        components: [row.component], goldenCents: row.goldenCents, excluded: row.status))
            }
        }
        return out
    }

    /// Within 1% of the golden; a golden under $1.00 (rounded to the cent, so 1% is less than
    /// its rounding) is compared at the cent: within $0.01.
    static func agrees(ours: Int64, golden: Int64) -> Bool {
        let diff = abs(ours - golden)
        return golden < 100 ? diff <= 1 : diff * 100 <= golden
    }

    /// Our monthly cost, in cents, of each comparison (nil: excluded).
    static func price(_ comparisons: [Comparison]) throws -> [Int64?] {
        var resources: [String] = []
        var ids: [String: String] = [:]
        for c in comparisons where c.excluded.isEmpty {
            let id = "\(c.kind)|\(c.goldenResource)|\(c.resource)"
            if ids[id] == nil {
                ids[id] = "r\(ids.count + 1)"
                resources.append("      - {id: \(ids[id]!), " + c.resource.dropFirst())
            }
        }
        let yaml = """
            name: infracost goldens
            region: us-east-1
            free_tier: none
            phases:
              - id: all
                name: all
                resources:

            """ + resources.joined(separator: "\n") + "\n"
        let lines = try plan(yaml).phases[0].lines
        return comparisons.map { c in
            guard c.excluded.isEmpty, let id = ids["\(c.kind)|\(c.goldenResource)|\(c.resource)"] else { return nil }
            // No line: the component's quantity is zero (the engine prices nothing), so 0.
            let mine = lines.filter { $0.resource == id && $0.priceKey == c.key }
            return mine.reduce(Int64(0)) { $0 + $1.monthlyCost.micros / 10_000 }
        }
    }

    @Test func goldenComponentsAgreeWithOurPlan() throws {
        let rows = try Self.load()
        let comparisons = Self.comparisons(rows)
        let ours = try Self.price(comparisons)
        var compared = 0
        var within = 0
        var misses: [String] = []
        for (c, mine) in zip(comparisons, ours) {
            guard let mine else { continue }
            compared += 1
            if Self.agrees(ours: mine, golden: c.goldenCents) {
                within += 1
            } else {
                let pct = c.goldenCents == 0 ? 0 : Double(mine - c.goldenCents) * 100 / Double(c.goldenCents)
                misses.append(
                    "\(c.kind)\t\(c.goldenResource)\t\(c.components.joined(separator: " + "))\t\(c.key)\t"
                        + "golden \(Money.fromCents(c.goldenCents))\tours \(Money.fromCents(mine))\t"
                        + String(format: "%+.2f%%", pct))
            }
        }
        let excluded = comparisons.filter { !$0.excluded.isEmpty }
        print(
            "estimator check: \(rows.count) golden components in \(comparisons.count) comparisons; "
                + "\(compared) compared, \(within) within 1% (\(within * 1000 / max(compared, 1)) per mille); "
                + "\(excluded.count) excluded (no us-east-1 sheet price, a configuration AWS rejects, or the estimator's tier split disagreeing "
                + "with the Price List rows it selects)")
        for miss in misses { print("miss\t" + miss) }
        #expect(compared > 0)
        #expect(within * 100 >= compared * 95, "\(within) of \(compared) within 1%:\n\(misses.joined(separator: "\n"))")
    }

    @Test func atLeast45Of50KindsAreExpressible() throws {
        let rows = try Self.load()
        #expect(Self.kinds.count == 50)
        #expect(Set(Self.kinds).count == 50)
        let expressible = Set(rows.filter { !$0.resource.contains("type: fixed") }.map(\.kind))
        let missing = Self.kinds.filter { !expressible.contains($0) }
        print("estimator check: \(50 - missing.count) of 50 kinds expressible; not: \(missing.joined(separator: ", "))")
        #expect(50 - missing.count >= 45, "not expressible: \(missing)")
    }
}

extension Money {
    fileprivate static func fromCents(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let a = abs(cents)
        return "\(sign)\(a / 100)." + String(format: "%02d", a % 100)
    }
}
