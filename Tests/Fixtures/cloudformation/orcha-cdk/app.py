#!/usr/bin/env python3
"""Seed 002's four CDK stacks (Orcha, eu-central-1), for orcha-cost's CloudFormation import tests.

Mirrors the seed document: a VPC of two AZs with public and isolated subnets and no NAT gateway;
an Auto Scaling group of one t4g.medium (min=max=1, 8 GB gp3 root volume) in the public subnets
behind an ALB; RDS PostgreSQL db.t4g.medium Single-AZ, 30 GB gp3, credentials in Secrets
Manager; four SQS queues, two S3 buckets, an ECR repository keeping 5 images, a Route 53 hosted
zone; ten CloudWatch alarms, four log groups, an SNS topic and a CodePipeline with a CodeBuild
project. scripts/synth-cdk-fixtures synthesizes it (CDK_OUTDIR) without the cdk CLI.
"""
import aws_cdk as cdk
from aws_cdk import (
    Duration,
    aws_autoscaling as autoscaling,
    aws_certificatemanager as acm,
    aws_cloudwatch as cloudwatch,
    aws_codebuild as codebuild,
    aws_codedeploy as codedeploy,
    aws_codepipeline as codepipeline,
    aws_codepipeline_actions as actions,
    aws_ec2 as ec2,
    aws_ecr as ecr,
    aws_elasticloadbalancingv2 as elbv2,
    aws_iam as iam,
    aws_logs as logs,
    aws_rds as rds,
    aws_route53 as route53,
    aws_route53_targets as targets,
    aws_s3 as s3,
    aws_sns as sns,
    aws_sns_subscriptions as subscriptions,
    aws_sqs as sqs,
)
from constructs import Construct

ENV = cdk.Environment(account="700558745280", region="eu-central-1")
PREFIX = "v1-orcha"


class FoundationStack(cdk.Stack):
    def __init__(self, scope: Construct, id: str, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)
        self.vpc = ec2.Vpc(
            self, "Vpc", ip_addresses=ec2.IpAddresses.cidr("10.0.0.0/16"), max_azs=2, nat_gateways=0,
            restrict_default_security_group=False,
            subnet_configuration=[
                ec2.SubnetConfiguration(name="public", subnet_type=ec2.SubnetType.PUBLIC, cidr_mask=24),
                ec2.SubnetConfiguration(name="private", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED, cidr_mask=24),
            ],
        )
        self.alb_sg = ec2.SecurityGroup(self, "AlbSg", vpc=self.vpc, security_group_name=f"{PREFIX}-alb-sg")
        self.ec2_sg = ec2.SecurityGroup(self, "Ec2Sg", vpc=self.vpc, security_group_name=f"{PREFIX}-ec2-sg")
        self.rds_sg = ec2.SecurityGroup(self, "RdsSg", vpc=self.vpc, security_group_name=f"{PREFIX}-rds-sg")
        self.codebuild_sg = ec2.SecurityGroup(
            self, "CodeBuildSg", vpc=self.vpc, security_group_name=f"{PREFIX}-codebuild-sg")
        self.alb_sg.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(443))
        self.alb_sg.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(80))
        self.ec2_sg.add_ingress_rule(self.alb_sg, ec2.Port.tcp(8888))
        self.rds_sg.add_ingress_rule(self.ec2_sg, ec2.Port.tcp(5432))
        self.rds_sg.add_ingress_rule(self.codebuild_sg, ec2.Port.tcp(5432))

        self.documents = s3.Bucket(
            self, "Storage", bucket_name=f"{PREFIX}-global-storage-{self.account}",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL, encryption=s3.BucketEncryption.S3_MANAGED,
            removal_policy=cdk.RemovalPolicy.RETAIN)
        self.artifacts = s3.Bucket(
            self, "PipelineArtifacts", bucket_name=f"{PREFIX}-pipeline-artifacts-{self.account}",
            encryption=s3.BucketEncryption.S3_MANAGED, block_public_access=s3.BlockPublicAccess.BLOCK_ALL)
        ingest_dlq = sqs.Queue(
            self, "IngestDlq", queue_name=f"{PREFIX}-global-ingest-dlq", retention_period=Duration.days(14))
        self.ingest = sqs.Queue(
            self, "Ingest", queue_name=f"{PREFIX}-global-ingest", visibility_timeout=Duration.seconds(600),
            dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=3, queue=ingest_dlq))
        email_dlq = sqs.Queue(
            self, "EmailAcquireDlq", queue_name=f"{PREFIX}-global-email-acquire-dlq",
            retention_period=Duration.days(14))
        self.email = sqs.Queue(
            self, "EmailAcquire", queue_name=f"{PREFIX}-global-email-acquire", visibility_timeout=Duration.seconds(300),
            dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=3, queue=email_dlq))
        self.dlqs = [ingest_dlq, email_dlq]
        self.repository = ecr.Repository(self, "Repository", repository_name=PREFIX)
        self.repository.add_lifecycle_rule(max_image_count=5, description="keep the last 5 images")
        self.zone = route53.PublicHostedZone(self, "Zone", zone_name="prod.getorcha.com")


