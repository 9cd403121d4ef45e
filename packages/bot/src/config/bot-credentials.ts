import {
  type Credentials,
  type CredentialsProvider,
  defaultCredentials,
  staticCredentials,
} from "@stepcord/signer";

/** Where the bot's signing credentials came from; logged at start (never the keys). */
export type CredentialsSource = "environment" | "default-chain" | "stack";

/** Keys that may or may not be set. */
export interface MaybeKeys {
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  sessionToken?: string | undefined;
}

export interface ChooseCredentialsInput {
  /** AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) from the bot's environment. */
  environment: MaybeKeys;
  /** botAccessKeyId / botSecretAccessKey from the Pulumi stack named by STEPCORD_STACK. */
  stack: MaybeKeys;
  /** The AWS default chain (profiles, SSO, web identity, ECS task role, instance role); the signer's by default. */
  chain?: CredentialsProvider;
}

const complete = (c: MaybeKeys): Credentials | undefined =>
  c.accessKeyId && c.secretAccessKey
    ? {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
      }
    : undefined;

/**
 * Keys in the environment win; otherwise the default chain. The stack's bot keys are a fallback for a machine with no
 * AWS credentials at all, so the chain is tried once at start when they exist: a profile, SSO session or role it
 * finds is used, and only if it finds none are the stack keys.
 */
export async function chooseCredentials(
  input: ChooseCredentialsInput,
): Promise<{ credentials: CredentialsProvider; source: CredentialsSource }> {
  const fromEnvironment = complete(input.environment);
  if (fromEnvironment) return { credentials: staticCredentials(fromEnvironment), source: "environment" };
  const chain = input.chain ?? defaultCredentials();
  const fromStack = complete(input.stack);
  if (!fromStack) return { credentials: chain, source: "default-chain" };
  try {
    await chain();
    return { credentials: chain, source: "default-chain" };
  } catch {
    return { credentials: staticCredentials(fromStack), source: "stack" };
  }
}
