import CloudFormation
import CostModel
import Testing

@Suite struct TemplateReaderTests {
    @Test func shortFormTagsBecomeLongForms() throws {
        let v = try TemplateReader.parse(
            "Resources:\n  A:\n    Type: X\n    Properties: {P: !GetAtt B.Arn, Q: !Ref C}\n", path: "t.yaml")
        let p = v["Resources"]?["A"]?["Properties"]
        #expect(p?["P"]?.intrinsic?.name == "Fn::GetAtt")
        #expect(p?["Q"]?.intrinsic?.name == "Ref")
        #expect(p?["Q"]?.intrinsic?.argument.text == "C")
    }
}
