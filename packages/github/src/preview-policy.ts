/**
 * Pure: what the preview role needs beyond AWS's `ReadOnlyAccess` when stack secrets use a KMS secrets provider
 * (`awskms://`). Pulumi wraps each stack's data key with the key once (`kms:Encrypt`, at `pulumi stack init`) and
 * unwraps it on every preview (`kms:Decrypt`), which ReadOnlyAccess does not grant. Decrypt on that one key only.
 */
export function previewSecretsKeyPolicy(input: { kmsKeyArn: string }) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DecryptStackSecrets",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: input.kmsKeyArn,
      },
    ],
  };
}
