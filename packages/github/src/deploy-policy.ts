/** Pure: what `pulumi up` of stepcord needs, scoped to `stepcord-` names where IAM allows. */
export function deployPolicy(opts: {
  partition: string;
  accountId: string;
  stateBucket?: string;
  kmsKeyArn?: string;
}) {
  const iam = `arn:${opts.partition}:iam::${opts.accountId}`;
  const statements: Record<string, unknown>[] = [
    {
      Sid: "Services",
      Effect: "Allow",
      Action: [
        "apigateway:*",
        "states:*",
        "logs:*",
        "cloudwatch:*",
        "sns:*",
        "budgets:*",
        "sts:GetCallerIdentity",
      ],
      Resource: "*",
    },
    {
      Sid: "IamStepcordOnly",
      Effect: "Allow",
      Action: ["iam:*Role*", "iam:*Policy*", "iam:*User*", "iam:*AccessKey*", "iam:TagRole", "iam:TagUser"],
      Resource: [`${iam}:role/stepcord-*`, `${iam}:policy/stepcord-*`, `${iam}:user/stepcord-*`],
    },
    {
      Sid: "PassStepcordRoles",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: `${iam}:role/stepcord-*`,
      Condition: {
        StringEquals: { "iam:PassedToService": ["states.amazonaws.com", "apigateway.amazonaws.com"] },
      },
    },
  ];
  if (opts.stateBucket) {
    statements.push({
      Sid: "StateBucket",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"],
      Resource: [
        `arn:${opts.partition}:s3:::${opts.stateBucket}`,
        `arn:${opts.partition}:s3:::${opts.stateBucket}/*`,
      ],
    });
  }
  if (opts.kmsKeyArn) {
    statements.push({
      Sid: "SecretsKey",
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:Decrypt"],
      Resource: opts.kmsKeyArn,
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
