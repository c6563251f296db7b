import CostModel
import Scenarios
import Testing

/// `scope:` of a budget: service, phase, tags and tenant, combinable; every mistake reported with
/// its line and column.
@Suite struct BudgetScopeLoaderTests {
    static let head = """
        name: t
        region: eu-central-1
        tags: {Project: orcha, Environment: prod}
        phases:
          - id: p
            resources:
              - {id: app, type: ec2_instance, instance_type: t4g.medium}
          - id: q
            extends: p
            tenants: 3
            per_tenant:
              - {id: w, type: ec2_instance, instance_type: t4g.medium}
        budgets:

        """

    @Test func scopesCombineServicePhaseTagsAndTenant() throws {
        let s = try ScenarioLoader.parse(
            BudgetScopeLoaderTests.head + """
                  - name: a
                    amount: 10
                    scope: {service: AmazonEC2, phase: q, tags: {Environment: prod}, tenant: tenant-2}
                  - name: b
                    amount: 10
                    scope: {tags: {Tenant: tenant-3, Project: orcha}}
                  - name: c
                    amount: 10
                    scope: {tenant: tenant-1, tags: {Tenant: tenant-1}}
                """, path: "s.yaml")
        let a = s.budgets[0]
        #expect(a.service == "AmazonEC2" && a.phase == "q" && a.tenant == "tenant-2")
        #expect(a.tags == [Budget.Tag("Environment", "prod")])
        #expect(a.tagFilter == [Budget.Tag("Environment", "prod"), Budget.Tag("Tenant", "tenant-2")])
        #expect(a.scopeDescription == "AmazonEC2, Environment=prod, Tenant=tenant-2")
        #expect(a.matches(tags: ["environment": "prod", "tenant": "tenant-2", "project": "x"]))
        #expect(!a.matches(tags: ["environment": "prod"]))
        let b = s.budgets[1]
        #expect(b.tenant == nil && b.scopedTenant == "tenant-3")
        #expect(b.tagFilter == [Budget.Tag("Tenant", "tenant-3"), Budget.Tag("Project", "orcha")])
        // The same tenant given both ways counts once.
        #expect(s.budgets[2].tagFilter == [Budget.Tag("Tenant", "tenant-1")])
        #expect(s.budgets[2].scopeDescription == "Tenant=tenant-1")
    }

    @Test func badScopesAreReportedTogether() throws {
        let error = try #require(
            loadError(
                BudgetScopeLoaderTests.head + """
                      - name: a
                        amount: 10
                        scope: {tenat: tenant-1}
                      - name: b
                        amount: 10
                        scope: {tags: {Projet: orcha}}
                      - name: c
                        amount: 10
                        scope: {tags: {Project: orca}}
                      - name: d
                        amount: 10
                        scope: {tenant: tenant-4}
                      - name: e
                        amount: 10
                        scope: {tenant: tenant2}
                      - name: f
                        amount: 10
                        scope: {tags: {Tenant: ""}}
                      - name: g
                        amount: 10
                        scope: {tags: {}}
                      - name: h
                        amount: 10
                        scope: {tags: {project: orcha}}
                      - name: i
                        amount: 10
                        scope: {tags: {"user:Project": orcha}}
                      - name: j
                        amount: 10
                        scope: {tenant: tenant-1, tags: {Tenant: tenant-2}}
                      - name: k
                        amount: 10
                        scope: {}
                      - name: l
                        amount: 10
                        scope: {service: "", tenant: ""}
                    """))
        let lines = error.description.split(separator: "\n").filter { !$0.hasPrefix("  hint") }
        #expect(
            lines == [
                "s.yaml:16:13: error: unknown key 'tenat' in a budget scope. did you mean 'tenant'?",
                "s.yaml:19:20: error: budget 'b' scope tag 'Projet' is not one of the scenario's tags, so it can never match a line of the plan. did you mean 'Project'?",
                "s.yaml:22:29: error: budget 'c' scope tag Project=orca can never match: the scenario tags every line Project=orcha. did you mean 'orcha'?",
                "s.yaml:25:21: error: budget 'd' is scoped to tenant 'tenant-4', which is not a tenant of the scenario (no phase has more than 3 tenants). did you mean 'tenant-3'?",
                "s.yaml:28:21: error: budget 'e' is scoped to tenant 'tenant2', which is not a tenant of the scenario (no phase has more than 3 tenants). did you mean 'tenant-2'?",
                "s.yaml:31:28: error: budget 'f' scope tag 'Tenant' has an empty value",
                "s.yaml:34:19: error: budget 'g' has an empty tags scope",
                "s.yaml:37:20: error: budget 'h' scope tag 'project' is spelled 'Project' on the lines: AWS tag keys are case-sensitive. did you mean 'Project'?",
                "s.yaml:40:20: error: budget 'i' scope tag 'user:Project': write the key as the resources carry it, without 'user:'",
                "s.yaml:43:21: error: budget 'j' names tenant 'tenant-1' here and 'tenant-2' in its tags; a cost has one tenant",
                "s.yaml:46:12: error: budget 'k' has an empty scope",
                "s.yaml:49:22: error: budget 'l' has an empty service scope",
                "s.yaml:49:34: error: budget 'l' has an empty tenant scope",
            ], "\(error)")
        #expect(error.status == .dataError)
        #expect(error.description.contains("hint: tags of the lines: Project, Environment, Tenant"))
        #expect(error.description.contains("hint: tenants are named tenant-1 to tenant-3"))
    }

    @Test func aTenantScopeNeedsPerTenantResources() throws {
        let error = try #require(
            loadError(
                """
                name: t
                region: eu-central-1
                phases:
                  - id: p
                    resources:
                      - {id: app, type: ec2_instance, instance_type: t4g.medium}
                budgets:
                  - name: a
                    amount: 10
                    scope: {tenant: tenant-1}
                  - name: b
                    amount: 10
                    scope: {tags: {Project: orcha}}
                """))
        let lines = error.description.split(separator: "\n").filter { !$0.hasPrefix("  hint") }
        #expect(
            lines == [
                "s.yaml:10:21: error: budget 'a' is scoped to tenant 'tenant-1', but no phase has per-tenant resources",
                "s.yaml:13:20: error: budget 'b' scope tag 'Project' is not one of the scenario's tags, so it can never match a line of the plan.",
            ], "\(error)")
        #expect(error.description.contains("hint: the scenario has no tags: add them under 'tags:'"))
    }
}
