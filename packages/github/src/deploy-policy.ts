import { ECS_TASK_EXECUTION_POLICY_NAME, ECS_TASKS_SERVICE } from "@stepcord/definitions";
import type { AccountScope } from "./permissions-boundary.js";

export interface DeployPolicyInput extends AccountScope {
  /** ARN of the stepcord permissions boundary every created role and user must carry. */
  permissionsBoundaryArn: string;
  stateBucket?: string;
  kmsKeyArn?: string;
}

/** The AWS-managed policy the bot's Fargate execution role attaches (image pull and logs). */
export const ECS_TASK_EXECUTION_POLICY = `policy/${ECS_TASK_EXECUTION_POLICY_NAME}`;

/**
 * The service-linked roles the stacks' services create on first use with the deploying principal's
 * `iam:CreateServiceLinkedRole`, so a fresh account's first deploy fails without them (docs/deploy.md lists the
 * services checked and their sources):
 * - ECS, on CreateCluster/CreateService (ECS API reference, CreateCluster);
 * - EFS, on the first mount target (awsdocs amazon-efs-user-guide, using-service-linked-roles.md);
 * - API Gateway, on the first API (awsdocs amazon-api-gateway-developer-guide, using-service-linked-roles.md).
 * Step Functions has none; CloudWatch's are only for EC2 and Systems Manager alarm actions, which stepcord's alarms
 * do not use.
 */
export const SERVICE_LINKED_ROLES = [
  { service: "ecs.amazonaws.com", role: "AWSServiceRoleForECS" },
  { service: "elasticfilesystem.amazonaws.com", role: "AWSServiceRoleForAmazonElasticFileSystem" },
  { service: "ops.apigateway.amazonaws.com", role: "AWSServiceRoleForAPIGateway" },
] as const;

/**
 * Pure: what `pulumi up` of the `stepcord` and `stepcord-bot` stacks needs. Service APIs are allowed by service, since
 * their resources are created under generated names; IAM, the one that could escalate, is held to `stepcord-` names
 * and paths, and every role or user it creates or changes must carry the permissions boundary (see
 * permissions-boundary.ts), which it may never remove. Policies may be attached only if they are stepcord's own or the
 * one AWS-managed policy the bot's execution role needs.
 */