class DataStack(cdk.Stack):
    def __init__(self, scope: Construct, id: str, foundation: FoundationStack, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)
        self.db = rds.DatabaseInstance(
            self, "Database", instance_identifier=f"{PREFIX}-db",
            engine=rds.DatabaseInstanceEngine.postgres(version=rds.PostgresEngineVersion.of("18.1", "18")),
            instance_type=ec2.InstanceType("t4g.medium"),
            vpc=foundation.vpc, vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
            security_groups=[foundation.rds_sg],
            allocated_storage=30, max_allocated_storage=100, storage_type=rds.StorageType.GP3,
            multi_az=False, backup_retention=Duration.days(14), deletion_protection=True,
            credentials=rds.Credentials.from_generated_secret("orcha", secret_name=f"/{PREFIX}/db-credentials"),
            removal_policy=cdk.RemovalPolicy.SNAPSHOT)


class ComputeStack(cdk.Stack):
    def __init__(self, scope: Construct, id: str, foundation: FoundationStack, data: DataStack, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)
        role = iam.Role(
            self, "ServiceRole", role_name=f"{PREFIX}-service-role",
            assumed_by=iam.ServicePrincipal("ec2.amazonaws.com"),
            managed_policies=[iam.ManagedPolicy.from_aws_managed_policy_name("AmazonSSMManagedInstanceCore")])
        foundation.ingest.grant_consume_messages(role)
        foundation.email.grant_consume_messages(role)
        foundation.documents.grant_read_write(role)
        data.db.secret.grant_read(role)
        template = ec2.LaunchTemplate(
            self, "LaunchTemplate", instance_type=ec2.InstanceType("t4g.medium"),
            machine_image=ec2.MachineImage.latest_amazon_linux2023(cpu_type=ec2.AmazonLinuxCpuType.ARM_64),
            role=role, security_group=foundation.ec2_sg, associate_public_ip_address=True,
            user_data=ec2.UserData.for_linux(),
            block_devices=[ec2.BlockDevice(
                device_name="/dev/xvda",
                volume=ec2.BlockDeviceVolume.ebs(8, volume_type=ec2.EbsDeviceVolumeType.GP3, encrypted=True))])
        self.asg = autoscaling.AutoScalingGroup(
            self, "Asg", auto_scaling_group_name=f"{PREFIX}-asg", vpc=foundation.vpc,
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PUBLIC), launch_template=template,
            min_capacity=1, max_capacity=1,
            health_check=autoscaling.HealthCheck.elb(grace=Duration.seconds(300)))
        self.alb = elbv2.ApplicationLoadBalancer(
            self, "Alb", vpc=foundation.vpc, internet_facing=True, security_group=foundation.alb_sg)
        certificate = acm.Certificate(
            self, "Certificate", domain_name="app.prod.getorcha.com",
            validation=acm.CertificateValidation.from_dns(foundation.zone))
        https = self.alb.add_listener("Https", port=443, certificates=[certificate])
        https.add_targets("App", port=8888, protocol=elbv2.ApplicationProtocol.HTTP, targets=[self.asg],
                          health_check=elbv2.HealthCheck(path="/health"))
        self.alb.add_redirect()
        route53.ARecord(self, "AppRecord", zone=foundation.zone, record_name="app",
                        target=route53.RecordTarget.from_alias(targets.LoadBalancerTarget(self.alb)))
        self.certificate = certificate


