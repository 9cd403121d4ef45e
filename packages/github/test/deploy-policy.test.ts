import { expect } from "chai";
import { deployPolicy } from "../src/deploy-policy.js";
import { permissionsBoundaryPolicy } from "../src/permissions-boundary.js";
import {
  ACCOUNT,
  BOUNDARY_ARN,
  botResources,
  type DeclaredResource,
  decide,
  infraResources,
  REGION,
} from "./support/simulate.js";

const policy = deployPolicy({ partition: "aws", accountId: ACCOUNT, permissionsBoundaryArn: BOUNDARY_ARN });
const iam = `arn:aws:iam::${ACCOUNT}`;
const withBoundary = { "iam:PermissionsBoundary": BOUNDARY_ARN };
/** Pulumi names a resource `<logical name>-<7 hex>` unless it sets `name`. */
const physical = (r: DeclaredResource) => r.physicalName ?? `${r.name}-a1b2c3d`;
const efs = `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}`;
const ecrRepository = (r: DeclaredResource) => `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${physical(r)}`;
/** What a service does on first use in an account, with the deploying principal's permissions. */
const serviceLinkedRole = (service: string, role: string) => ({
  action: "iam:CreateServiceLinkedRole",
  resource: `${iam}:role/aws-service-role/${service}/${role}`,
  context: { "iam:AWSServiceName": service },
});

