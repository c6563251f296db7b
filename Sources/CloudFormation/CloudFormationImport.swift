import CostModel
import Foundation

/// `orcha-cost import cloudformation`: CloudFormation templates (what `cdk synth` writes) to a
/// scenario of one phase that lists the priced resources.
public enum CloudFormationImport {
    public struct Result: Sendable {
        /// The scenario, as YAML text.
        public var yaml: String
        public var priced: [ImportedResource]
        /// Template resources with no charge of their own, by type.
        public var free: [String: Int]
        /// Resource types orcha-cost has no type for: (type, `FILE: LogicalId`).
        public var unknown: [(type: String, source: String)]
        public var region: String
        public var templates: [String]
    }

    /// Reads, checks, resolves and maps the templates. Errors are `path:line:col` diagnostics
    /// (exit 65); a missing file is exit 66; no region is a command-line error (64).
    public static func run(paths: [String], region: String?, phase: String = "deployed") throws -> Result {
        var stacks: [StackTemplate] = []
        var errors: [Diagnostic] = []
        var seen: [String: Int] = [:]
        var missing = false
        func load(_ path: String, parent: (Int, String)?) -> Int? {
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            if let i = seen[real] { return i }
            do {
                let root = try TemplateReader.read(path: path)
                var stack = try StackTemplate(path: path, root: root)
                stack.parent = parent.map { ($0.0, $0.1) }
                stack.region = manifestRegion(for: path)
                seen[real] = stacks.count
                stacks.append(stack)
                return stacks.count - 1
            } catch let e as UserError {
                errors += e.diagnostics
                if e.status == .noInput { missing = true }
                return nil
            } catch {
                errors.append(Diagnostic(path: path, line: 1, column: 1, message: "cannot read the template: \(error)"))
                return nil
            }
        }
        for p in paths { _ = load(p, parent: nil) }
        if !errors.isEmpty { throw UserError(errors, status: missing ? .noInput : .dataError) }

        // Nested stacks: AWS::CloudFormation::Stack whose template is a local file (cdk.out).
        var nestedMissing: [(type: String, source: String)] = []
        var i = 0
        while i < stacks.count {
            for r in stacks[i].resources where r.type == "AWS::CloudFormation::Stack" {
                guard let file = nestedTemplateFile(r, of: stacks[i]) else {
                    nestedMissing.append(
                        ("AWS::CloudFormation::Stack (its template is not a local file)", "\(stacks[i].file): \(r.id)"))
                    continue
                }
                guard let child = load(file, parent: (i, r.id)) else { continue }
                stacks[child].parent = (i, r.id)
            }
            i += 1
        }
        if !errors.isEmpty { throw UserError(errors, status: missing ? .noInput : .dataError) }

        for s in stacks { errors += TemplateChecker.check(s) }
        if !errors.isEmpty { throw UserError(errors) }

        let chosen = try pickRegion(region, stacks: stacks)
        var resolver = Resolver(stacks: stacks, region: chosen)
        resolver.zones = Resolver.cdkZones(templates: stacks.map(\.path), region: chosen)
        // What parents pass to nested stacks.
        for (index, s) in stacks.enumerated() {
            guard let (p, id) = s.parent, let r = stacks[p].resource(id) else { continue }
            for pair in r.properties?["Parameters"]?.pairs ?? [] {
                resolver.stacks[index].passed[pair.key] = resolver.resolve(pair.value, in: p)
            }
        }

        var mapper = ResourceMapper(resolver: resolver)
        var priced: [ImportedResource] = []
        var free: [String: Int] = [:]
        var unknown: [(type: String, source: String)] = nestedMissing
        var skipped: [String] = []
        for (index, s) in stacks.enumerated() {
            for r in s.resources {
                var conditionNote: String?
                if let c = r.condition {
                    switch mapper.resolver.condition(c, in: index) {
                    case .some(false):
                        skipped.append("\(s.file): \(r.id) (condition \(c) is false)")
                        continue
                    case nil:
                        conditionNote =
                            "created only when condition \(c) holds, which the templates cannot tell: priced as created"
                    default: break
                    }
                }
                mapper.resolver.countFromGetAZs = false
                switch mapper.map(r, in: index) {
                case .priced(var items):
                    if let conditionNote { for k in items.indices { items[k].assumptions.append(conditionNote) } }
                    if mapper.resolver.countFromGetAZs {
                        let zones = ["a", "b", "c"].map { chosen + $0 }.joined(separator: ", ")
                        let note =
                            "a count comes from Fn::GetAZs, taken as three AZs (\(zones)): the templates and CDK context name no AZs, and \(chosen) may have more"
                        for k in items.indices { items[k].assumptions.append(note) }
                    }
                    for item in items {
                        if let j = priced.firstIndex(where: { $0.merges(with: item) }) {
                            priced[j].merge(item)
                        } else {
                            priced.append(item)
                        }
                    }
                case .free, .counted: free[r.type, default: 0] += 1
                case .unknown: unknown.append((r.type, "\(s.file): \(r.id)"))
                }
            }
        }
        let yaml = ScenarioWriter.write(
            priced: priced, free: free, unknown: unknown, skipped: skipped, templates: stacks.map(\.file), region: chosen,
            phase: phase)
        return Result(yaml: yaml, priced: priced, free: free, unknown: unknown, region: chosen, templates: stacks.map(\.path))
    }

