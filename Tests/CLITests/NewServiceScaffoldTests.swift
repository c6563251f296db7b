import Foundation
import TestSupport
import Testing

/// `scripts/new-service`, the scaffold of a new resource type, run on a copy of the files it edits.
@Suite struct NewServiceScaffoldTests {
    let script = Fixtures.root + "/scripts/new-service"

    /// A copy of the two files the scaffold edits (and one existing rule), laid out as in the repository.
    func tree() throws -> TempDir {
        let dir = TempDir()
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir.file("Sources/Pricing/Services"), withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir.file("pricing"), withIntermediateDirectories: true)
        for f in ["Sources/Pricing/Services/ServiceRules.swift", "Sources/Pricing/Services/NATGateway.swift", "pricing/keys.csv"]
        {
            try fm.copyItem(atPath: Fixtures.root + "/" + f, toPath: dir.file(f))
        }
        return dir
    }

    @Test func writesTheRuleRegistersItAndAddsItsKeys() throws {
        let dir = try tree()
        let keysBefore = readText(dir.file("pricing/keys.csv"))
        let (status, out, err) = try runProgram(script, ["mq_broker", "AmazonMQ", "--name", "MQBroker", "--root", dir.path])
        #expect(status == 0, "\(err)")
        #expect(out.hasPrefix("wrote \(dir.path)/Sources/Pricing/Services/MQBroker.swift\n"))
        let rule = readText(dir.file("Sources/Pricing/Services/MQBroker.swift"))
        #expect(rule.contains("public struct MQBroker: ServiceRule {"))
        #expect(rule.contains("public let type = \"mq_broker\""))
        #expect(rule.contains("key: \"mq_broker.hour\""))
        // Registered as the last element of ServiceRules.all.
        let rules = readText(dir.file("Sources/Pricing/Services/ServiceRules.swift"))
        #expect(rules.contains("FirehoseStream(),\n        MQBroker(),\n    ]\n"))
        // Two keys appended, nothing else in the registry changed.
        #expect(
            readText(dir.file("pricing/keys.csv"))
                == keysBefore + "mq_broker.hour,AmazonMQ,hour,,,regional,\"AmazonMQ: one mq_broker for an hour (fill in)\"\n"
                + "mq_broker.requests,AmazonMQ,request,,,regional,\"AmazonMQ: one request (fill in)\"\n")
        // The generated file is already in the repository's format.
        let (lint, _, lintErr) = try runProgram(
            "/usr/bin/env",
            [
                "swift", "format", "lint", "--strict", "--configuration", Fixtures.root + "/.swift-format",
                dir.file("Sources/Pricing/Services/MQBroker.swift"),
            ])
        #expect(lint == 0, "\(lintErr)")
    }

    @Test func refusesWhatExistsAndBadNamesAndWritesNothing() throws {
        let dir = try tree()
        let rulesBefore = readText(dir.file("Sources/Pricing/Services/ServiceRules.swift"))
        let keysBefore = readText(dir.file("pricing/keys.csv"))
        let cases: [([String], Int32, String)] = [
            (["nat_gateway", "AmazonVPC"], 65, "type 'nat_gateway' exists already"),
            (["ec2", "AmazonEC2"], 65, "pricing/keys.csv already has keys starting 'ec2.'"),
            (["MQBroker", "AmazonMQ"], 64, "type 'MQBroker' must be lower-case words joined by '_'"),
            (["mq_broker", "Amazon MQ"], 64, "offer code 'Amazon MQ' must be letters and digits"),
            (["mq_broker", "AmazonMQ", "--name", "mq"], 64, "--name 'mq' must be a Swift type name"),
            (["mq_broker"], 64, "usage: scripts/new-service TYPE OFFER_CODE"),
            (["nat_gateway", "AmazonVPC", "--name", "NATGateway"], 73, "NATGateway.swift exists already"),
        ]
        for (args, expected, message) in cases {
            let (status, _, err) = try runProgram(script, args + ["--root", dir.path])
            #expect(status == expected, "\(args): \(err)")
            #expect(err.contains(message), "\(args): \(err)")
        }
        #expect(readText(dir.file("Sources/Pricing/Services/ServiceRules.swift")) == rulesBefore)
        #expect(readText(dir.file("pricing/keys.csv")) == keysBefore)
        #expect(!FileManager.default.fileExists(atPath: dir.file("Sources/Pricing/Services/MqBroker.swift")))
    }
}
