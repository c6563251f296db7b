import Analysis
import CostModel
import Pricing
import TestSupport
import Testing

@Suite struct CommitmentTests {
    /// A 1-year no-upfront standard RI on the Orcha t4g.medium (eu-central-1 sheet: $0.0242/h
    /// against $0.0384/h on demand): 730 h × 0.0242 = $17.666 → $17.67 instead of $28.03, 37%
    /// less (seed 001: "1-year commitment: 30-40% savings").
    @Test func oneYearNoUpfrontReservedInstanceOnTheOrchaInstance() throws {
        let onDemand = try #require(try planShipped("orcha").phase("mvp"))
        let reserved = try #require(try planShipped("orcha", set: ["app.purchase=reserved_1yr_no_upfront"]).phase("mvp"))
        let line = try #require(reserved.lines.first { $0.resource == "app" && $0.component.hasPrefix("instance hours") })
        #expect(line.component == "instance hours (reserved 1yr, no upfront)")
        #expect(line.priceKey == "ec2.instance.t4g.medium.linux.reserved.1yr.no_upfront.hourly")
        #expect(line.unitPrice.description == "0.0242")
        #expect(line.monthlyCost.usd == "17.67")
        #expect(line.upfront == nil)
        let diff = PhaseDiff(before: onDemand, after: reserved, beforeLabel: "on demand", afterLabel: "RI")
        #expect(diff.change.usd == "-10.36")
        #expect(diff.percent?.formatted(decimals: 0) == "-8")  // of the whole MVP
        #expect(diff.lines.filter { $0.status == "changed" }.count == 1)
    }

    @Test func reservedHoursAreBilledAllMonthAndUpfrontIsAmortised() throws {
        let cost = try plan(
            """
            name: t
            region: eu-central-1
            phases:
              - id: p
                resources:
                  - {id: db, type: rds_instance, instance_class: db.t4g.micro, purchase: reserved_3yr_partial_upfront, hours_per_day: 8}
            """)
        let lines = Dictionary(uniqueKeysWithValues: cost.phases[0].lines.map { ($0.component, $0) })
        let hours = try #require(lines["instance hours (reserved 3yr, partial upfront)"])
        #expect(hours.quantity == Quantity(730))  // not 730 × 8/24: a reservation bills every hour
        #expect(hours.monthlyCost.usd == "3.14")  // 730 × $0.0043 (eu-west-2 Price List row, marked proxy)
        let fee = try #require(lines["upfront fee, 1/36 per month"])
        #expect(fee.monthlyCost.usd == "3.11")  // $112 / 36
        #expect(fee.upfront?.usd == "112.00")
        #expect(cost.phases[0].upfront.usd == "112.00")
    }

    /// Imported Reserved rows (standard class) price the commitment keys of the same product.
    /// A per-tenant resource bought with a fee: the fee is paid once per tenant (it was lost when
    /// the per-tenant components were scaled, so finance had no Purchase row for it).
    @Test func perTenantReservedInstancesPayTheirUpfrontFeePerTenant() throws {
        let cost = try plan(
            """
            name: t
            region: eu-central-1
            phases:
              - id: base
                tenants: 2
                per_tenant:
                  - {id: db, type: rds_instance, instance_class: db.t4g.micro, purchase: reserved_3yr_partial_upfront}
            """)
        let fee = try #require(cost.phases[0].lines.first { $0.component.hasPrefix("upfront fee") })
        // 2 tenants x 1/36 of the $112 fee a month: 6.22; paid upfront: 2 x 112.
        #expect(fee.quantity == Quantity(millionths: 55_556))
        #expect(fee.monthlyCost.usd == "6.22")
        #expect(fee.upfront?.usd == "224.00")
    }

    @Test func importedReservedRowsAreUsed() throws {
        let dir = TempDir()
        let path = writeRDSExcerptInFrankfurt(dir)
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(path)
        let resolver = PriceResolver(catalog: catalog)
        let hourly = try #require(
            try resolver.resolve(
                key: "rds.postgres.db.t4g.micro.single_az.reserved.3yr.partial_upfront.hourly", region: "eu-central-1"))
        #expect(hourly.priceOrigin == .priceList)
        #expect(hourly.tiers.map(\.price.description) == ["0.0043"])
        #expect(hourly.source.hasSuffix("SKU ATYF9R3XTURNBSMZ, Reserved term 38NPMPTW36"))
        let fee = try #require(
            try resolver.resolve(
                key: "rds.postgres.db.t4g.micro.single_az.reserved.3yr.partial_upfront.upfront", region: "eu-central-1"))
        #expect(fee.tiers.map(\.price.description) == ["112"])
        #expect(fee.unit == "term")
        // No such term in the file: no imported price, and no sheet row either.
        #expect(
            try resolver.resolve(
                key: "rds.postgres.db.t4g.micro.single_az.reserved.1yr.all_upfront.upfront", region: "eu-central-1") == nil)
    }
}

