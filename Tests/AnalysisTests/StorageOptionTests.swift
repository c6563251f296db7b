import Analysis
import CostModel
import Testing

/// New storage, engine and topic options: their prices from the sheets, and values AWS would
/// refuse reported with line:col and the source of the limit.
@Suite struct StorageOptionTests {
    @Test func rdsProvisionedIopsAndPerformanceInsights() throws {
        let cost = try plan(
            """
            name: t
            region: us-east-1
            phases:
              - id: p
                resources:
                  - {id: io1, type: rds_instance, engine: mysql, instance_class: db.t4g.small, storage_type: io1, storage_gb: 100, iops: 1200}
                  - {id: gp3, type: rds_instance, instance_class: db.t4g.small, storage_gb: 400, iops: 14000, multi_az: true}
                  - {id: small, type: rds_instance, instance_class: db.t4g.small, storage_gb: 100, iops: 3000}
                  - {id: pi, type: rds_instance, engine: mariadb, instance_class: db.t3.large, performance_insights: true, performance_insights_api_requests: 1000000}
            """)
        func monthly(_ r: String, _ c: String) -> String? {
            cost.phases[0].lines.first { $0.resource == r && $0.component == c }?.monthlyCost.usd
        }
        // infracost db_instance golden: io1 100 GB $12.50, 1,200 IOPS $120.00.
        #expect(monthly("io1", "io1 storage") == "12.50")
        #expect(monthly("io1", "io1 provisioned IOPS") == "120.00")
        // gp3 from 400 GB includes 12,000 IOPS: 2,000 billed, Multi-AZ $0.04 (golden: $80.00).
        #expect(monthly("gp3", "gp3 provisioned IOPS") == "80.00")
        // Below 400 GB the baseline 3,000 IOPS are included: no line.
        #expect(monthly("small", "gp3 provisioned IOPS") == nil)
        // MariaDB db.t3.large $0.136 (golden $99.28); Performance Insights t3 2 vCPU x $2.95.
        #expect(monthly("pi", "instance hours") == "99.28")
        #expect(monthly("pi", "Performance Insights paid retention (vCPU-months)") == "5.90")
        #expect(monthly("pi", "Performance Insights API requests") == "10.00")
    }

    @Test func valuesAWSRefusesAreErrors() throws {
        let error = try #require(
            planError(
                """
                name: t
                region: us-east-1
                phases:
                  - id: p
                    resources:
                      - {id: a, type: rds_instance, instance_class: db.t4g.small, storage_type: io1, storage_gb: 50, iops: 500}
                      - {id: b, type: rds_instance, instance_class: db.t4g.small, storage_gb: 100, iops: 5000}
                      - {id: c, type: rds_instance, instance_class: db.t4g.small, storage_type: io1, storage_gb: 100, iops: 6000}
                      - {id: d, type: s3, storage_class: deep_archive, restore_tier: expedited}
                      - {id: e, type: sns, fifo: true, email_notifications: 10}
                      - {id: f, type: aurora, instance_class: db.t3.medium, storage_config: io_optimized, io_requests: 5}
                      - {id: g, type: opensearch, instance_type: c4.2xlarge.search, storage_type: gp2, throughput_mibps: 250}
                """))
        let lines = error.description.split(separator: "\n").filter { !$0.hasPrefix("  hint") }
        let source = "(AWS RDS User Guide, Amazon RDS DB instance storage (MariaDB, MySQL, PostgreSQL))"
        #expect(
            lines == [
                "t.yaml:6:98: error: io1 storage is 100 to 65536 GB, not 50 \(source)",
                "t.yaml:6:108: error: io1 storage needs 1,000 to 256,000 provisioned IOPS, not 500 \(source)",
                "t.yaml:7:90: error: gp3 IOPS can be provisioned only from 400 GB of storage; below that they are the baseline 3,000, not 5000 \(source)",
                "t.yaml:8:109: error: io1 allows 0.5 to 50 IOPS per GB: 6000 IOPS on 100 GB is outside \(source)",
                "t.yaml:9:70: error: deep_archive restores are standard or bulk, not expedited (Amazon S3 User Guide, restoring an archived object; bulk restores of Glacier Flexible Retrieval are not priced here)",
                "t.yaml:10:61: error: FIFO topics deliver only to Amazon SQS queues (AWS SNS Developer Guide, message ordering and deduplication)",
                "t.yaml:11:104: error: Aurora I/O-Optimized has no charge per I/O request: leave io_requests at 0",
                "t.yaml:12:106: error: throughput is provisioned on gp3 volumes only",
            ], "\(error)")
    }

    @Test func storageClassesAndFifoTopics() throws {
        let cost = try plan(
            """
            name: t
            region: us-east-1
            phases:
              - id: p
                resources:
                  - {id: ia, type: s3, storage_class: standard_ia, storage_gb: 1000, put_requests: 10000, get_requests: 100000, retrieval_gb: 50}
                  - {id: cold, type: s3, storage_class: deep_archive, storage_gb: 10000, restore_requests: 2000, retrieval_gb: 100, restore_tier: bulk}
                  - {id: it, type: s3, storage_class: intelligent_tiering, storage_gb: 100, infrequent_gb: 1000, monitored_objects: 1000000}
                  - {id: gir, type: s3, storage_class: glacier_instant, storage_gb: 1000}
                  - {id: events, type: sns, fifo: true, requests: 10000000, publish_gb: 10, sqs_notifications: 20000000, sqs_notification_gb: 20}
            """)
        let byResource = Dictionary(grouping: cost.phases[0].lines, by: \.resource).mapValues {
            $0.reduce(Money.zero) { $0 + $1.monthlyCost }.usd
        }
        // 1000 x 0.0125 + 10,000 x 0.00001 + 100,000 x 0.000001 + 50 x 0.01
        #expect(byResource["ia"] == "13.20")
        // 10,000 x 0.00099 + 2,000 x 0.000025 + 100 x 0.0025
        #expect(byResource["cold"] == "10.20")
        // 100 x 0.023 + 1,000 x 0.0125 + 1,000,000 x 0.0000025
        #expect(byResource["it"] == "17.30")
        #expect(byResource["gir"] == "4.00")
        // 10M x 0.0000003 + 10 x 0.017 + 20M x 0.00000001 + 20 x 0.001
        #expect(byResource["events"] == "3.39")
    }
}