    /// The region the CDK manifest next to a template gives its stack (`aws://ACCOUNT/REGION`).
    static func manifestRegion(for path: String) -> String? {
        let dir = (path as NSString).deletingLastPathComponent
        let manifest = (dir.isEmpty ? "." : dir) + "/manifest.json"
        guard let data = FileManager.default.contents(atPath: manifest), data.count < 16_000_000,
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let artifacts = json["artifacts"] as? [String: Any]
        else { return nil }
        let file = (path as NSString).lastPathComponent
        for case let artifact as [String: Any] in artifacts.values {
            guard let props = artifact["properties"] as? [String: Any], props["templateFile"] as? String == file,
                let env = artifact["environment"] as? String, env.hasPrefix("aws://")
            else { continue }
            let region = env.split(separator: "/").last.map(String.init) ?? ""
            return region == "unknown-region" || region.isEmpty ? nil : region
        }
        return nil
    }

    static func pickRegion(_ given: String?, stacks: [StackTemplate]) throws -> String {
        if let given {
            if let problem = AWSServiceNames.regionProblem(given) {
                throw UserError(message: "--region \(problem)", hint: AWSServiceNames.regionHint, status: .usage)
            }
            return given
        }
        let stated = Set(stacks.compactMap(\.region))
        if stated.count == 1, let r = stated.first { return r }
        if stated.count > 1 {
            throw UserError(
                message: "the templates are for several regions (\(stated.sorted().joined(separator: ", ")))",
                hint: "import each region's templates on their own with --region", status: .usage)
        }
        throw UserError(
            message: "the templates do not say their region (no CDK manifest.json with the stack's environment)",
            hint: "give it: --region eu-central-1", status: .usage)
    }

    /// The local file of a nested stack: its TemplateURL when that is a file beside the parent,
    /// else CDK's `aws:asset:path` metadata (cdk.out holds the nested template under that name).
    static func nestedTemplateFile(_ r: StackTemplate.Resource, of parent: StackTemplate) -> String? {
        let dir = (parent.path as NSString).deletingLastPathComponent
        func local(_ name: String) -> String? {
            let candidate = name.hasPrefix("/") ? name : (dir.isEmpty ? name : dir + "/" + name)
            return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
        }
        if let url = r.properties?["TemplateURL"]?.text, !url.contains("://"), let f = local(url) { return f }
        if let asset = r.definition["Metadata"]?["aws:asset:path"]?.text, let f = local(asset) { return f }
        return nil
    }
}