interface Request {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

/**
 * The AWS requests `pulumi up` makes to create each resource type the stacks declare. A type missing here fails the
 * coverage test below: add its requests, then make the deploy policy allow them.
 */
const CREATE_REQUESTS: Record<string, (r: DeclaredResource) => Request[]> = {
  "aws:sns/topic:Topic": (r) => [
    { action: "sns:CreateTopic", resource: `arn:aws:sns:${REGION}:${ACCOUNT}:${physical(r)}` },
  ],
  "aws:sns/topicSubscription:TopicSubscription": () => [
    {
      action: "sns:Subscribe",
      resource: `arn:aws:sns:${REGION}:${ACCOUNT}:stepcord-monitoring-alerts-a1b2c3d`,
    },
  ],
  "aws:sns/topicPolicy:TopicPolicy": () => [
    {
      action: "sns:SetTopicAttributes",
      resource: `arn:aws:sns:${REGION}:${ACCOUNT}:stepcord-monitoring-alerts-a1b2c3d`,
    },
  ],
  "aws:cloudwatch/logGroup:LogGroup": (r) => [
    { action: "logs:CreateLogGroup", resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${physical(r)}` },
    {
      action: "logs:PutRetentionPolicy",
      resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${physical(r)}`,
    },
  ],
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": () => [
    {
      action: "logs:PutMetricFilter",
      resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:stepcord-webhook-access-logs-a1b2c3d`,
    },
  ],
  "aws:cloudwatch/metricAlarm:MetricAlarm": (r) => [
    {
      action: "cloudwatch:PutMetricAlarm",
      resource: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${physical(r)}`,
    },
  ],
  "aws:cloudwatch/dashboard:Dashboard": (r) => [
    {
      action: "cloudwatch:PutDashboard",
      resource: `arn:aws:cloudwatch::${ACCOUNT}:dashboard/${physical(r)}`,
    },
  ],
  "aws:budgets/budget:Budget": (r) => [
    { action: "budgets:ModifyBudget", resource: `arn:aws:budgets::${ACCOUNT}:budget/${physical(r)}` },
  ],
  "aws:dynamodb/table:Table": (r) =>
    ["CreateTable", "DescribeTable", "UpdateTimeToLive", "UpdateContinuousBackups", "TagResource"].map(
      (op) => ({
        action: `dynamodb:${op}`,
        resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${physical(r)}`,
      }),
    ),
  "aws:apigatewayv2/api:Api": () => [
    { action: "apigateway:POST", resource: `arn:aws:apigateway:${REGION}::/apis` },
    // The first API of an account creates API Gateway's service-linked role (docs/deploy.md).
    serviceLinkedRole("ops.apigateway.amazonaws.com", "AWSServiceRoleForAPIGateway"),
  ],
  "aws:apigatewayv2/stage:Stage": () => [
    { action: "apigateway:POST", resource: `arn:aws:apigateway:${REGION}::/apis/abc123/stages` },
  ],
  "aws:apigatewayv2/route:Route": () => [
    { action: "apigateway:POST", resource: `arn:aws:apigateway:${REGION}::/apis/abc123/routes` },
  ],
  "aws:apigatewayv2/integration:Integration": () => [
    { action: "apigateway:POST", resource: `arn:aws:apigateway:${REGION}::/apis/abc123/integrations` },
    {
      action: "iam:PassRole",
      resource: `${iam}:role/stepcord-events-start-role-a1b2c3d`,
      context: { "iam:PassedToService": "apigateway.amazonaws.com" },
    },
  ],
  "aws:sfn/stateMachine:StateMachine": (r) => [
    {
      action: "states:CreateStateMachine",
      resource: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${physical(r)}`,
    },
    {
      action: "iam:PassRole",
      resource: `${iam}:role/stepcord-notifier-role-a1b2c3d`,
      context: { "iam:PassedToService": "states.amazonaws.com" },
    },
    { action: "logs:CreateLogDelivery", resource: "*" },
  ],
  "aws:iam/role:Role": (r) => [
    { action: "iam:CreateRole", resource: `${iam}:role/${physical(r)}`, context: withBoundary },
    { action: "iam:TagRole", resource: `${iam}:role/${physical(r)}` },
  ],
  "aws:iam/rolePolicy:RolePolicy": () => [
    {
      action: "iam:PutRolePolicy",
      resource: `${iam}:role/stepcord-notifier-role-a1b2c3d`,
      context: withBoundary,
    },
  ],
  "aws:iam/user:User": (r) => [
    { action: "iam:CreateUser", resource: `${iam}:user/stepcord/${physical(r)}`, context: withBoundary },
  ],
  "aws:iam/accessKey:AccessKey": () => [
    { action: "iam:CreateAccessKey", resource: `${iam}:user/stepcord/stepcord-bot-user-a1b2c3d` },
  ],
  "aws:iam/policy:Policy": (r) => [{ action: "iam:CreatePolicy", resource: `${iam}:policy/${physical(r)}` }],
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": () => [
    {
      action: "iam:AttachUserPolicy",
      resource: `${iam}:user/stepcord/stepcord-bot-user-a1b2c3d`,
      context: { ...withBoundary, "iam:PolicyARN": `${iam}:policy/stepcord-bot-invoke-events-a1b2c3d` },
    },
  ],
  // The bot stack (packages/bot/deploy). awsx components are single resources under mocks; their entries list the
  // requests of what awsx creates inside them (pulumi/pulumi-awsx awsx/ecr/repository.ts, ecr/image.ts,
  // ec2/getDefaultVpc.ts, ecs/fargateService.ts, ecs/fargateTaskDefinition.ts).
  "awsx:ecr:Repository": (r) => [
    { action: "ecr:CreateRepository", resource: ecrRepository(r) },
    { action: "ecr:PutLifecyclePolicy", resource: ecrRepository(r) },
  ],
  "awsx:ecr:Image": () => [
    { action: "ecr:GetAuthorizationToken", resource: "*" },
    ...["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart"].map(
      (action) => ({
        action,
        resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/stepcord-bot-repository-a1b2c3d`,
      }),
    ),
    ...["ecr:CompleteLayerUpload", "ecr:PutImage"].map((action) => ({
      action,
      resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/stepcord-bot-repository-a1b2c3d`,
    })),
  ],
  "awsx:ec2:DefaultVpc": () => [
    { action: "ec2:DescribeVpcs", resource: "*" },
    { action: "ec2:DescribeSubnets", resource: "*" },
  ],
  "awsx:ecs:FargateService": (r) => [
    { action: "logs:CreateLogGroup", resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${physical(r)}` },
    {
      action: "logs:PutRetentionPolicy",
      resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${physical(r)}`,
    },
    { action: "ecs:RegisterTaskDefinition", resource: "*" },
    ...["stepcord-bot-task-role-a1b2c3d", "stepcord-bot-execution-role-a1b2c3d"].map((role) => ({
      action: "iam:PassRole",
      resource: `${iam}:role/${role}`,
      context: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
    })),
    {
      action: "ecs:CreateService",
      resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/stepcord-bot-cluster-a1b2c3d/${physical(r)}`,
    },
    serviceLinkedRole("ecs.amazonaws.com", "AWSServiceRoleForECS"),
  ],
  "aws:ecs/cluster:Cluster": (r) => [
    { action: "ecs:CreateCluster", resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${physical(r)}` },
    serviceLinkedRole("ecs.amazonaws.com", "AWSServiceRoleForECS"),
  ],
  "aws:efs/fileSystem:FileSystem": () => [{ action: "elasticfilesystem:CreateFileSystem", resource: "*" }],
  "aws:efs/mountTarget:MountTarget": () => [
    { action: "elasticfilesystem:CreateMountTarget", resource: `${efs}:file-system/fs-0123` },
    { action: "ec2:DescribeSubnets", resource: "*" },
    {
      action: "ec2:CreateNetworkInterface",
      resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:network-interface/*`,
    },
    // The first mount target of an account creates EFS's service-linked role (docs/deploy.md).
    serviceLinkedRole("elasticfilesystem.amazonaws.com", "AWSServiceRoleForAmazonElasticFileSystem"),
  ],
  "aws:efs/accessPoint:AccessPoint": () => [
    { action: "elasticfilesystem:CreateAccessPoint", resource: `${efs}:file-system/fs-0123` },
  ],
  "aws:ec2/securityGroup:SecurityGroup": () => [
    { action: "ec2:CreateSecurityGroup", resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/*` },
    {
      action: "ec2:AuthorizeSecurityGroupIngress",
      resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0123`,
    },
    {
      action: "ec2:AuthorizeSecurityGroupEgress",
      resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0123`,
    },
  ],
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (r) => [
    r.name.endsWith("-execution-managed")
      ? {
          action: "iam:AttachRolePolicy",
          resource: `${iam}:role/stepcord-bot-execution-role-a1b2c3d`,
          context: {
            ...withBoundary,
            "iam:PolicyARN": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
          },
        }
      : {
          action: "iam:AttachRolePolicy",
          resource: `${iam}:role/stepcord-bot-task-role-a1b2c3d`,
          context: { ...withBoundary, "iam:PolicyARN": `${iam}:policy/stepcord-bot-invoke-events-a1b2c3d` },
        },
  ],
};

/** Types that are not AWS resources: providers, stack references and stepcord's own components. */
const notAws = (type: string) => type.startsWith("pulumi:") || type.startsWith("stepcord:");

describe("the GitHub deploy role's policy", () => {
  let declared: DeclaredResource[];
  before(function () {
    this.timeout(120_000);
    declared = [...infraResources(), ...botResources()].filter((r) => !notAws(r.type));
  });

  it("knows the create requests of every AWS resource type the stepcord and stepcord-bot stacks declare", () => {
    expect(declared.length).to.be.greaterThan(20);
    const unknown = [...new Set(declared.map((r) => r.type))].filter((type) => !(type in CREATE_REQUESTS));
    expect(unknown, "add these types to CREATE_REQUESTS and to the deploy policy").to.deep.equal([]);
  });

  it("allows every request a first `pulumi up` of both stacks makes in a fresh account", async () => {
    const refused: string[] = [];
    for (const resource of declared)
      for (const request of CREATE_REQUESTS[resource.type]?.(resource) ?? []) {
        const decision = await decide(policy, request.action, request.resource, request.context);
        if (decision !== "Allowed")
          refused.push(`${resource.name}: ${request.action} on ${request.resource}`);
      }
    expect(refused).to.deep.equal([]);
  });

  it("refuses to create a role or user without the stepcord permissions boundary", async () => {
    expect(await decide(policy, "iam:CreateRole", `${iam}:role/stepcord-x`)).to.equal("ImplicitlyDenied");
    expect(
      await decide(policy, "iam:CreateRole", `${iam}:role/stepcord-x`, {
        "iam:PermissionsBoundary": `${iam}:policy/AdministratorAccess`,
      }),
    ).to.equal("ImplicitlyDenied");
    expect(await decide(policy, "iam:CreateUser", `${iam}:user/stepcord/x`)).to.equal("ImplicitlyDenied");
  });

  it("refuses IAM principals and policies outside the stepcord- names", async () => {
    expect(await decide(policy, "iam:CreateRole", `${iam}:role/admin`, withBoundary)).to.equal(
      "ImplicitlyDenied",
    );
    expect(
      await decide(policy, "iam:PutRolePolicy", `${iam}:role/OrganizationAccountAccessRole`, withBoundary),
    ).to.equal("ImplicitlyDenied");
    expect(await decide(policy, "iam:CreatePolicyVersion", `${iam}:policy/AdminPolicy`)).to.equal(
      "ImplicitlyDenied",
    );
  });

  it("refuses to attach AdministratorAccess, even to a stepcord role that carries the boundary", async () => {
    expect(
      await decide(policy, "iam:AttachRolePolicy", `${iam}:role/stepcord-x`, {
        ...withBoundary,
        "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
    ).to.equal("ImplicitlyDenied");
  });

  it("passes stepcord roles only to Step Functions, API Gateway and ECS tasks", async () => {
    const pass = (service: string) =>
      decide(policy, "iam:PassRole", `${iam}:role/stepcord-x`, { "iam:PassedToService": service });
    expect(await pass("ecs-tasks.amazonaws.com")).to.equal("Allowed");
    expect(await pass("lambda.amazonaws.com")).to.equal("ImplicitlyDenied");
    expect(await pass("ec2.amazonaws.com")).to.equal("ImplicitlyDenied");
  });

  it("allows the requests that create the bot's outbox file system and its mount targets", async () => {
    const efs = `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}`;
    for (const [action, resource] of [
      ["elasticfilesystem:CreateFileSystem", "*"],
      ["elasticfilesystem:CreateMountTarget", `${efs}:file-system/fs-0123`],
      ["elasticfilesystem:CreateAccessPoint", `${efs}:file-system/fs-0123`],
      ["ec2:CreateNetworkInterface", `arn:aws:ec2:${REGION}:${ACCOUNT}:network-interface/*`],
      ["ec2:CreateSecurityGroup", `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/*`],
    ] as const)
      expect(await decide(policy, action, resource), action).to.equal("Allowed");
  });

  // A fresh account has none of these roles; the service creates its own on first use, with the caller's
  // iam:CreateServiceLinkedRole (ECS: CreateCluster/CreateService; EFS: the first mount target, awsdocs
  // amazon-efs-user-guide using-service-linked-roles.md; API Gateway: the first API, awsdocs
  // amazon-api-gateway-developer-guide using-service-linked-roles.md).
  const SERVICE_LINKED_ROLES = [
    ["ecs.amazonaws.com", "AWSServiceRoleForECS"],
    ["elasticfilesystem.amazonaws.com", "AWSServiceRoleForAmazonElasticFileSystem"],
    ["ops.apigateway.amazonaws.com", "AWSServiceRoleForAPIGateway"],
  ] as const;
  const slr = (service: string, role: string) => `${iam}:role/aws-service-role/${service}/${role}`;

  for (const [service, role] of SERVICE_LINKED_ROLES) {
    it(`lets a first deploy create ${role} for ${service}`, async () => {
      expect(
        await decide(policy, "iam:CreateServiceLinkedRole", slr(service, role), {
          "iam:AWSServiceName": service,
        }),
      ).to.equal("Allowed");
    });
  }

  it("refuses the service-linked roles of services stepcord does not use", async () => {
    for (const [service, role] of [
      ["elasticloadbalancing.amazonaws.com", "AWSServiceRoleForElasticLoadBalancing"],
      ["autoscaling.amazonaws.com", "AWSServiceRoleForAutoScaling"],
      ["events.amazonaws.com", "AWSServiceRoleForCloudWatchEvents"],
    ] as const)
      expect(
        await decide(policy, "iam:CreateServiceLinkedRole", slr(service, role), {
          "iam:AWSServiceName": service,
        }),
        service,
      ).to.equal("ImplicitlyDenied");
  });

  it("refuses a service-linked role whose service name does not match its path", async () => {
    expect(
      await decide(policy, "iam:CreateServiceLinkedRole", slr("ecs.amazonaws.com", "AWSServiceRoleForECS"), {
        "iam:AWSServiceName": "elasticfilesystem.amazonaws.com",
      }),
    ).to.equal("ImplicitlyDenied");
  });

  it("can never lift a boundary or rewrite the boundary policy", async () => {
    expect(await decide(policy, "iam:DeleteRolePermissionsBoundary", `${iam}:role/stepcord-x`)).to.equal(
      "ExplicitlyDenied",
    );
    expect(await decide(policy, "iam:CreatePolicyVersion", BOUNDARY_ARN)).to.equal("ExplicitlyDenied");
  });
});

describe("the stepcord permissions boundary", () => {
  const boundary = permissionsBoundaryPolicy({ partition: "aws", accountId: ACCOUNT });

  it("leaves room for what stepcord's roles do at run time", async () => {
    const allowed = [
      ["execute-api:Invoke", `arn:aws:execute-api:${REGION}:${ACCOUNT}:abc123/$default/POST/events`],
      ["states:StartExecution", `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:stepcord-notifier-a1b2c3d`],
      [
        "states:StartSyncExecution",
        `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:stepcord-notifier-a1b2c3d`,
      ],
      ["dynamodb:PutItem", `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/stepcord-ledger-table-a1b2c3d`],
      // A STANDARD stack's bot learns each batch's outcome (decision 0028).
      [
        "states:DescribeExecution",
        `arn:aws:states:${REGION}:${ACCOUNT}:execution:stepcord-notifier-a1b2c3d:5f0c2b1e`,
      ],
      ["logs:CreateLogDelivery", "*"],
      ["ssm:GetParameters", `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/stepcord/dev/discord-token`],
      ["ecr:BatchGetImage", `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/stepcord-bot-repository-a1b2c3d`],
      ["elasticfilesystem:ClientWrite", `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-0123`],
    ];
    for (const [action = "", resource = ""] of allowed)
      expect(await decide(boundary, action, resource), action).to.equal("Allowed");
  });

  it("caps any role that carries it below IAM, S3 and other workflows, whatever its own policy says", async () => {
    const refused = [
      ["iam:CreateUser", `${iam}:user/attacker`],
      ["iam:AttachRolePolicy", `${iam}:role/stepcord-x`],
      ["s3:GetObject", "arn:aws:s3:::company-secrets/key"],
      ["states:StartExecution", `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:payroll`],
      ["states:DescribeExecution", `arn:aws:states:${REGION}:${ACCOUNT}:execution:payroll:5f0c2b1e`],
      ["dynamodb:GetItem", `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`],
      ["dynamodb:Scan", `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/stepcord-ledger-table-a1b2c3d`],
      ["sts:AssumeRole", `${iam}:role/OrganizationAccountAccessRole`],
    ];
    for (const [action = "", resource = ""] of refused)
      expect(await decide(boundary, action, resource), action).to.equal("ImplicitlyDenied");
  });
});