@Suite struct SavingsPlanTests {
    /// A Compute Savings Plans file in the genuine Savings Plans CSV layout (preamble and header
    /// of Tests/Fixtures/price-list/AWSDatabaseSavingsPlans-ap-south-2.head.csv), with made-up
    /// rates: the Linux and Windows rows of one usage type differ only by operation.
    static let file = """
        FormatVersion,v1.0
        Disclaimer,This pricing list is for informational purposes only.
        Publication Date,2026-04-22T19:42:03Z
        Version,20260422194203
        OfferCode,ComputeSavingsPlans
        SKU,RateCode,Unit,EffectiveDate,DiscountedRate,Currency,DiscountedSKU,DiscountedServiceCode,DiscountedUsageType,DiscountedOperation,PurchaseOption,LeaseContractLength,LeaseContractLengthUnit,ServiceCode,UsageType,Operation,Description,Instance Family,Location,Location Type,Granularity,Product Family,DiscountedRegionCode,DiscountedInstanceType
        SPTEST0000000001,SPTEST0000000001.DISC0000000001,Hrs,2026-04-20T00:00:00Z,0.0270000000,USD,DISC0000000001,AmazonEC2,EUC1-BoxUsage:t4g.medium,RunInstances,No Upfront,1,year,ComputeSavingsPlans,ComputeSP:1yrNoUpfront,,1 year No Upfront Compute Savings Plan,,Any,AWS Region,hourly,ComputeSavingsPlans,eu-central-1,t4g.medium
        SPTEST0000000001,SPTEST0000000001.DISC0000000002,Hrs,2026-04-20T00:00:00Z,0.0500000000,USD,DISC0000000002,AmazonEC2,EUC1-BoxUsage:t4g.medium,RunInstances:0002,No Upfront,1,year,ComputeSavingsPlans,ComputeSP:1yrNoUpfront,,1 year No Upfront Compute Savings Plan,,Any,AWS Region,hourly,ComputeSavingsPlans,eu-central-1,t4g.medium
        SPTEST0000000001,SPTEST0000000001.DISC0000000003,Hrs,2026-04-20T00:00:00Z,0.0320000000,USD,DISC0000000003,AmazonECS,EUC1-Fargate-vCPU-Hours:perCPU,,No Upfront,1,year,ComputeSavingsPlans,ComputeSP:1yrNoUpfront,,1 year No Upfront Compute Savings Plan,,Any,AWS Region,hourly,ComputeSavingsPlans,eu-central-1,
        SPTEST0000000001,SPTEST0000000001.DISC0000000004,Hrs,2026-04-20T00:00:00Z,0.0035000000,USD,DISC0000000004,AmazonECS,EUC1-Fargate-GB-Hours,,No Upfront,1,year,ComputeSavingsPlans,ComputeSP:1yrNoUpfront,,1 year No Upfront Compute Savings Plan,,Any,AWS Region,hourly,ComputeSavingsPlans,eu-central-1,

        """

    @Test func importedComputeSavingsPlanRatesPriceEC2AndFargate() throws {
        let dir = TempDir()
        let path = dir.write("ComputeSavingsPlans.csv", Self.file)
        let catalog = try dir.catalog()
        _ = try PriceListImporter(catalog: catalog).importFile(path)
        let scenario = dir.write(
            "sp.yaml",
            """
            name: sp
            region: eu-central-1
            phases:
              - id: p
                resources:
                  - {id: app, type: ec2_instance, instance_type: t4g.medium, purchase: savings_plan_compute_1yr_no_upfront}
                  - {id: api, type: fargate_service, vcpu: 1, memory_gb: 2, purchase: savings_plan_compute_1yr_no_upfront}
            """)
        var engine = Engine(catalog: catalog)
        let cost = try engine.plan(path: scenario)
        let lines = cost.phases[0].lines.map { "\($0.resource) \($0.component) \($0.unitPrice) \($0.monthlyCost.usd)" }
        #expect(
            lines == [
                "app instance hours (compute savings plan 1yr, no upfront) 0.027 19.71",  // Linux row, not Windows's 0.05
                "api vCPU hours (compute savings plan 1yr, no upfront) 0.032 23.36",
                "api memory GB-hours (compute savings plan 1yr, no upfront) 0.0035 5.11",
            ])
        #expect(cost.phases[0].lines[0].priceSource.contains("Savings Plan rate SPTEST0000000001.DISC0000000001"))
    }

    @Test func withoutARateTheMissingPriceIsNamed() throws {
        let error = try #require(
            planError(
                """
                name: t
                region: eu-central-1
                phases:
                  - id: p
                    resources:
                      - {id: app, type: ec2_instance, instance_type: t4g.medium, purchase: savings_plan_compute_3yr_all_upfront}
                """))
        #expect(
            error.description.contains(
                "no price for 'ec2.instance.t4g.medium.linux.savings_plan.compute.3yr.all_upfront' in eu-central-1"))
    }
}