export function deployPolicy(input: DeployPolicyInput) {
  const iam = `arn:${input.partition}:iam::${input.accountId}`;
  const stepcordRoles = `${iam}:role/stepcord-*`;
  const stepcordUsers = [`${iam}:user/stepcord-*`, `${iam}:user/stepcord/*`];
  const withBoundary = { StringEquals: { "iam:PermissionsBoundary": input.permissionsBoundaryArn } };
  const statements: Record<string, unknown>[] = [
    {
      Sid: "StepcordServices",
      Effect: "Allow",
      Action: [
        "apigateway:*",
        "states:*",
        "logs:*",
        "cloudwatch:*",
        "sns:*",
        "budgets:*",
        "ecs:*",
        "ecr:*",
        // The bot's outbox file system, its mount targets and access point (file-system ids are random, so no name).
        "elasticfilesystem:*",
        "sts:GetCallerIdentity",
      ],
      Resource: "*",
    },
    {
      // The delivery ledger: Pulumi names it stepcord-ledger-table-<hex>; no other table is reachable.
      Sid: "StepcordLedgerTable",
      Effect: "Allow",
      Action: "dynamodb:*",
      Resource: `arn:${input.partition}:dynamodb:*:${input.accountId}:table/stepcord-*`,
    },
    {
      // The bot's Fargate service: find the default VPC and manage its security groups and EFS mount targets.
      Sid: "BotNetwork",
      Effect: "Allow",
      Action: [
        "ec2:Describe*",
        "ec2:CreateSecurityGroup",
        "ec2:DeleteSecurityGroup",
        "ec2:AuthorizeSecurityGroupEgress",
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:CreateTags",
        // EFS creates and deletes a mount target's network interface with the caller's permissions.
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
      ],
      Resource: "*",
    },
    {
      Sid: "CreatePrincipalsOnlyWithTheBoundary",
      Effect: "Allow",
      Action: [
        "iam:CreateRole",
        "iam:CreateUser",
        "iam:PutRolePolicy",
        "iam:PutUserPolicy",
        "iam:PutRolePermissionsBoundary",
        "iam:PutUserPermissionsBoundary",
      ],
      Resource: [stepcordRoles, ...stepcordUsers],
      Condition: withBoundary,
    },
    {
      Sid: "AttachOnlyStepcordPolicies",
      Effect: "Allow",
      Action: [
        "iam:AttachRolePolicy",
        "iam:DetachRolePolicy",
        "iam:AttachUserPolicy",
        "iam:DetachUserPolicy",
      ],
      Resource: [stepcordRoles, ...stepcordUsers],
      Condition: {
        ...withBoundary,
        ArnLike: {
          "iam:PolicyARN": [
            `${iam}:policy/stepcord-*`,
            `arn:${input.partition}:iam::aws:${ECS_TASK_EXECUTION_POLICY}`,
          ],
        },
      },
    },
    {
      Sid: "ManageStepcordPrincipals",
      Effect: "Allow",
      Action: [
        "iam:GetRole",
        "iam:GetRolePolicy",
        "iam:ListRolePolicies",
        "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole",
        "iam:UpdateRole",
        "iam:UpdateRoleDescription",
        "iam:UpdateAssumeRolePolicy",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:DeleteRole",
        "iam:DeleteRolePolicy",
        "iam:GetUser",
        "iam:GetUserPolicy",
        "iam:ListUserPolicies",
        "iam:ListAttachedUserPolicies",
        "iam:ListGroupsForUser",
        "iam:TagUser",
        "iam:UntagUser",
        "iam:DeleteUser",
        "iam:DeleteUserPolicy",
        "iam:CreateAccessKey",
        "iam:DeleteAccessKey",
        "iam:ListAccessKeys",
        "iam:UpdateAccessKey",
      ],
      Resource: [stepcordRoles, ...stepcordUsers],
    },
    {
      Sid: "ManageStepcordPolicies",
      Effect: "Allow",
      Action: [
        "iam:CreatePolicy",
        "iam:CreatePolicyVersion",
        "iam:DeletePolicy",
        "iam:DeletePolicyVersion",
        "iam:GetPolicy",
        "iam:GetPolicyVersion",
        "iam:ListPolicyVersions",
        "iam:ListEntitiesForPolicy",
        "iam:TagPolicy",
        "iam:UntagPolicy",
      ],
      Resource: `${iam}:policy/stepcord-*`,
    },
    {
      Sid: "PassStepcordRolesToTheirServices",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: stepcordRoles,
      Condition: {
        StringEquals: {
          "iam:PassedToService": ["states.amazonaws.com", "apigateway.amazonaws.com", ECS_TASKS_SERVICE],
        },
      },
    },
    // One statement per role, so each role's path is tied to its own service name. A service-linked role takes no
    // permissions boundary: its policy is AWS's and fixed, and only its service can assume it.
    ...SERVICE_LINKED_ROLES.map(({ service, role }) => ({
      Sid: `ServiceLinkedRole${role.replace("AWSServiceRoleFor", "")}`,
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: `${iam}:role/aws-service-role/${service}/${role}`,
      Condition: { StringEquals: { "iam:AWSServiceName": service } },
    })),
    {
      // Explicit, so no later Allow (e.g. an administrator's attachment) lets a deploy lift the ceiling.
      Sid: "NeverLiftTheBoundary",
      Effect: "Deny",
      Action: ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"],
      Resource: "*",
    },
    {
      Sid: "NeverChangeTheBoundaryItself",
      Effect: "Deny",
      Action: [
        "iam:CreatePolicyVersion",
        "iam:DeletePolicy",
        "iam:DeletePolicyVersion",
        "iam:SetDefaultPolicyVersion",
      ],
      Resource: input.permissionsBoundaryArn,
    },
  ];
  if (input.stateBucket) {
    statements.push({
      Sid: "StateBucket",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"],
      Resource: [
        `arn:${input.partition}:s3:::${input.stateBucket}`,
        `arn:${input.partition}:s3:::${input.stateBucket}/*`,
      ],
    });
  }
  if (input.kmsKeyArn) {
    // Pulumi's awskms secrets provider wraps a locally generated data key with kms:Encrypt (stack init, secrets
    // provider change) and unwraps it with kms:Decrypt; it never calls kms:GenerateDataKey.
    statements.push({
      Sid: "SecretsKey",
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:Decrypt"],
      Resource: input.kmsKeyArn,
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