class OpsStack(cdk.Stack):
    def __init__(self, scope: Construct, id: str, foundation: FoundationStack, data: DataStack,
                 compute: ComputeStack, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)
        alerts = sns.Topic(self, "Alerts", topic_name=f"{PREFIX}-alerts")
        alerts.add_subscription(subscriptions.EmailSubscription("ops@example.com"))
        for name in ["application", "user-data", "codebuild", "ssm-sessions"]:
            logs.LogGroup(self, f"Logs-{name}", log_group_name=f"/{PREFIX}/{name}",
                          retention=logs.RetentionDays.ONE_MONTH, removal_policy=cdk.RemovalPolicy.DESTROY)

        def alarm(name, metric, comparison, threshold):
            a = cloudwatch.Alarm(self, name, alarm_name=f"{PREFIX}-{name}", metric=metric, threshold=threshold,
                                 evaluation_periods=1, comparison_operator=comparison)
            a.node.add_dependency(alerts)

        lt = cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD
        gt = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD
        le = cloudwatch.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD
        db = data.db
        alarm("alb-unhealthy", cloudwatch.Metric(
            namespace="AWS/ApplicationELB", metric_name="HealthyHostCount",
            dimensions_map={"LoadBalancer": compute.alb.load_balancer_full_name}), lt, 1)
        alarm("ec2-status-check", cloudwatch.Metric(
            namespace="AWS/AutoScaling", metric_name="GroupInServiceInstances",
            dimensions_map={"AutoScalingGroupName": compute.asg.auto_scaling_group_name}), lt, 1)
        alarm("rds-no-connections", db.metric_database_connections(), le, 0)
        alarm("ingest-dlq-not-empty", foundation.dlqs[0].metric_approximate_number_of_messages_visible(), gt, 0)
        alarm("email-acquire-dlq-not-empty", foundation.dlqs[1].metric_approximate_number_of_messages_visible(), gt, 0)
        alarm("ec2-high-cpu", cloudwatch.Metric(
            namespace="AWS/EC2", metric_name="CPUUtilization",
            dimensions_map={"AutoScalingGroupName": compute.asg.auto_scaling_group_name}), gt, 80)
        alarm("rds-high-cpu", db.metric_cpu_utilization(), gt, 80)
        alarm("rds-low-storage", db.metric_free_storage_space(), lt, 5 * 1024 ** 3)
        alarm("rds-high-connections", db.metric_database_connections(), gt, 100)
        alarm("cert-expiring", compute.certificate.metric_days_to_expiry(), lt, 14)

        artifacts = foundation.artifacts
        build = codebuild.PipelineProject(
            self, "Build", project_name=f"{PREFIX}-build",
            environment=codebuild.BuildEnvironment(
                build_image=codebuild.LinuxArmBuildImage.AMAZON_LINUX_2_STANDARD_3_0,
                compute_type=codebuild.ComputeType.SMALL, privileged=True),
            logging=codebuild.LoggingOptions(cloud_watch=codebuild.CloudWatchLoggingOptions(
                log_group=logs.LogGroup.from_log_group_name(self, "BuildLogs", f"/{PREFIX}/codebuild"))))
        foundation.repository.grant_pull_push(build)
        application = codedeploy.ServerApplication(self, "DeployApp", application_name=PREFIX)
        group = codedeploy.ServerDeploymentGroup(
            self, "DeployGroup", application=application, deployment_group_name=f"{PREFIX}-production",
            auto_scaling_groups=[compute.asg], deployment_config=codedeploy.ServerDeploymentConfig.ALL_AT_ONCE,
            install_agent=True, auto_rollback=codedeploy.AutoRollbackConfig(failed_deployment=True))
        source = codepipeline.Artifact("Source")
        built = codepipeline.Artifact("Built")
        codepipeline.Pipeline(
            self, "Pipeline", pipeline_name=f"{PREFIX}-deploy", artifact_bucket=artifacts,
            pipeline_type=codepipeline.PipelineType.V1, cross_account_keys=False,
            stages=[
                codepipeline.StageProps(stage_name="Source", actions=[actions.CodeStarConnectionsSourceAction(
                    action_name="GitHub", owner="orcha", repo="orcha", branch="master", output=source,
                    connection_arn="arn:aws:codeconnections:eu-central-1:700558745280:connection/orcha")]),
                codepipeline.StageProps(stage_name="Build", actions=[actions.CodeBuildAction(
                    action_name="Build", project=build, input=source, outputs=[built])]),
                codepipeline.StageProps(stage_name="Approve", actions=[actions.ManualApprovalAction(
                    action_name="Approve", notification_topic=alerts)]),
                codepipeline.StageProps(stage_name="Deploy", actions=[actions.CodeDeployServerDeployAction(
                    action_name="Deploy", input=built, deployment_group=group)]),
            ])


app = cdk.App()
for key, value in {"Project": "orcha", "Environment": "prod", "ManagedBy": "cdk"}.items():
    cdk.Tags.of(app).add(key, value)
foundation = FoundationStack(app, "FoundationStack", env=ENV)
data = DataStack(app, "DataStack", foundation=foundation, env=ENV)
compute = ComputeStack(app, "ComputeStack", foundation=foundation, data=data, env=ENV)
OpsStack(app, "OpsStack", foundation=foundation, data=data, compute=compute, env=ENV)
app.synth()
