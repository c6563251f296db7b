import ArgumentParser
import CloudFormation
import CostModel
import Reporting

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn infrastructure you already run into a scenario.",
        subcommands: [ImportCloudFormationCommand.self]
    )
}

struct ImportCloudFormationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cloudformation",
        abstract: "Turn CloudFormation templates (what cdk synth writes) into a scenario.",
        discussion: """
            Reads templates in JSON or YAML (short-form tags such as !Ref, !GetAtt, !Sub included), \
            several at once (one per CDK stack; nested stacks whose template is a local file are \
            read too), and writes a scenario of one phase with the priced resources and the \
            parameters the templates state. Usage the templates cannot know becomes usage inputs \
            with ranges to fill in; assumptions, free and unknown resources are comments. The \
            region is --region, else the CDK manifest.json beside the templates.

            Examples:
              orcha-cost import cloudformation cdk.out/*.template.json -o deployed.yaml
              orcha-cost import cloudformation stack.yaml --region eu-west-1
              orcha-cost diff deployed.yaml scenarios/orcha.yaml --from deployed --to ha
            """
    )

    @Argument(help: ArgumentHelp("CloudFormation templates (JSON or YAML).", valueName: "template"))
    var templates: [String]
    @Option(help: ArgumentHelp("AWS region of the stacks (default: the CDK manifest's).", valueName: "region"))
    var region: String?
    @Option(help: ArgumentHelp("Id of the scenario's phase.", valueName: "id")) var phase: String = "deployed"
    @Option(
        name: [.customShort("o"), .long], help: ArgumentHelp("Write the scenario to FILE (default: stdout).", valueName: "file"))
    var output: String?

    func validate() throws {
        if templates.isEmpty { throw ValidationError("give at least one template") }
        if phase.isEmpty || !phase.lowercased().allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) {
            throw ValidationError("--phase '\(phase)' must be letters, digits, '-', '_' or '.'")
        }
    }

    func run() throws {
        try reportingErrors {
            let result = try CloudFormationImport.run(paths: templates, region: region, phase: phase)
            if let output, output != "-" {
                try AtomicFile.write(result.yaml, to: output)
                let unknown = result.unknown.isEmpty ? "" : ", \(result.unknown.count) not priced (no orcha-cost type)"
                let n = result.templates.count
                Terminal.stderr(
                    "wrote \(output): \(result.priced.count) priced resources from \(n) template\(n == 1 ? "" : "s") in "
                        + "\(result.region), \(result.free.values.reduce(0, +)) free\(unknown)")
            } else {
                Terminal.out(result.yaml)
            }
        }
    }
}
